export { healthFromSamples, unknownHealth } from './health';
export {
  entityCallers,
  entityDryRunDenied,
  entityHealthSamples,
  entityOutboundCalls,
  entityPodUsage,
  fleetQueries,
  histogramQuantile,
  indexFleet,
} from './fleetMetrics';
export type { FleetIndex, FleetSamples, OutboundCall, ServiceRef } from './fleetMetrics';
export type { HealthSamples, MetricsTarget, Sample } from './health';
