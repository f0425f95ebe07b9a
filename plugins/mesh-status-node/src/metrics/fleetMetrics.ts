import { HealthSamples, Sample } from './health';
import { callersFromEdges, EdgeIndex, edgeQueries, indexEdges, keyOf } from './trafficEdges';

/**
 * One read of a cluster's Prometheus for every workload at once: Istio's request metrics grouped by
 * destination service and version, the duration histogram's buckets, the 30-minute request rate per
 * service, and container usage per pod. A status request then costs no query: it picks its services
 * and pods out of the last read. What `fleetQueries` asks and `entityHealthSamples` answers from.
 *
 * @public
 */
export interface FleetSamples {
  /** labels: destination_service_namespace, destination_service_name, destination_version */
  requests: Sample[];
  errors: Sample[];
  mtls: Sample[];
  /** The same labels and `le`. */
  buckets: Sample[];
  /** Per destination_service_namespace, destination_service_name and destination_version: request rate, one point a minute. */
  series: RangeSeries[];
  /** The same labels: 5xx rate, one point a minute. */
  errorSeries: RangeSeries[];
  /** The same labels: p99 latency (ms), one point a minute. */
  p99Series: RangeSeries[];
  /** labels: namespace, pod */
  proxyCpu: Sample[];
  appCpu: Sample[];
  proxyMemory: Sample[];
  appMemory: Sample[];
  /** labels: source_workload_namespace, source_workload, destination_service, destination_service_name: calls per second, HTTP and TCP */
  outbound: Sample[];
  /** labels: namespace, pod: requests per second dry-run AuthorizationPolicies would have denied (Envoy's RBAC shadow stats) */
  dryRunDenied: Sample[];
  /** labels: source and destination (see `edgeQueries`) and connection_security_policy: requests per second */
  edges: Sample[];
  /** The same edges' 5xx answers per second. */
  edgeErrors: Sample[];
}

const BY_SERVICE_VERSION = 'destination_service_namespace, destination_service_name, destination_version';

/**
 * One range-query series: its labels and points.
 *
 * @public
 */
export type RangeSeries = { labels: Record<string, string>; points: Array<{ time: number; value: number }> };
const BY_SOURCE_DESTINATION = 'source_workload_namespace, source_workload, destination_service, destination_service_name';

/**
 * One destination a workload calls, as its proxy reports it.
 *
 * @public
 */
export interface OutboundCall {
  /** The workload calling, "namespace/name" (Istio's source_workload). */
  source: string;
  /** The host called: a Service's or ServiceEntry's, the Host header for HTTP the mesh does not know, or "unknown". */
  host: string;
  /** Where the proxy sent it: a known service, or BlackHoleCluster (refused) or PassthroughCluster (left the mesh's control). */
  cluster: 'BlackHoleCluster' | 'PassthroughCluster' | 'service';
  /** Calls (requests and connections) per second. */
  rate: number;
}

/**
 * The PromQL of one fleet read over a window ("5m"): instant queries, and the range queries of the last 30 minutes per version.
 *
 * @public
 */
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
      // What each workload calls, as its own proxy reports it: requests and TCP connections alike.
      outbound: `sum by (${BY_SOURCE_DESTINATION}) (rate({__name__=~"istio_requests_total|istio_tcp_connections_opened_total",reporter="source"}[${window}]))`,
      // Envoy names the stat after the inbound listener (envoy_http_inbound_0_0_0_0_8080_rbac) and tags the dry-run result.
      dryRunDenied: `sum by (namespace, pod) (rate({__name__=~"envoy_http_inbound_.+_rbac",authz_dry_run_result="denied"}[${window}]))`,
      ...edgeQueries(window),
    },
    range: {
      series: `sum by (${BY_SERVICE_VERSION}) (rate(istio_requests_total{reporter="destination"}[${window}]))`,
      errorSeries: `sum by (${BY_SERVICE_VERSION}) (rate(istio_requests_total{reporter="destination",response_code=~"5.."}[${window}]))`,
      p99Series: `histogram_quantile(0.99, sum by (${BY_SERVICE_VERSION}, le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[${window}])))`,
    },
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

/**
 * A destination service of the entity: its namespace and name.
 *
 * @public
 */
export interface ServiceRef {
  namespace: string;
  name: string;
}

/** Sums samples by a label (or into one when none). */
function sumBy(samples: Sample[], label?: string): Sample[] {
  const sums = new Map<string, number>();
  for (const sample of samples) {
    const key = label ? sample.labels[label] ?? '' : '';
    sums.set(key, (sums.get(key) ?? 0) + sample.value);
  }
  return [...sums].map(([key, value]) => ({ labels: label ? { [label]: key } : {}, value }));
}

