import { parseYaml } from '../yaml';
import { AnalysisIndex, normalizeObjects } from './analysisIndex';
import { ALL_ANALYZERS } from './analyzers';
import { FINDING_LEVEL_RANK } from './findings';
import { Analyzer, AnalysisOptions, AnalyzedObject, Finding, MeshConfigView } from './types';

/** What `istioctl analyze --use-kube=false` does not read from files; analyzers that need them do not run. */
export const KINDS_ONLY_FROM_A_CLUSTER = new Set(['Pod', 'Service', 'Namespace', 'Secret', 'Node']);

/** The mesh configuration: the caller's, else the root namespace's "istio" ConfigMap, else Istio's defaults. */
function meshConfigOf(objects: AnalyzedObject[], options: AnalysisOptions): MeshConfigView {
  const root = options.meshConfig?.rootNamespace ?? options.rootNamespace ?? 'istio-system';
  const configMap = objects.find(o => o.kind === 'ConfigMap' && o.metadata.name === 'istio' && o.metadata.namespace === root);
  let mesh: any = {};
  try {
    mesh = typeof (configMap as any)?.data?.mesh === 'string' ? parseYaml((configMap as any).data.mesh, 'mesh config')[0] ?? {} : {};
  } catch {
    mesh = {};
  }
  const rootNamespace = options.meshConfig?.rootNamespace ?? options.rootNamespace ?? mesh.rootNamespace ?? 'istio-system';
  return {
    rootNamespace,
    egressGatewayNamespaces: options.meshConfig?.egressGatewayNamespaces ?? options.egressGatewayNamespaces ?? [rootNamespace],
    clusterDomain: options.meshConfig?.clusterDomain ?? mesh.clusterDomain ?? 'cluster.local',
    proxyMetadata: options.meshConfig?.proxyMetadata ?? mesh.defaultConfig?.proxyMetadata ?? {},
    imageType: options.meshConfig?.imageType ?? mesh.defaultConfig?.image?.imageType,
    defaultAccessLogging:
      options.meshConfig?.defaultAccessLogging ??
      (Array.isArray(mesh.defaultProviders?.accessLogging) ? mesh.defaultProviders.accessLogging.map(String) : undefined),
  };
}

/** "Kind namespace/name" compared as istioctl compares origins: by kind, then name, then namespace. */
function originKey(resource: string): [string, string, string] {
  const [kind, ref = ''] = resource.split(' ', 2);
  const slash = ref.indexOf('/');
  return slash === -1 ? [kind, ref, ''] : [kind, ref.slice(slash + 1), ref.slice(0, slash)];
}

function compareFindings(a: Finding, b: Finding): number {
  const [ak, an, ans] = originKey(a.resource);
  const [bk, bn, bns] = originKey(b.resource);
  return (
    FINDING_LEVEL_RANK[a.level] - FINDING_LEVEL_RANK[b.level] ||
    a.code.localeCompare(b.code) ||
    ak.localeCompare(bk) ||
    an.localeCompare(bn) ||
    ans.localeCompare(bns) ||
    a.message.localeCompare(b.message) ||
    (a.path ?? '').localeCompare(b.path ?? '')
  );
}

/** Whether the input holds every object of a kind: the caller's list, else all but what files mode drops. */
function availability(options: AnalysisOptions): (kind: string) => boolean {
  const listed = options.kinds ? new Set(options.kinds) : undefined;
  return kind => kind === 'MeshConfig' || (listed ? listed.has(kind) : options.mode !== 'files' || !KINDS_ONLY_FROM_A_CLUSTER.has(kind));
}

/** True for the analyzers an analysis with these options runs. */
function runs(analyzer: Analyzer, options: AnalysisOptions, available: (kind: string) => boolean): boolean {
  if (analyzer.precheckOnly && !options.precheck) return false;
  if (analyzer.filesOnly && options.mode !== 'files') return false;
  return analyzer.metadata.inputs.every(available);
}

/**
 * The analysis of `analyze` in steps: indexing the objects, then each analyzer; the generator's return
 * value is the findings. A caller that must not hold the event loop for a whole cluster's analysis
 * (the status backend) runs one step per turn.
 *
 * @public
 */
export function* analysisSteps(objects: unknown[], options: AnalysisOptions = {}, analyzers: Analyzer[] = ALL_ANALYZERS): Generator<void, Finding[]> {
  let normalized = normalizeObjects(objects);
  if (options.mode === 'files')
    normalized = normalized.filter(object => !(KINDS_ONLY_FROM_A_CLUSTER.has(object.kind) && /^v1$/.test(object.apiVersion ?? 'v1')));
  const mesh = meshConfigOf(normalized, options);
  const index = new AnalysisIndex(normalized, mesh.clusterDomain);
  const findings: Finding[] = [];
  const context = { index, mesh, now: options.now ?? Date.now(), report: (finding: Finding) => findings.push(finding) };
  const available = availability(options);
  for (const analyzer of analyzers) {
    if (!runs(analyzer, options, available)) continue;
    yield;
    analyzer.analyze(context);
  }
  const seen = new Set<string>();
  return findings.sort(compareFindings).filter(finding => {
    const key = `${finding.code}|${finding.resource}|${finding.path ?? ''}|${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Runs the analyzers over a set of objects (rendered, read from a GitOps folder, or listed from a
 * cluster) as `istioctl analyze` would: namespaced objects without a namespace are in "default",
 * istioctl's ignored namespaces are dropped, and the findings come sorted (errors first) and without
 * duplicates. Objects are indexed once.
 *
 * @public
 */
export function analyze(objects: unknown[], options: AnalysisOptions = {}, analyzers: Analyzer[] = ALL_ANALYZERS): Finding[] {
  const steps = analysisSteps(objects, options, analyzers);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * True when any finding is an error.
 *
 * @public
 */
export function hasErrors(findings: Finding[]): boolean {
  return findings.some(f => f.level === 'error');
}
