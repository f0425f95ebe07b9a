import { EntityMetrics, entityHealthSamples, entityOutboundCalls, entityPodUsage, healthFromSamples, MetricsTarget, unknownHealth } from '@meshport/plugin-mesh-common';
import { FleetMetricsCache, METRICS_WINDOW } from './fleetMetricsCache';

/**
 * Health, proxy usage and outbound calls for an entity, picked out of the cluster's shared fleet read (its Services and
 * Pods in every namespace they span); `unknown` health with the reason when Prometheus cannot be read.
 */
export async function readEntityMetrics(fleet: FleetMetricsCache, target: MetricsTarget): Promise<EntityMetrics> {
  try {
    const samples = await fleet.read();
    const health = healthFromSamples(entityHealthSamples(samples, target.services), METRICS_WINDOW);
    const usage = entityPodUsage(samples, target.pods);
    return { health, usage, outbound: entityOutboundCalls(samples, target.workloads) };
  } catch (error) {
    const reason = (error as Error).message;
    return { health: unknownHealth(reason, METRICS_WINDOW), usageUnavailable: reason };
  }
}