/** The quantile of histogram buckets, over all versions or per version. */
function quantiles(buckets: Sample[], q: number, byVersion: boolean): Sample[] {
  const groups = new Map<string, Map<number, number>>();
  for (const sample of buckets) {
    const group = byVersion ? sample.labels.destination_version ?? '' : '';
    const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    const counts = groups.get(group) ?? new Map<number, number>();
    counts.set(le, (counts.get(le) ?? 0) + sample.value);
    groups.set(group, counts);
  }
  return [...groups].flatMap(([group, counts]): Sample[] => {
    const value = histogramQuantile(
      q,
      [...counts].map(([le, count]) => ({ le, count })),
    );
    const labels: Record<string, string> = byVersion ? { destination_version: group } : {};
    return value === undefined ? [] : [{ labels, value }];
  });
}

/**
 * A service's part of a fleet read: the samples its health reads.
 *
 * @public
 */
export type ServiceSamples = Pick<FleetSamples, 'requests' | 'errors' | 'mtls' | 'buckets' | 'series' | 'errorSeries' | 'p99Series'>;

/**
 * One pod's measured usage, its sidecar's and its app's: CPU in millicores, memory in bytes.
 *
 * @public
 */
export type PodUsageEntry = { sidecar: { cpu?: number; memory?: number }; app: { cpu?: number; memory?: number } };

/**
 * A fleet read grouped once by destination service and by pod, so that each status request looks up its
 * own services and pods instead of scanning every sample of the cluster.
 *
 * @public
 */
export interface FleetIndex {
  services: Map<string, ServiceSamples>;
  pods: Map<string, PodUsageEntry>;
  /** By source workload, "namespace/name". */
  outbound: Map<string, OutboundCall[]>;
  /** By pod, "namespace/pod": requests per second dry-run policies would have denied. */
  dryRunDenied: Map<string, number>;
  /** Who called whom: by destination service and by source workload ("namespace/name"). */
  edges: EdgeIndex;
}

/**
 * Groups a fleet read by service ("namespace/name") and by pod ("namespace/pod").
 *
 * @public
 */
export function indexFleet(fleet: FleetSamples): FleetIndex {
  const services = new Map<string, ServiceSamples>();
  const of = (labels: Record<string, string>) => {
    const key = keyOf(labels.destination_service_namespace, labels.destination_service_name);
    let entry = services.get(key);
    if (!entry) services.set(key, (entry = { requests: [], errors: [], mtls: [], buckets: [], series: [], errorSeries: [], p99Series: [] }));
    return entry;
  };
  for (const part of ['requests', 'errors', 'mtls', 'buckets'] as const) for (const sample of fleet[part]) of(sample.labels)[part].push(sample);
  for (const part of ['series', 'errorSeries', 'p99Series'] as const) for (const line of fleet[part]) of(line.labels)[part].push(line);
  const pods = new Map<string, PodUsageEntry>();
  const add = (samples: Sample[], part: 'sidecar' | 'app', field: 'cpu' | 'memory', scale: number) => {
    for (const sample of samples) {
      const key = `${sample.labels.namespace}/${sample.labels.pod}`;
      let entry = pods.get(key);
      if (!entry) pods.set(key, (entry = { sidecar: {}, app: {} }));
      entry[part][field] = sample.value * scale;
    }
  };
  add(fleet.proxyCpu, 'sidecar', 'cpu', 1000);
  add(fleet.appCpu, 'app', 'cpu', 1000);
  add(fleet.proxyMemory, 'sidecar', 'memory', 1);
  add(fleet.appMemory, 'app', 'memory', 1);
  const outbound = new Map<string, OutboundCall[]>();
  for (const sample of fleet.outbound) {
    const source = `${sample.labels.source_workload_namespace}/${sample.labels.source_workload}`;
    const name = sample.labels.destination_service_name;
    const cluster = name === 'BlackHoleCluster' || name === 'PassthroughCluster' ? name : 'service';
    const calls = outbound.get(source) ?? [];
    if (calls.length === 0) outbound.set(source, calls);
    calls.push({ source, host: sample.labels.destination_service || 'unknown', cluster, rate: sample.value });
  }
  const dryRunDenied = new Map(fleet.dryRunDenied.map(sample => [`${sample.labels.namespace}/${sample.labels.pod}`, sample.value] as const));
  return { services, pods, outbound, dryRunDenied, edges: indexEdges(fleet.edges, fleet.edgeErrors) };
}

/**
 * What dry-run policies would have denied at the entity's pods, requests per second; undefined when Prometheus has no such stat for them.
 *
 * @public
 */
