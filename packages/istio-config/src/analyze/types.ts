import type { AnalysisIndex } from './analysisIndex';
import type { AnalyzedObject } from '../objects/kinds';

export type { AnalyzedObject };

/**
 * How serious a finding is, in istioctl analyze's words.
 *
 * @public
 */
export type FindingLevel = 'error' | 'warning' | 'info';

/**
 * One problem in a set of objects. `resource` is "Kind namespace/name" (or "Kind name"); `path` points into the object.
 *
 * @public
 */
export interface Finding {
  code: string;
  level: FindingLevel;
  resource: string;
  message: string;
  path?: string;
}

/**
 * The parts of Istio's mesh configuration the analyzers read.
 *
 * @public
 */
export interface MeshConfigView {
  rootNamespace: string;
  clusterDomain: string;
  /** defaultConfig.proxyMetadata */
  proxyMetadata: Record<string, string>;
  /** defaultConfig.image.imageType */
  imageType?: string;
  /** Where the mesh's egress gateways run (Meshport's mesh.egress.gatewayNamespaces): the namespaces a ServiceEntry may be exported to besides its own. */
  egressGatewayNamespaces: string[];
  /** defaultProviders.accessLogging: the access log providers a Telemetry that names none falls back to. */
  defaultAccessLogging?: string[];
}

/**
 * What the caller knows about the input beyond the objects themselves.
 *
 * @public
 */
export interface AnalysisOptions {
  /**
   * "cluster" (default): the objects are a whole cluster, as a live cluster lists them or as istioctl's
   * own analyzer tests read files. "files": as `istioctl analyze --use-kube=false` reads files: Pods,
   * Services, Namespaces, Secrets and Nodes in them are ignored, and the analyzers that need them skipped.
   */
  mode?: 'cluster' | 'files';
  /**
   * The kinds the input holds completely (a live cache lists only some). Analyzers that need another
   * kind do not run, as istioctl skips analyzers whose inputs no source serves. Default: every kind.
   */
  kinds?: Iterable<string>;
  /** Also run the analyzers only `istioctl x precheck` runs (IST0136). */
  precheck?: boolean;
  /** The mesh configuration; default: the "istio" ConfigMap of the input's root namespace, else Istio's defaults. */
  meshConfig?: Partial<MeshConfigView>;
  /** Istio's root namespace (shorthand for meshConfig.rootNamespace). */
  rootNamespace?: string;
  /** The egress gateways' namespaces (shorthand for meshConfig.egressGatewayNamespaces); default the root namespace. */
  egressGatewayNamespaces?: string[];
  /** When certificates are judged (milliseconds since the epoch); default now. */
  now?: number;
}

/**
 * What one analyzer gets: the indexed objects, the mesh configuration and a way to report.
 *
 * @public
 */
export interface AnalyzerContext {
  index: AnalysisIndex;
  mesh: MeshConfigView;
  now: number;
  report(finding: Finding): void;
}

/**
 * One check, after Istio's pkg/config/analysis analyzers.
 *
 * @public
 */
export interface Analyzer {
  /**
   * `inputs`: the kinds the analyzer needs completely (it does not run without them); `lookups`: kinds
   * it reads when present, whose absence means Istio's defaults (the injector's and mesh ConfigMaps).
   */
  metadata: { name: string; description: string; inputs: string[]; lookups?: string[] };
  /** Run by upgrade prechecks only, not by a plain analysis. */
  precheckOnly?: boolean;
  /** Run only on files (mode "files"), standing in for a check that needs the cluster. */
  filesOnly?: boolean;
  analyze(context: AnalyzerContext): void;
}
