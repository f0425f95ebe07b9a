import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterObjectStore, EntityTarget } from '@meshport/plugin-mesh-common';
import { ClusterSource } from './clusterSource';
import { KubernetesClusterConfig } from './clusterConfig';
import { KubernetesClient, kubeConfigFor } from './kubernetesClient';
import { ReflectorOptions, ResourceReflector } from './resourceReflector';

/** The kinds read from a live cluster, and where each is served. */
export const LIVE_RESOURCES = [
  { kind: 'Namespace', apiVersion: 'v1', path: '/api/v1/namespaces' },
  { kind: 'Pod', apiVersion: 'v1', path: '/api/v1/pods' },
  { kind: 'Service', apiVersion: 'v1', path: '/api/v1/services' },
  { kind: 'Deployment', apiVersion: 'apps/v1', path: '/apis/apps/v1/deployments' },
  { kind: 'PeerAuthentication', apiVersion: 'security.istio.io/v1', path: '/apis/security.istio.io/v1/peerauthentications' },
  { kind: 'AuthorizationPolicy', apiVersion: 'security.istio.io/v1', path: '/apis/security.istio.io/v1/authorizationpolicies' },
  { kind: 'RequestAuthentication', apiVersion: 'security.istio.io/v1', path: '/apis/security.istio.io/v1/requestauthentications' },
  { kind: 'VirtualService', apiVersion: 'networking.istio.io/v1', path: '/apis/networking.istio.io/v1/virtualservices' },
  { kind: 'DestinationRule', apiVersion: 'networking.istio.io/v1', path: '/apis/networking.istio.io/v1/destinationrules' },
  { kind: 'Gateway', apiVersion: 'networking.istio.io/v1', path: '/apis/networking.istio.io/v1/gateways' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', path: '/apis/apps/v1/statefulsets' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', path: '/apis/apps/v1/daemonsets' },
  { kind: 'ServiceEntry', apiVersion: 'networking.istio.io/v1', path: '/apis/networking.istio.io/v1/serviceentries' },
  { kind: 'Sidecar', apiVersion: 'networking.istio.io/v1', path: '/apis/networking.istio.io/v1/sidecars' },
  { kind: 'Telemetry', apiVersion: 'telemetry.istio.io/v1', path: '/apis/telemetry.istio.io/v1/telemetries' },
];

/**
 * Every kind the status reads, and where: the cluster-wide kinds above, and the ConfigMaps of the mesh's
 * root namespace only (the injector's and the mesh config; ConfigMaps elsewhere are not Meshport's).
 */
export function liveResources(rootNamespace: string) {
  return [...LIVE_RESOURCES, { kind: 'ConfigMap', apiVersion: 'v1', path: `/api/v1/namespaces/${encodeURIComponent(rootNamespace)}/configmaps` }];
}

export interface LiveClusterOptions extends ReflectorOptions {
  /** Istio's root namespace, whose ConfigMaps hold the injector and mesh configuration. */
  rootNamespace: string;
  requestTimeoutMs: number;
  /** How long a status request waits for the first list of every kind. */
  syncWaitMs: number;
}

/** A cluster kept warm by one list+watch reflector per kind; requests read the in-memory store. */
export class LiveClusterSource implements ClusterSource {
  readonly name: string;
  private readonly store: ClusterObjectStore;
  private readonly reflectors: ResourceReflector[];

  constructor(cluster: KubernetesClusterConfig, logger: LoggerService, private readonly options: LiveClusterOptions) {
    this.name = cluster.name;
    const resources = liveResources(options.rootNamespace);
    // ConfigMaps are read in one namespace only: analyzers needing every ConfigMap do not run on this cache.
    this.store = new ClusterObjectStore(LIVE_RESOURCES.map(resource => resource.kind));
    const client = new KubernetesClient(kubeConfigFor(cluster), options.requestTimeoutMs);
    const clusterLogger = logger.child({ cluster: cluster.name });
    this.reflectors = resources.map(resource => new ResourceReflector(client, resource, this.store, clusterLogger, options));
  }

  start(): void {
    this.reflectors.forEach(r => r.start());
  }

  stop(): void {
    this.reflectors.forEach(r => r.stop());
  }

  /** Objects held in the cache, for benchmarks and tests. */
  get cachedObjects(): number {
    return this.store.size;
  }

  async sliceFor(target: EntityTarget, rootNamespace: string) {
    await Promise.all(this.reflectors.map(r => r.waitForFirstAttempt(this.options.syncWaitMs)));
    const failing = this.reflectors.find(r => r.error);
    if (failing?.error) return { error: failing.error };
    if (this.reflectors.some(r => !r.synced)) return { error: { reason: 'not-synced' as const, message: `the cluster's objects were not listed within ${this.options.syncWaitMs} ms` } };
    return { slice: this.store.sliceFor(target, rootNamespace) };
  }
}
