import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterDetails, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';
import { StatusCluster } from './statusCluster';

/** The clusters a status request reads, as of now. */
export interface ClusterSet {
  start(): void;
  stop(): void;
  /** The clusters to read; waits for the first reading of the locators, at most `firstReadWaitMs`. */
  current(): Promise<StatusCluster[]>;
}

/** A fixed list of clusters (snapshots, tests). */
export function fixedClusters(clusters: StatusCluster[]): ClusterSet {
  return {
    start: () => clusters.forEach(c => c.source.start()),
    stop: () => clusters.forEach(c => c.source.stop()),
    current: async () => clusters,
  };
}

export interface ClusterFleetOptions {
  /** How often the locators are asked again (catalog clusters come and go). */
  refreshIntervalMs: number;
  /** How long a status request waits for the first reading of the locators. */
  firstReadWaitMs: number;
}

/** What tells two readings of one cluster apart: a changed URL, CA or credential setting restarts its watches. */
const fingerprintOf = (details: ClusterDetails) =>
  JSON.stringify([details.url, details.caData, details.caFile, details.skipTLSVerify, Object.entries(details.authMetadata).sort()]);

/**
 * The clusters of a `KubernetesClustersSupplier` (the Kubernetes plugin's locators, or an installation's own
 * supplier), asked after start-up (the catalog locator needs the catalog up) and every `refreshIntervalMs`:
 * a new cluster starts its watches, a gone or changed one stops them. `fixed` clusters (the snapshot, the
 * cluster the backend runs in) are always there. A cluster name seen twice keeps the first, as the
 * Kubernetes plugin warns.
 */
export class ClusterFleet implements ClusterSet {
  private readonly located = new Map<string, { fingerprint: string; cluster: StatusCluster }>();
  private timer?: NodeJS.Timeout;
  private firstRead?: Promise<void>;
  private running = false;

  constructor(
    private readonly supplier: KubernetesClustersSupplier,
    private readonly fixed: StatusCluster[],
    private readonly clusterFor: (details: ClusterDetails) => StatusCluster,
    private readonly credentials: () => Promise<BackstageCredentials>,
    private readonly logger: LoggerService,
    private readonly options: ClusterFleetOptions,
  ) {}

  start(): void {
    this.running = true;
    this.fixed.forEach(c => c.source.start());
    this.firstRead = this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshIntervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    this.running = false;
    clearInterval(this.timer);
    this.fixed.forEach(c => c.source.stop());
    this.located.forEach(({ cluster }) => cluster.source.stop());
    this.located.clear();
  }

  async current(): Promise<StatusCluster[]> {
    if (this.firstRead) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.firstRead, new Promise<void>(resolve => (timer = setTimeout(resolve, this.options.firstReadWaitMs)))]);
      clearTimeout(timer);
    }
    return [...this.fixed, ...[...this.located.values()].map(entry => entry.cluster)];
  }

  /** Asks the supplier once and starts or stops watches to match; a failing supplier leaves the clusters as they were. */
  async refresh(): Promise<void> {
    let found: ClusterDetails[];
    try {
      found = await this.supplier.getClusters({ credentials: await this.credentials() });
    } catch (error) {
      this.logger.warn(
        `the clusters of kubernetes.clusterLocatorMethods could not be read; keeping the ${this.located.size} known: ${(error as Error).message}`,
      );
      return;
    }
    if (!this.running) return;
    const taken = new Set(this.fixed.map(c => c.source.name));
    const wanted = new Map<string, ClusterDetails>();
    for (const details of found) {
      if (taken.has(details.name) || wanted.has(details.name)) {
        this.logger.warn(`cluster name "${details.name}" is used twice; the mesh status reads the first`);
        continue;
      }
      wanted.set(details.name, details);
    }
    for (const [name, entry] of this.located) {
      const details = wanted.get(name);
      if (details && fingerprintOf(details) === entry.fingerprint) continue;
      entry.cluster.source.stop();
      this.located.delete(name);
      if (!details) this.logger.info(`cluster ${name} is gone from the locators; its watches stopped`);
    }
    for (const [name, details] of wanted) {
      if (this.located.has(name)) continue;
      const cluster = this.clusterFor(details);
      cluster.source.start();
      this.located.set(name, { fingerprint: fingerprintOf(details), cluster });
    }
  }
}
