import { InputError } from '@backstage/errors';
import {
  CanaryStep,
  clusterObjectsFromFiles,
  dnsLabel,
  egressGatewayNamespaceIssues,
  fieldPath,
  MeshPolicy,
  mergePolicyInput,
  objectRef,
  overheadForPolicy,
  OverheadEstimate,
  parseNamespacePolicy,
  policyAfterChange,
  PolicyValidationError,
  renderNamespacePolicy,
  RenderedPolicy,
} from '@meshport/plugin-mesh-common';
import { analyze, Finding, parseYaml, YamlParseError } from '@meshport/istio-config';
import { FolderPlan, planFolder, storedPolicy } from '../folder/folderPlan';
import { checkAccess, objectsOf } from './accessCheck';
import { ObservedCallers } from './observedCallers';
import { renderSummary, RenderSummaryInput } from '../summary';
import { changeBranchName, RepositorySnapshot } from '@meshport/plugin-mesh-node';

/** What a form asks to change: a service's policy sections, or a namespace's policy. */
export type RenderRequest =
  | {
      kind: 'service';
      policy: Record<string, unknown>;
      removeSections?: string[];
      canaryStep?: CanaryStep;
      /** Fields of the stored policy to change, each kept as stored otherwise (see editPolicy); needs a stored policy. */
      edit?: Record<string, unknown>;
      entityRef?: string;
      /** Callers the user accepts to see lose access ("namespace/serviceaccount"). */
      confirmAccessLoss?: string[];
      /** Who the mesh status saw calling the service, or why that is unknown (said in the summary). */
      observed?: ObservedCallers;
    }
  | { kind: 'namespace'; namespacePolicy: Record<string, unknown>; entityRef?: string };

/** A render laid over a folder, complete and validated, before anything is written. */
export interface RenderOutcome {
  /** Repository-relative folder, e.g. "mesh/payments/payment-service". */
  folder: string;
  subject: string;
  plan: FolderPlan;
  /** Findings on the objects this render writes. */
  findings: Finding[];
  /** Findings on other objects of the repository. */
  otherFindings: Finding[];
  overhead?: OverheadEstimate;
  /** Files of other folders Meshport could not read; reported, not blocking. */
  warnings: string[];
  summary: string;
  branchName: string;
  title: string;
}

function requireName(value: unknown, field: string): string {
  const parsed = dnsLabel.safeParse(value);
  if (!parsed.success) {
    throw new PolicyValidationError([{ field, message: value === undefined ? 'is required' : parsed.error.issues[0].message }]);
  }
  return parsed.data;
}

interface Rendered {
  rendered: RenderedPolicy;
  policyDocument: unknown;
  /** The parsed service policy, and the stored one it replaces, for the access check. */
  policy?: MeshPolicy;
  before?: MeshPolicy;
  overhead?: OverheadEstimate;
  migration?: RenderSummaryInput['migration'];
}

/** What the portal's configuration decides for every render. */
export interface RenderSettings {
  /** mesh.egress.gatewayNamespaces: where egress gateways run, the only namespaces a ServiceEntry may be exported to besides its own. */
  egressGatewayNamespaces: string[];
}

/** Refuses egress through a gateway in a namespace the portal does not list: the ServiceEntry would be exported into it. */
function checkEgressGateways(policy: MeshPolicy, settings: RenderSettings) {
  const issues = egressGatewayNamespaceIssues(policy.egress ?? [], settings.egressGatewayNamespaces);
  if (issues.length > 0)
    throw new PolicyValidationError(issues.map(issue => ({ field: fieldPath(['policy', 'egress', ...issue.path]), message: issue.message })));
}

function renderService(request: Extract<RenderRequest, { kind: 'service' }>, existing: Map<string, string>, settings: RenderSettings): Rendered {
  const after = policyAfterChange(storedPolicy(existing), request);
  if (!after.ok) throw new PolicyValidationError(after.errors);
  const { document, policy, rendered, before } = after.value;
  checkEgressGateways(policy, settings);
  return { rendered, policyDocument: document, overhead: overheadForPolicy(policy), policy, before };
}

/**
 * A namespace policy laid over the stored one (a form's sections replace the stored ones whole). A
 * migration step changes the data plane only, of a namespace Meshport already holds: on any other, the
 * defaults (deny-all among them) would arrive with it.
 */
function renderNamespace(request: Extract<RenderRequest, { kind: 'namespace' }>, existing: Map<string, string>): Rendered {
  const stored = storedPolicy(existing);
  const dataPlane = request.namespacePolicy.dataPlane as { migrationStep?: unknown } | undefined;
  if (dataPlane?.migrationStep !== undefined && !stored) {
    throw new InputError(
      'namespacePolicy.dataPlane.migrationStep: the namespace has no Meshport policy to migrate; put it on the mesh first (mesh-onboard-namespace)',
    );
  }
  const merged = mergePolicyInput(stored, request.namespacePolicy);
  const parsed = parseNamespacePolicy(merged, 'namespacePolicy');
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  const { mode, migrationStep } = parsed.value.dataPlane;
  return { rendered: renderNamespacePolicy(parsed.value), policyDocument: merged, ...(migrationStep ? { migration: { to: mode, step: migrationStep } } : {}) };
}

function asText(files: Map<string, Buffer>): Map<string, string> {
  return new Map([...files].map(([path, content]) => [path, content.toString('utf8')]));
}

