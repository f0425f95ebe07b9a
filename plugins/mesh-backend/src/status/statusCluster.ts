import { ClusterSource } from '../cluster/clusterSource';
import { FleetMetricsCache } from '../metrics/fleetMetricsCache';

/** A cluster with its Prometheus, if any. */
export interface StatusCluster {
  source: ClusterSource;
  /** The cluster's Prometheus, read once per TTL for every entity. */
  metrics?: FleetMetricsCache;
}
