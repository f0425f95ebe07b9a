import { ResourceIndex } from './resourceIndex';

/** How serious a finding is, in istioctl analyze's words. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** One problem in a set of objects. `resource` is "Kind namespace/name"; `path` points into the object. */
export interface Finding {
  code: string;
  level: FindingLevel;
  resource: string;
  message: string;
  path?: string;
}

/** A Kubernetes object as analyzers read it: any object with apiVersion, kind and metadata. */
export interface AnalyzedObject {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: unknown;
}

/** What the caller knows about the input beyond the objects themselves. */
export interface AnalysisOptions {
  /** Istio's root namespace, whose policies apply mesh-wide. */
  rootNamespace?: string;
  /**
   * Namespaces whose workloads are all in the input (live cluster reads). Where a namespace's workloads
   * are unknown (a GitOps folder), "selects no workload" checks stay silent instead of guessing.
   * Default: every namespace with at least one Pod or Deployment in the input.
   */
  namespacesWithKnownWorkloads?: string[];
}

/** What one analyzer gets: the indexed objects and a way to report. */
export interface AnalyzerContext {
  index: ResourceIndex;
  options: Required<Pick<AnalysisOptions, 'rootNamespace'>>;
  report(finding: Finding): void;
}

/** One check, after Istio's pkg/config/analysis analyzers. */
export interface Analyzer {
  metadata: { name: string; description: string; inputs: string[] };
  analyze(context: AnalyzerContext): void;
}
