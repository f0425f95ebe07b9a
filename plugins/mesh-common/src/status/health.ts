import { HealthStatus, LatencyMs, TrafficFigures, VersionHealth } from './types';

/** Which series of Istio's standard metrics belong to the entity. */
export interface MetricsTarget {
  namespace: string;
  /** Kubernetes Service names (destination_service_name). */
  services: string[];
  /** Pod names, for container usage. */
  pods: string[];
}

/** Escapes a string for a PromQL double-quoted label value. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An anchored alternation of literal names for a `=~` matcher. */
function anyOf(names: string[]): string {
  return quote(names.map(name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

/** The PromQL for an entity's health and proxy usage over a window ("5m"). */
export function healthQueries(target: MetricsTarget, window = '5m') {
  const requests = `reporter="destination",destination_service_namespace=${quote(target.namespace)},destination_service_name=~${anyOf(target.services)}`;
  const rate = (extra = '', by = '') => `sum${by ? ` by (${by})` : ''}(rate(istio_requests_total{${requests}${extra}}[${window}]))`;
  const quantile = (q: number, by: string) => `histogram_quantile(${q}, sum by (${by}) (rate(istio_request_duration_milliseconds_bucket{${requests}}[${window}])))`;
  const containers = `namespace=${quote(target.namespace)},pod=~${anyOf(target.pods)}`;
  return {
    requestRate: rate(),
    errorRate: rate(',response_code=~"5.."'),
    mtlsRate: rate(',connection_security_policy="mutual_tls"'),
    requestRateByVersion: rate('', 'destination_version'),
    errorRateByVersion: rate(',response_code=~"5.."', 'destination_version'),
    latency: (q: number) => quantile(q, 'le'),
    latencyByVersion: (q: number) => quantile(q, 'le, destination_version'),
    proxyCpu: `sum by (pod) (rate(container_cpu_usage_seconds_total{${containers},container="istio-proxy"}[${window}]))`,
    appCpu: `sum by (pod) (rate(container_cpu_usage_seconds_total{${containers},container!="istio-proxy",container!="",container!="POD"}[${window}]))`,
    proxyMemory: `sum by (pod) (container_memory_working_set_bytes{${containers},container="istio-proxy"})`,
    appMemory: `sum by (pod) (container_memory_working_set_bytes{${containers},container!="istio-proxy",container!="",container!="POD"})`,
  };
}

/** One instant-vector sample: its labels and value. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The raw answers to `healthQueries`, keyed like it. */
export interface HealthSamples {
  requestRate: Sample[];
  errorRate: Sample[];
  mtlsRate: Sample[];
  requestRateByVersion: Sample[];
  errorRateByVersion: Sample[];
  latency: { p50: Sample[]; p90: Sample[]; p99: Sample[] };
  latencyByVersion: { p50: Sample[]; p90: Sample[]; p99: Sample[] };
  series: Array<{ time: number; requestRate: number }>;
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : undefined);

function figures(rate: number, errors: number | undefined, latency: LatencyMs): TrafficFigures {
  return { requestRate: rate, errorShare: rate > 0 ? (errors ?? 0) / rate : undefined, latencyMs: latency };
}

/** Turns Prometheus's answers into the entity's health. */
export function healthFromSamples(samples: HealthSamples, window = '5m'): HealthStatus {
  const total = samples.requestRate[0]?.value ?? 0;
  if (!(total > 0)) return { state: 'no-traffic', window, perVersion: [], series: samples.series };
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
  };
}

/** Health when the metrics could not be read, with the reason. */
export function unknownHealth(reason: string, window = '5m'): HealthStatus {
  return { state: 'unknown', reason, window, perVersion: [], series: [] };
}
