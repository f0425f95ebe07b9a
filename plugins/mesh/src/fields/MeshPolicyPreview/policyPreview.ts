import { Entity } from '@backstage/catalog-model';
import { analyze, compareDataPlanes, DataPlaneComparison, FieldError, Finding, OverheadEstimate, overheadForPolicy, parseMeshPolicy, policyFromForm, renderPolicy, resolveTemplateInput, toYaml } from '@meshport/plugin-mesh-common';

/** What the form would propose: the files, the findings, the sidecar cost and both data planes' costs; or why it cannot yet. */
export type PolicyPreview =
  | { ok: true; files: Array<{ path: string; content: string }>; findings: Finding[]; overhead: OverheadEstimate; dataPlanes: DataPlaneComparison }
  | { ok: false; errors: FieldError[] };

/**
 * The policy the template's `mesh:render` step will receive, resolved from its own input expressions
 * against the form values and the chosen entity (as the `catalog:fetch` step gives it), then checked,
 * rendered and analyzed by the same library as the action: the template stays the one source of truth.
 */
export function previewPolicy(template: Entity, entity: Entity | undefined, formData: Record<string, unknown>): PolicyPreview {
  const steps = ((template.spec as any)?.steps ?? []) as Array<{ id?: string; action?: string; input?: Record<string, unknown> }>;
  const render = steps.find(step => step.action === 'mesh:render');
  if (!render?.input?.policy) return { ok: false, errors: [{ field: 'template', message: `${template.metadata.name} has no mesh:render step with a policy` }] };
  const fetchStep = steps.find(step => step.action === 'catalog:fetch')?.id ?? 'fetch';
  const sections = resolveTemplateInput(render.input.policy, { parameters: formData, steps: { [fetchStep]: { output: { entity } } } }) as Record<string, unknown>;
  const parsed = parseMeshPolicy(policyFromForm(sections), 'policy');
  if (!parsed.ok) return parsed;
  const rendered = renderPolicy(parsed.value);
  return {
    ok: true,
    files: rendered.files.map(file => ({ path: file.path, content: toYaml(file.objects) })),
    findings: analyze([...rendered.objects], { mode: 'files' }),
    overhead: overheadForPolicy(parsed.value),
    dataPlanes: compareDataPlanes(parsed.value),
  };
}