export function entityDryRunDenied(fleet: FleetIndex, pods: Array<{ namespace: string; name: string }>): number | undefined {
  const rates = pods.map(pod => fleet.dryRunDenied.get(`${pod.namespace}/${pod.name}`)).filter((rate): rate is number => rate !== undefined);
  return rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) : undefined;
}

/**
 * Who called the entity's Services, by principal, requests per second.
 *
 * @public
 */
export function entityCallers(fleet: FleetIndex, services: ServiceRef[]): Array<{ principal: string; rate: number }> {
  return callersFromEdges([...new Set(services.map(s => keyOf(s.namespace, s.name)))].flatMap(key => fleet.edges.byDestination.get(key) ?? []));
}

/**
 * What the entity's workloads ("namespace/name") call, out of a fleet read.
 *
 * @public
 */
export function entityOutboundCalls(fleet: FleetIndex, workloads: Array<{ namespace: string; name: string }>): OutboundCall[] {
  return [...new Set(workloads.map(w => `${w.namespace}/${w.name}`))].flatMap(key => fleet.outbound.get(key) ?? []);
}

/** Each version's rate, 5xx share and p99 over the last 30 minutes, added up over the entity's Services (the highest p99). */
function versionSeriesOf(own: ServiceSamples[]): HealthSamples['versionSeries'] {
  const byVersion = new Map<string, Map<number, { requestRate: number; errors: number; p99?: number }>>();
  const at = (labels: Record<string, string>, time: number) => {
    const version = labels.destination_version ?? 'unknown';
    let times = byVersion.get(version);
    if (!times) byVersion.set(version, (times = new Map()));
    let point = times.get(time);
    if (!point) times.set(time, (point = { requestRate: 0, errors: 0 }));
    return point;
  };
  for (const line of own.flatMap(entry => entry.series)) for (const p of line.points) at(line.labels, p.time).requestRate += p.value;
  for (const line of own.flatMap(entry => entry.errorSeries)) for (const p of line.points) at(line.labels, p.time).errors += p.value;
  for (const line of own.flatMap(entry => entry.p99Series)) {
    for (const p of line.points) if (Number.isFinite(p.value)) at(line.labels, p.time).p99 = Math.max(at(line.labels, p.time).p99 ?? 0, p.value);
  }
  return [...byVersion]
    .map(([version, times]) => ({
      version,
      points: [...times]
        .sort(([a], [b]) => a - b)
        .map(([time, point]) => ({
          time,
          requestRate: point.requestRate,
          ...(point.requestRate > 0 ? { errorShare: point.errors / point.requestRate } : {}),
          ...(point.p99 !== undefined ? { p99: point.p99 } : {}),
        })),
    }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * The entity's health samples out of a fleet read: what per-entity queries would have answered.
 *
 * @public
 */
export function entityHealthSamples(fleet: FleetIndex, services: ServiceRef[]): HealthSamples {
  const own = [...new Set(services.map(s => keyOf(s.namespace, s.name)))].flatMap(key => fleet.services.get(key) ?? []);
  const pick = (part: 'requests' | 'errors' | 'mtls' | 'buckets') => own.flatMap(entry => entry[part]);
  const buckets = pick('buckets');
  const latency = (byVersion: boolean) => ({
    p50: quantiles(buckets, 0.5, byVersion),
    p90: quantiles(buckets, 0.9, byVersion),
    p99: quantiles(buckets, 0.99, byVersion),
  });
  const points = new Map<number, number>();
  for (const line of own.flatMap(entry => entry.series)) {
    for (const point of line.points) points.set(point.time, (points.get(point.time) ?? 0) + point.value);
  }
  return {
    versionSeries: versionSeriesOf(own),
    requestRate: sumBy(pick('requests')),
    errorRate: sumBy(pick('errors')),
    mtlsRate: sumBy(pick('mtls')),
    requestRateByVersion: sumBy(pick('requests'), 'destination_version'),
    errorRateByVersion: sumBy(pick('errors'), 'destination_version'),
    latency: latency(false),
    latencyByVersion: latency(true),
    series: [...points].sort(([a], [b]) => a - b).map(([time, requestRate]) => ({ time, requestRate })),
  };
}

/**
 * Measured usage of the entity's pods out of a fleet read, by pod name (CPU in millicores, memory in bytes).
 *
 * @public
 */
export function entityPodUsage(fleet: FleetIndex, pods: Array<{ namespace: string; name: string }>) {
  const usage = new Map<string, PodUsageEntry>();
  for (const pod of pods) {
    const entry = fleet.pods.get(`${pod.namespace}/${pod.name}`);
    if (entry) usage.set(pod.name, entry);
  }
  return usage;
}
