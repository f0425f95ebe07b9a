import { ClusterError, DegradedKind, EntityTarget } from '@meshport/plugin-mesh-common';
import { EntitySlice, LiveLookup, ProxySyncView } from '@meshport/plugin-mesh-status-node';
import { AnalyzedObject } from '@meshport/istio-config';

/** The objects of one cluster an entity's status is computed from. */
export interface ClusterSource {
  readonly name: string;
  start(): void;
  stop(): void;
  /** The entity's slice (with the kinds it lacks, if any), or why the cluster cannot give it now. */
  sliceFor(target: EntityTarget, rootNamespace: string): Promise<{ slice: EntitySlice; degraded?: DegradedKind[] } | { error: ClusterError }>;
  /** One object as the cluster holds it (as the cache last saw it); 'not-read' for a kind it does not read. */
  lookup: LiveLookup;
  /** Every object of a kind the cluster holds. */
  list(kind: string): AnalyzedObject[];
  /** The proxies' configuration sync as istiod reports it, where the source can ask istiod. */
  proxySync?(): Promise<ProxySyncView> | undefined;
}
