import { HealthSamples, Sample } from './health';

/**
 * One read of a cluster's Prometheus for every workload at once: Istio's request metrics grouped by
 * destination service and version, the duration histogram's buckets, the 30-minute request rate per
 * service, and container usage per pod. A status request then costs no query: it picks its services
 * and pods out of the last read. What `fleetQueries` asks and `entityHealthSamples` answers from.
 */
export interface FleetSamples {
  /** labels: destination_service_namespace, destination_service_name, destination_version */
  requests: Sample[];
  errors: Sample[];
  mtls: Sample[];
  /** The same labels and `le`. */
  buckets: Sample[];
  /** Per destination_service_namespace and destination_service_name: request rate, one point a minute. */
  series: Array<{ labels: Record<string, string>; points: Array<{ time: number; value: number }> }>;
  /** labels: namespace, pod */
  proxyCpu: Sample[];
  appCpu: Sample[];
  proxyMemory: Sample[];
  appMemory: Sample[];
}

const BY_SERVICE_VERSION = 'destination_service_namespace, destination_service_name, destination_version';

/** The PromQL of one fleet read over a window ("5m"): instant queries, and the range query for `series`. */
export function fleetQueries(window = '5m') {
  const rate = (extra = '') => `sum by (${BY_SERVICE_VERSION}) (rate(istio_requests_total{reporter="destination"${extra}}[${window}]))`;
  const app = 'container!="istio-proxy",container!="",container!="POD"';
  return {
    instant: {
      requests: rate(),
      errors: rate(',response_code=~"5.."'),
      mtls: rate(',connection_security_policy="mutual_tls"'),
      buckets: `sum by (${BY_SERVICE_VERSION}, le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[${window}]))`,
      proxyCpu: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container="istio-proxy"}[${window}]))`,
      appCpu: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${app}}[${window}]))`,
      proxyMemory: 'sum by (namespace, pod) (container_memory_working_set_bytes{container="istio-proxy"})',
      appMemory: `sum by (namespace, pod) (container_memory_working_set_bytes{${app}})`,
    },
    series: `sum by (destination_service_namespace, destination_service_name) (rate(istio_requests_total{reporter="destination"}[${window}]))`,
  } as const;
}

/**
 * The q-quantile of a histogram's cumulative buckets, as PromQL's histogram_quantile computes it: linear
 * interpolation inside the bucket holding the rank, the last finite bound when the rank falls in +Inf.
 */
export function histogramQuantile(q: number, buckets: Array<{ le: number; count: number }>): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity) return undefined;
  // Prometheus makes the counts monotonic before it searches them.
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i].count < sorted[i - 1].count) sorted[i] = { ...sorted[i], count: sorted[i - 1].count };
  const observations = sorted[sorted.length - 1].count;
  if (!(observations > 0)) return undefined;
  let rank = q * observations;
  let b = sorted.findIndex((bucket, i) => i < sorted.length - 1 && bucket.count >= rank);
  if (b === -1) b = sorted.length - 1;
  if (b === sorted.length - 1) return sorted[sorted.length - 2].le;
  if (b === 0 && sorted[0].le <= 0) return sorted[0].le;
  let start = 0;
  let count = sorted[b].count;
  if (b > 0) {
    start = sorted[b - 1].le;
    count -= sorted[b - 1].count;
    rank -= sorted[b - 1].count;
  }
  return start + (sorted[b].le - start) * (rank / count);
}

/** A destination service of the entity: its namespace and name. */
export interface ServiceRef {
  namespace: string;
  name: string;
}

const serviceKey = (namespace: string | undefined, name: string | undefined) => `${namespace}/${name}`;

