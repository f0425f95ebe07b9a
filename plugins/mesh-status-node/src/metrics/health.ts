import { HealthStatus, LatencyMs, TrafficFigures, VersionHealth, VersionSeries } from '@meshport/plugin-mesh-common';

/**
 * Which series of Istio's standard metrics belong to the entity: its Services and Pods, in every namespace.
 *
 * @public
 */
export interface MetricsTarget {
  /** Kubernetes Services (destination_service_namespace / destination_service_name). */
  services: Array<{ namespace: string; name: string }>;
  /** Pods, for container usage. */
  pods: Array<{ namespace: string; name: string }>;
  /** Workloads (Istio's source_workload: the controllers' names), for what they call. */
  workloads: Array<{ namespace: string; name: string }>;
}

/**
 * One instant-vector sample: its labels and value.
 *
 * @public
 */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * The raw answers to `healthQueries`, keyed like it.
 *
 * @public
 */
export interface HealthSamples {
  requestRate: Sample[];
  errorRate: Sample[];
  mtlsRate: Sample[];
  requestRateByVersion: Sample[];
  errorRateByVersion: Sample[];
  latency: { p50: Sample[]; p90: Sample[]; p99: Sample[] };
  latencyByVersion: { p50: Sample[]; p90: Sample[]; p99: Sample[] };
  series: Array<{ time: number; requestRate: number }>;
  /** Each version's last 30 minutes: rate, 5xx share and p99, one point a minute. */
  versionSeries: VersionSeries[];
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : undefined);

function figures(rate: number, errors: number | undefined, latency: LatencyMs): TrafficFigures {
  return { requestRate: rate, errorShare: rate > 0 ? (errors ?? 0) / rate : undefined, latencyMs: latency };
}

/**
 * Turns Prometheus's answers into the entity's health.
 *
 * @public
 */
export function healthFromSamples(samples: HealthSamples, window = '5m'): HealthStatus {
  const total = samples.requestRate[0]?.value ?? 0;
  if (!(total > 0)) return { state: 'no-traffic', window, perVersion: [], series: samples.series, versionSeries: samples.versionSeries };
  const first = (list: Sample[]) => finite(list[0]?.value);
  const forVersion = (list: Sample[], version: string) => finite(list.find(s => (s.labels.destination_version ?? 'unknown') === version)?.value);
  const perVersion: VersionHealth[] = samples.requestRateByVersion
    .map(sample => {
      const version = sample.labels.destination_version ?? 'unknown';
      return {
        version,
        ...figures(sample.value, forVersion(samples.errorRateByVersion, version), {
          p50: forVersion(samples.latencyByVersion.p50, version),
          p90: forVersion(samples.latencyByVersion.p90, version),
          p99: forVersion(samples.latencyByVersion.p99, version),
        }),
      };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
  return {
    state: 'ok',
    window,
    overall: figures(total, first(samples.errorRate), { p50: first(samples.latency.p50), p90: first(samples.latency.p90), p99: first(samples.latency.p99) }),
    perVersion,
    mtlsShare: (first(samples.mtlsRate) ?? 0) / total,
    series: samples.series,
    versionSeries: samples.versionSeries,
  };
}

/**
 * Health when the metrics could not be read, with the reason.
 *
 * @public
 */
export function unknownHealth(reason: string, window = '5m'): HealthStatus {
  return { state: 'unknown', reason, window, perVersion: [], series: [] };
}