/**
 * Every manifest under the mesh's top folders after the plan, for analysis across services. Another
 * team's file Meshport cannot read or parse is a warning: it must not block this team's change.
 */
async function treeAfterPlan(snapshot: RepositorySnapshot, roots: string[], folder: string, plan: FolderPlan, existing: Map<string, string>) {
  const warnings: string[] = [];
  const files: Array<{ path: string; text: string }> = [];
  for (const root of roots) {
    const contents = await snapshot.readFolder(root);
    for (const { path, reason } of contents.unreadable) if (!path.startsWith(`${folder}/`)) warnings.push(`${path} ${reason}; it was not analyzed`);
    for (const [path, content] of contents.files) {
      const full = root ? `${root}/${path}` : path;
      if (!full.startsWith(`${folder}/`)) files.push({ path: full, text: content.toString('utf8') });
    }
  }
  const ownAfter = [
    ...plan.writes.map(write => ({ path: `${folder}/${write.path}`, text: write.content })),
    ...plan.kept.map(file => ({ path: `${folder}/${file}`, text: existing.get(file) ?? '' })),
  ];
  const ownBefore = [...existing].map(([path, text]) => ({ path: `${folder}/${path}`, text }));
  const parsed = (list: Array<{ path: string; text: string }>, report: boolean) =>
    list
      .filter(file => /\.ya?ml$/.test(file.path))
      .flatMap(file => {
        try {
          return [{ path: file.path, documents: parseYaml(file.text, file.path) }];
        } catch (error) {
          if (report) warnings.push(`${error instanceof YamlParseError ? error.message : `${file.path}: ${String(error)}`}; it was not analyzed`);
          return [];
        }
      });
  // The other folders are read once; the tree as the cluster holds it now (the folder as it was) is for
  // who has access before the change.
  const others = parsed(files, true);
  return { manifests: [...others, ...parsed(ownAfter, true)], before: [...others, ...parsed(ownBefore, false)], warnings };
}

function analysisError(errors: Finding[]): InputError {
  const lines = errors.map(f => `${f.resource}${f.path ? ` ${f.path}` : ''}: ${f.message} [${f.code}]`);
  return new InputError(`The mesh configuration would be broken; nothing was written:\n${lines.join('\n')}`);
}

/**
 * Renders a request into the folder of a GitOps repository snapshot: reads what the folder holds, lays
 * the form's sections over the stored policy, renders, plans the folder and analyzes the whole mesh
 * tree. Writes nothing; throws InputError naming the fields, files or findings when the result would
 * be invalid.
 */
export async function renderToFolder(
  snapshot: RepositorySnapshot,
  folder: string,
  roots: string[],
  request: RenderRequest,
  settings: RenderSettings = { egressGatewayNamespaces: ['istio-system'] },
): Promise<RenderOutcome> {
  const names =
    request.kind === 'service'
      ? {
          namespace: requireName((request.policy.service as any)?.namespace, 'policy.service.namespace'),
          service: requireName((request.policy.service as any)?.name, 'policy.service.name'),
        }
      : { namespace: requireName(request.namespacePolicy.namespace, 'namespacePolicy.namespace') };
  const existing = asText((await snapshot.readFolder(folder)).files);
  const { rendered, policyDocument, overhead, migration, policy, before } =
    request.kind === 'service' ? renderService(request, existing, settings) : renderNamespace(request, existing);
  const plan = planFolder(existing, rendered.files, policyDocument, request.kind === 'service' ? request.entityRef : undefined);
  const tree = await treeAfterPlan(snapshot, roots, folder, plan, existing);
  // A GitOps tree holds no cluster: analyze it as `istioctl analyze --use-kube=false` analyzes files.
  const findings = analyze(clusterObjectsFromFiles(tree.manifests), { mode: 'files', egressGatewayNamespaces: settings.egressGatewayNamespaces });
  // Errors in objects this render owns stop it; others' errors are reported, not blamed on this change.
  const ours = new Set(rendered.objects.map(objectRef));
  const own = findings.filter(f => ours.has(f.resource));
  const otherFindings = findings.filter(f => !ours.has(f.resource));
  const blocking = own.filter(f => f.level === 'error');
  if (blocking.length > 0) throw analysisError(blocking);
  const access =
    request.kind === 'service' && policy
      ? checkAccess({
          before: objectsOf(tree.before),
          after: objectsOf(tree.manifests),
          stored: before,
          next: policy,
          observed: request.observed && 'callers' in request.observed ? request.observed.callers : [],
          confirmAccessLoss: request.confirmAccessLoss ?? [],
        })
      : [];

  const subject = 'service' in names ? `${names.service}.${names.namespace}` : `namespace ${names.namespace}`;
  const branchName = changeBranchName(names);
  const unobserved = request.kind === 'service' && request.observed && 'unavailable' in request.observed ? request.observed.unavailable : undefined;
  const warnings = [
    ...plan.notes,
    ...tree.warnings,
    ...(unobserved ? [`callers seen in Prometheus were not asked about: ${unobserved}; only the callers the policies name were`] : []),
  ];
  return {
    folder,
    subject,
    plan,
    findings: own,
    otherFindings,
    overhead,
    warnings,
    branchName,
    title: `Mesh configuration for ${subject}`,
    summary: renderSummary({
      subject,
      folder,
      plan,
      findings: own,
      otherFindings,
      overhead,
      warnings,
      entityRef: request.entityRef,
      migration,
      previous: existing,
      access,
    }),
  };
}
