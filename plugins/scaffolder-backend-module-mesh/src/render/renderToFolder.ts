import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  analyze,
  applyCanaryStep,
  CanaryStep,
  clusterObjectsFromFiles,
  dnsLabel,
  Finding,
  FieldError,
  formatFieldErrors,
  mergePolicyInput,
  objectRef,
  overheadForPolicy,
  OverheadEstimate,
  parseMeshPolicy,
  parseNamespacePolicy,
  parseYaml,
  prune,
  renderNamespacePolicy,
  renderPolicy,
  RenderedPolicy,
  YamlParseError,
} from '@meshport/plugin-mesh-common';
import { readFolder } from '../folder/folderFiles';
import { FolderPlan, planFolder, storedPolicy } from '../folder/folderPlan';
import { folderFor, GitOpsLayout } from '../layout';
import { renderSummary } from '../summary';
import { changeBranchName } from '@meshport/plugin-mesh-node';

/** What a form asks to change: a service's policy sections, or a namespace's policy. */
export type RenderRequest =
  | { kind: 'service'; policy: Record<string, unknown>; removeSections?: string[]; canaryStep?: CanaryStep; entityRef?: string }
  | { kind: 'namespace'; namespacePolicy: Record<string, unknown>; entityRef?: string };

/** A render laid over a folder, complete and validated, before anything is written. */
export interface RenderOutcome {
  /** Repository-relative folder, e.g. "mesh/payments/payment-service". */
  folder: string;
  subject: string;
  plan: FolderPlan;
  findings: Finding[];
  overhead?: OverheadEstimate;
  summary: string;
  branchName: string;
  title: string;
}

function fieldError(errors: FieldError[]): InputError {
  return new InputError(`Invalid mesh policy:\n${formatFieldErrors(errors)}`);
}

function requireName(value: unknown, field: string): string {
  const parsed = dnsLabel.safeParse(value);
  if (!parsed.success) {
    throw fieldError([{ field, message: value === undefined ? 'is required' : parsed.error.issues[0].message }]);
  }
  return parsed.data;
}

function withRepositoryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof YamlParseError) throw new InputError(`The GitOps repository holds a file Meshport cannot read: ${error.message}`);
    throw error;
  }
}

interface Rendered {
  rendered: RenderedPolicy;
  policyDocument: unknown;
  overhead?: OverheadEstimate;
}

function renderService(request: Extract<RenderRequest, { kind: 'service' }>, existing: Map<string, string>): Rendered {
  let merged = mergePolicyInput(withRepositoryErrors(() => storedPolicy(existing)), request.policy, request.removeSections);
  if (request.canaryStep) {
    if (request.canaryStep.step !== 'start' && !merged.canary) {
      throw new InputError(`canaryStep.step: there is no canary to ${request.canaryStep.step} for this service; start one first`);
    }
    const parsed = parseMeshPolicy(merged, 'policy');
    if (!parsed.ok) throw fieldError(parsed.errors);
    let stepped;
    try {
      stepped = applyCanaryStep(parsed.value, request.canaryStep);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    merged = { ...merged, canary: prune(stepped.canary) };
  }
  const parsed = parseMeshPolicy(merged, 'policy');
  if (!parsed.ok) throw fieldError(parsed.errors);
  return { rendered: renderPolicy(parsed.value), policyDocument: merged, overhead: overheadForPolicy(parsed.value) };
}

function renderNamespace(request: Extract<RenderRequest, { kind: 'namespace' }>): Rendered {
  const parsed = parseNamespacePolicy(request.namespacePolicy, 'namespacePolicy');
  if (!parsed.ok) throw fieldError(parsed.errors);
  return { rendered: renderNamespacePolicy(parsed.value), policyDocument: request.namespacePolicy };
}

/** Every file under the layout's top folder after the plan, for analysis across services. */
async function treeAfterPlan(root: string, folder: string, plan: FolderPlan) {
  const top = folder.split('/')[0];
  const others = [...(await readFolder(path.join(root, top)))]
    .map(([file, text]) => ({ path: `${top}/${file}`, text }))
    .filter(file => !file.path.startsWith(`${folder}/`));
  const inFolder = plan.writes.map(write => ({ path: `${folder}/${write.path}`, text: write.content }));
  const kept = await readFolder(path.join(root, folder));
  const keptFiles = plan.kept.map(file => ({ path: `${folder}/${file}`, text: kept.get(file) ?? '' }));
  return [...others, ...inFolder, ...keptFiles]
    .filter(file => /\.ya?ml$/.test(file.path))
    .map(file => ({ path: file.path, documents: withRepositoryErrors(() => parseYaml(file.text, file.path)) }));
}

function analysisError(errors: Finding[]): InputError {
  const lines = errors.map(f => `${f.resource}${f.path ? ` ${f.path}` : ''}: ${f.message} [${f.code}]`);
  return new InputError(`The mesh configuration would be broken; nothing was written:\n${lines.join('\n')}`);
}

/**
 * Renders a request into a GitOps tree rooted at `root`: reads what the folder holds, lays the form's
 * sections over the stored policy, renders, plans the folder and analyzes the whole mesh tree. Writes
 * nothing; throws InputError naming the fields or findings when the result would be invalid.
 */
export async function renderToFolder(root: string, layout: GitOpsLayout, request: RenderRequest): Promise<RenderOutcome> {
  const names =
    request.kind === 'service'
      ? {
          namespace: requireName((request.policy.service as any)?.namespace, 'policy.service.namespace'),
          service: requireName((request.policy.service as any)?.name, 'policy.service.name'),
        }
      : { namespace: requireName(request.namespacePolicy.namespace, 'namespacePolicy.namespace') };
  const folder = folderFor(request.kind === 'service' ? layout.service : layout.namespace, names);
  const existing = await readFolder(path.join(root, folder));
  const { rendered, policyDocument, overhead } = request.kind === 'service' ? renderService(request, existing) : renderNamespace(request);
  const plan = withRepositoryErrors(() => planFolder(existing, rendered.files, policyDocument));
  const findings = analyze(clusterObjectsFromFiles(await treeAfterPlan(root, folder, plan)));
  // Errors in objects this render owns stop it; others' errors are reported, not blamed on this change.
  const ours = new Set(rendered.objects.map(objectRef));
  const blocking = findings.filter(f => f.level === 'error' && ours.has(f.resource));
  if (blocking.length > 0) throw analysisError(blocking);

  const subject = 'service' in names ? `${names.service}.${names.namespace}` : `namespace ${names.namespace}`;
  const branchName = changeBranchName(names);
  return {
    folder,
    subject,
    plan,
    findings,
    overhead,
    branchName,
    title: `Mesh configuration for ${subject}`,
    summary: renderSummary({ subject, folder, plan, findings, overhead, entityRef: request.entityRef }),
  };
}