/** Sums samples by a label (or into one when none), keeping only those of the entity's services. */
function sumBy(samples: Sample[], services: Set<string>, label?: string): Sample[] {
  const sums = new Map<string, number>();
  for (const sample of samples) {
    if (!services.has(serviceKey(sample.labels.destination_service_namespace, sample.labels.destination_service_name))) continue;
    const key = label ? sample.labels[label] ?? '' : '';
    sums.set(key, (sums.get(key) ?? 0) + sample.value);
  }
  return [...sums].map(([key, value]) => ({ labels: label ? { [label]: key } : {}, value }));
}

/** The quantile of the entity's buckets, over all versions or per version. */
function quantiles(buckets: Sample[], services: Set<string>, q: number, byVersion: boolean): Sample[] {
  const groups = new Map<string, Map<number, number>>();
  for (const sample of buckets) {
    if (!services.has(serviceKey(sample.labels.destination_service_namespace, sample.labels.destination_service_name))) continue;
    const group = byVersion ? sample.labels.destination_version ?? '' : '';
    const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    const counts = groups.get(group) ?? new Map<number, number>();
    counts.set(le, (counts.get(le) ?? 0) + sample.value);
    groups.set(group, counts);
  }
  return [...groups].flatMap(([group, counts]): Sample[] => {
    const value = histogramQuantile(q, [...counts].map(([le, count]) => ({ le, count })));
    const labels: Record<string, string> = byVersion ? { destination_version: group } : {};
    return value === undefined ? [] : [{ labels, value }];
  });
}

/** The entity's health samples out of a fleet read: what per-entity queries would have answered. */
export function entityHealthSamples(fleet: FleetSamples, services: ServiceRef[]): HealthSamples {
  const wanted = new Set(services.map(s => serviceKey(s.namespace, s.name)));
  const latency = (byVersion: boolean) => ({ p50: quantiles(fleet.buckets, wanted, 0.5, byVersion), p90: quantiles(fleet.buckets, wanted, 0.9, byVersion), p99: quantiles(fleet.buckets, wanted, 0.99, byVersion) });
  const points = new Map<number, number>();
  for (const line of fleet.series) {
    if (!wanted.has(serviceKey(line.labels.destination_service_namespace, line.labels.destination_service_name))) continue;
    for (const point of line.points) points.set(point.time, (points.get(point.time) ?? 0) + point.value);
  }
  return {
    requestRate: sumBy(fleet.requests, wanted),
    errorRate: sumBy(fleet.errors, wanted),
    mtlsRate: sumBy(fleet.mtls, wanted),
    requestRateByVersion: sumBy(fleet.requests, wanted, 'destination_version'),
    errorRateByVersion: sumBy(fleet.errors, wanted, 'destination_version'),
    latency: latency(false),
    latencyByVersion: latency(true),
    series: [...points].sort(([a], [b]) => a - b).map(([time, requestRate]) => ({ time, requestRate })),
  };
}

/** Measured usage of the entity's pods out of a fleet read (CPU in millicores, memory in bytes). */
export function entityPodUsage(fleet: FleetSamples, pods: Array<{ namespace: string; name: string }>) {
  const wanted = new Set(pods.map(p => `${p.namespace}/${p.name}`));
  const usage = new Map<string, { sidecar: { cpu?: number; memory?: number }; app: { cpu?: number; memory?: number } }>();
  const add = (samples: Sample[], part: 'sidecar' | 'app', field: 'cpu' | 'memory', scale: number) => {
    for (const sample of samples) {
      if (!wanted.has(`${sample.labels.namespace}/${sample.labels.pod}`)) continue;
      const entry = usage.get(sample.labels.pod) ?? { sidecar: {}, app: {} };
      entry[part][field] = sample.value * scale;
      usage.set(sample.labels.pod, entry);
    }
  };
  add(fleet.proxyCpu, 'sidecar', 'cpu', 1000);
  add(fleet.appCpu, 'app', 'cpu', 1000);
  add(fleet.proxyMemory, 'sidecar', 'memory', 1);
  add(fleet.appMemory, 'app', 'memory', 1);
  return usage;
}
