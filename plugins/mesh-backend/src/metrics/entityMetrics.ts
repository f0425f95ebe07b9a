import {
  entityCallers,
  entityDryRunDenied,
  EntityMetrics,
  entityHealthSamples,
  entityOutboundCalls,
  entityPodUsage,
  entityTrafficEdges,
  healthFromSamples,
  MetricsTarget,
  unknownHealth,
} from '@meshport/plugin-mesh-status-node';
import { FleetMetricsCache, METRICS_WINDOW } from './fleetMetricsCache';

/** The entity's pods' proxy history, by pod name, or why it could not be read (the rest of the status stands). */
async function entityProxyHistory(
  fleet: FleetMetricsCache,
  pods: MetricsTarget['pods'],
): Promise<Pick<EntityMetrics, 'proxyHistory' | 'proxyHistoryUnavailable'>> {
  try {
    const history = await fleet.readHistory();
    const own = new Map(
      pods.flatMap(pod => (history.has(`${pod.namespace}/${pod.name}`) ? [[pod.name, history.get(`${pod.namespace}/${pod.name}`)!] as const] : [])),
    );
    return { proxyHistory: own };
  } catch (error) {
    return { proxyHistoryUnavailable: (error as Error).message };
  }
}

/**
 * Health, proxy usage, outbound calls and proxy history for an entity, picked out of the cluster's shared fleet read (its Services and
 * Pods in every namespace they span); `unknown` health with the reason when Prometheus cannot be read.
 */
export async function readEntityMetrics(fleet: FleetMetricsCache, target: MetricsTarget): Promise<EntityMetrics> {
  try {
    const samples = await fleet.read();
    const health = healthFromSamples(entityHealthSamples(samples, target.services), METRICS_WINDOW);
    const usage = entityPodUsage(samples, target.pods);
    return {
      health,
      usage,
      outbound: entityOutboundCalls(samples, target.workloads),
      dryRunDenied: entityDryRunDenied(samples, target.pods),
      callers: entityCallers(samples, target.services),
      edges: entityTrafficEdges(samples.edges, target.services, target.workloads),
      ...(await entityProxyHistory(fleet, target.pods)),
    };
  } catch (error) {
    const reason = (error as Error).message;
    return {
      health: unknownHealth(reason, METRICS_WINDOW),
      usageUnavailable: reason,
      proxyHistoryUnavailable: reason,
    };
  }
}
