import { LoggerService } from '@backstage/backend-plugin-api';
import { DegradedKind, EntityTarget } from '@meshport/plugin-mesh-common';
import { ClusterObjectStore, MESH_STATUS_RESOURCES, ProxySyncView, resourcePath, sectionsFedBy } from '@meshport/plugin-mesh-status-node';
import { TtlCache } from '../cache/ttlCache';
import { ClusterSource } from './clusterSource';
import { ClusterConnection } from './clusterConnection';
import { IstiodProxySync, IstiodXdsSettings } from './istiod/istiodProxySync';
import { KubernetesClient } from './kubernetesClient';
import { ReflectedResource, ReflectorOptions, ResourceReflector } from './resourceReflector';
import { SharedValues } from './sharedValues';

/** Every kind the status reads, and where its API serves it (ConfigMaps: in the mesh's root namespace only). */
export function liveResources(rootNamespace: string): ReflectedResource[] {
  return MESH_STATUS_RESOURCES.map(resource => ({
    kind: resource.kind,
    apiVersion: resource.apiVersion,
    path: resourcePath(resource, rootNamespace),
    ...(resource.storeKind ? { storeKind: resource.storeKind } : {}),
    ...(resource.optional ? { optional: true } : {}),
  }));
}

export interface LiveClusterOptions extends ReflectorOptions {
  /** Istio's root namespace, whose ConfigMaps hold the injector and mesh configuration. */
  rootNamespace: string;
  /**
   * How istiod is asked for the proxies' sync: its xDS port where the cluster's settings name it, and its
   * Service and HTTP debug port in the root namespace (through the API server's service proxy); once per TTL.
   */
  istiodDebug?: { service: string; port: number; ttlMs: number; xds?: IstiodXdsSettings };
  requestTimeoutMs: number;
  /** How long a status request waits for the first list of every kind. */
  syncWaitMs: number;
  /** How long after the lists the cluster-wide analysis starts. Default 1000. */
  analysisDelayMs?: number;
}

/** The kinds without which a cluster cannot say anything about an entity. */
const CORE_KINDS = ['Namespace', 'Pod'];

/** A cluster kept warm by one list+watch reflector per kind; requests read the in-memory store. */
export class LiveClusterSource implements ClusterSource {
  readonly name: string;
  private readonly store: ClusterObjectStore;
  private readonly reflectors: ResourceReflector[];
  private readonly logger: LoggerService;

  /** istiod, asked for every proxy's sync once per TTL; absent when the status does not ask it. */
  private readonly istiod?: { reader: IstiodProxySync; reads: TtlCache<'syncz', ProxySyncView> };
  private analysisTimer?: NodeJS.Timeout;

  constructor(connection: ClusterConnection, logger: LoggerService, private readonly options: LiveClusterOptions) {
    this.name = connection.details.name;
    const resources = liveResources(options.rootNamespace);
    // Held completely: every kind but the ConfigMaps, read in the root namespace only (analyzers that need every ConfigMap do not run).
    this.store = new ClusterObjectStore(
      MESH_STATUS_RESOURCES.filter(resource => !resource.rootNamespaceOnly).map(resource => resource.storeKind ?? resource.kind),
      2000,
      'background',
    );
    const client = new KubernetesClient(connection, options.requestTimeoutMs);
    const debug = options.istiodDebug;
    if (debug) {
      const reader = new IstiodProxySync(
        client,
        {
          rootNamespace: options.rootNamespace,
          httpService: debug.service,
          httpPort: debug.port,
          timeoutMs: options.requestTimeoutMs,
          ...(debug.xds ? { xds: debug.xds } : {}),
        },
        name => this.store.get('ConfigMap', options.rootNamespace, name),
      );
      this.istiod = { reader, reads: new TtlCache(debug.ttlMs) };
    }
    this.logger = logger.child({ cluster: this.name });
    // One copy of each value the cluster's objects repeat (a workload's labels, containers, status).
    const shared = new SharedValues();
    this.reflectors = resources.map(resource => new ResourceReflector(client, resource, this.store, this.logger, options, shared));
  }

  start(): void {
    const startedAt = Date.now();
    this.reflectors.forEach(r => r.start());
    void Promise.all(this.reflectors.map(r => r.waitForFirstAttempt(this.options.syncWaitMs))).then(() => {
      const listed = this.reflectors.filter(r => r.synced).length;
      this.logger.info(`listed ${listed} of ${this.reflectors.length} kinds (${this.store.size} objects) in ${Date.now() - startedAt} ms`);
      // The cluster-wide analysis starts a moment after the lists are in, so that the requests that waited for
      // them are answered first (each analysis step holds the event loop), then runs while later ones are answered.
      this.analysisTimer = setTimeout(() => {
        const unavailable = this.unavailableKinds();
        this.store.analyzeInBackground(
          this.options.rootNamespace,
          this.store.kindsHeld.filter(kind => !unavailable.includes(kind)),
        );
      }, this.options.analysisDelayMs ?? 1000);
      this.analysisTimer.unref?.();
    });
  }

  stop(): void {
    clearTimeout(this.analysisTimer);
    this.reflectors.forEach(r => r.stop());
  }

  /** Every proxy's configuration sync as istiod reports it, once per TTL for every entity; the reason when it cannot be read. */
  proxySync(): Promise<ProxySyncView> | undefined {
    const istiod = this.istiod;
    return istiod?.reads.get('syncz', () => istiod.reader.read());
  }

  /** Kinds never listed: the analyzers that need them do not run. */
  private unavailableKinds(): string[] {
    return this.reflectors.filter(r => !r.everSynced).map(r => r.kind);
  }

  /** Every object of a kind the cache holds. */
  readonly list = (kind: string) => this.store.list(kind);

  /** One object as the cache holds it; 'not-read' for a kind the cache does not keep. */
  readonly lookup = (kind: string, namespace: string | undefined, name: string) =>
    this.store.holds(kind) ? this.store.get(kind, namespace, name) : ('not-read' as const);

  /** Objects held in the cache, for benchmarks and tests. */
  get cachedObjects(): number {
    return this.store.size;
  }

  /**
   * The entity's slice from the cache. Without current Namespaces and Pods there is no entity to speak
   * of: the cluster answers with the error. Any other kind that cannot be read leaves only the sections it feeds
   * incomplete, said in `degraded` with its reason; its objects stay as last seen if it was read before.
   */
  async sliceFor(target: EntityTarget, rootNamespace: string) {
    await Promise.all(this.reflectors.map(r => r.waitForFirstAttempt(this.options.syncWaitMs)));
    const core = this.reflectors.filter(r => CORE_KINDS.includes(r.kind));
    const coreFailure = core.find(r => r.error)?.error;
    if (coreFailure) return { error: coreFailure };
    if (core.some(r => !r.synced))
      return { error: { reason: 'not-synced' as const, message: `the cluster's objects were not listed within ${this.options.syncWaitMs} ms` } };
    const degraded: DegradedKind[] = this.reflectors
      .filter(r => r.error || !r.synced)
      .map(r => ({
        kind: r.kind,
        sections: sectionsFedBy(r.kind),
        stale: r.everSynced,
        ...(r.error ?? { reason: 'not-synced' as const, message: `not listed within ${this.options.syncWaitMs} ms` }),
      }));
    const unavailable = this.unavailableKinds();
    const slice = this.store.sliceFor(target, rootNamespace, unavailable);
    return degraded.length > 0 ? { slice, degraded } : { slice };
  }
}
