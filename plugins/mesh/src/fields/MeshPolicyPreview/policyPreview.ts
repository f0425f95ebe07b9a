import { Entity } from '@backstage/catalog-model';
import {
  AccessChange,
  accessChanges,
  CanaryStep,
  canaryStepFromForm,
  CanaryStepInput,
  compareDataPlanes,
  DataPlaneComparison,
  FieldError,
  knownCallers,
  objectsWithPatches,
  ObservedCaller,
  OverheadEstimate,
  overheadForPolicy,
  ParseResult,
  POLICY_FILE,
  policyFileText,
  policyAfterChange,
  policyFromForm,
  policyInWords,
  resolveTemplateInput,
  withObservedCallers,
  withoutEmptyValues,
} from '@meshport/plugin-mesh-common';
import { analyze, Finding, parseYaml, toYaml } from '@meshport/istio-config';

/** The policy an earlier render stored in the folder's files, if it is there and can be read (else the action reports it). */
export function storedPolicyOf(files: Array<{ path: string; content: string }> | undefined): unknown {
  const text = files?.find(file => file.path === POLICY_FILE)?.content;
  if (text === undefined) return undefined;
  try {
    const documents = parseYaml(text, POLICY_FILE);
    return documents.length === 1 ? documents[0] : undefined;
  } catch {
    return undefined;
  }
}

/** What the form would propose: the files, the findings, the sidecar cost and both data planes' costs; or why it cannot yet. */
export type PolicyPreview =
  | {
      ok: true;
      files: Array<{ path: string; content: string }>;
      findings: Finding[];
      overhead: OverheadEstimate;
      dataPlanes: DataPlaneComparison;
      /** Each caller the stored or the new policy names: its access before and after, as the action will judge it. */
      access: AccessChange[];
      /** What the policy after the change does, in sentences. */
      words: string[];
    }
  | { ok: false; errors: FieldError[] };

/**
 * What the preview field keeps as its form value, for its validation and the render step
 * (`parameters.preview.confirmAccessLoss`): the callers that would lose access, those the user ticked as
 * meant, and why the form cannot be previewed yet.
 *
 * @public
 */
export interface PreviewValue {
  /** Callers ("namespace/serviceaccount") the change takes access away from. */
  losing: string[];
  /** Those of them the user ticked as meant. */
  confirmAccessLoss: string[];
  /** Why the preview cannot render, as "field: message". */
  errors: string[];
}

/** The preview's form value: the callers it shows losing access, with the ticks that still name one of them. */
export function previewValue(preview: PolicyPreview | undefined, confirmed: string[]): PreviewValue {
  if (!preview) return { losing: [], confirmAccessLoss: [], errors: ['the preview has not been computed yet'] };
  if (!preview.ok) return { losing: [], confirmAccessLoss: [], errors: preview.errors.map(e => `${e.field}: ${e.message}`) };
  const losing = [...new Set(preview.access.filter(change => change.before === 'allow' && change.after === 'deny').map(change => change.caller))];
  return { losing, confirmAccessLoss: confirmed.filter(caller => losing.includes(caller)), errors: [] };
}

/** Why the form may not go on: an input the preview cannot render, or a caller losing access that is not ticked. */
export function previewProblems(value: Partial<PreviewValue> | undefined): string[] {
  if (!value) return ['wait for the preview'];
  const unticked = (value.losing ?? []).filter(caller => !(value.confirmAccessLoss ?? []).includes(caller));
  return [
    ...(value.errors ?? []),
    ...(unticked.length > 0 ? [`${unticked.join(', ')} would lose access: tick each one that is meant, or change the form so they keep it`] : []),
  ];
}

/** The objects a folder's files put in the cluster, kustomize patches included (they say its data plane and waypoint). */
function folderObjects(files: Array<{ path: string; content: string }>): unknown[] {
  return objectsWithPatches(
    files
      .filter(file => file.path.endsWith('.yaml') || file.path.endsWith('.yml'))
      .flatMap(file => {
        try {
          return parseYaml(file.content, file.path);
        } catch {
          return [];
        }
      }),
  );
}

/** The template's canary step, resolved and read as mesh:render reads it. */
function canaryStepOf(input: unknown, context: Record<string, unknown>): ParseResult<CanaryStep> {
  return canaryStepFromForm(withoutEmptyValues(resolveTemplateInput(input, context)) as CanaryStepInput);
}

/**
 * The policy the template's `mesh:render` step will receive, resolved from its own input expressions
 * against the form values and the chosen entity (as the `catalog:fetch` step gives it), laid over the
 * policy the folder stores (`stored`) with the sections it removes, then checked, rendered and analyzed by
 * the same library as the action: the template stays the one source of truth.
 */
export function previewPolicy(
  template: Entity,
  entity: Entity | undefined,
  formData: Record<string, unknown>,
  stored?: unknown,
  mergedFiles: Array<{ path: string; content: string }> = [],
  observed: ObservedCaller[] = [],
): PolicyPreview {
  const steps = ((template.spec as any)?.steps ?? []) as Array<{ id?: string; action?: string; input?: Record<string, unknown> }>;
  const render = steps.find(step => step.action === 'mesh:render');
  if (!render?.input?.policy && !render?.input?.edit)
    return { ok: false, errors: [{ field: 'template', message: `${template.metadata.name} has no mesh:render step with a policy or an edit` }] };
  const fetchStep = steps.find(step => step.action === 'catalog:fetch')?.id ?? 'fetch';
  const context = { parameters: formData, steps: { [fetchStep]: { output: { entity } } } };
  const sections = (render.input.policy === undefined ? {} : resolveTemplateInput(render.input.policy, context)) as Record<string, unknown>;
  const removed = render.input.removeSections === undefined ? [] : resolveTemplateInput(render.input.removeSections, context);
  const edit = render.input.edit === undefined ? undefined : (resolveTemplateInput(render.input.edit, context) as Record<string, unknown>);
  const step = render.input.canaryStep === undefined ? undefined : canaryStepOf(render.input.canaryStep, context);
  if (step && !step.ok) return step;
  const after = policyAfterChange(stored, {
    policy: policyFromForm(sections),
    removeSections: Array.isArray(removed) ? removed.map(String) : [],
    edit,
    canaryStep: step?.value,
  });
  if (!after.ok) return after;
  const { document, policy, rendered, before } = after.value;
  // The manifests and the stored policy, as the commit holds them (meshport-owned.yaml, Meshport's record, besides).
  const files = [...rendered.files.map(file => ({ path: file.path, content: toYaml(file.objects) })), { path: POLICY_FILE, content: policyFileText(document) }];
  const host = `${policy.service.name}.${policy.service.namespace}.svc.cluster.local`;
  // The folder as the branch holds it against the folder as the change leaves it: the action asks the same of the whole mesh tree.
  const access = accessChanges(folderObjects(mergedFiles), folderObjects(files), host, withObservedCallers(knownCallers(before, policy), observed, policy));
  return {
    ok: true,
    access,
    words: policyInWords(policy),
    files,
    findings: analyze([...rendered.objects], { mode: 'files' }),
    overhead: overheadForPolicy(policy),
    dataPlanes: compareDataPlanes(policy),
  };
}
