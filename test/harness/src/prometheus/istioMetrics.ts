/**
 * Istio's standard metrics (reporter="destination") and cAdvisor's container metrics for the demo's
 * payment-service, as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`. Traffic is
 * constant, so that the figures Prometheus computes are known:
 * - 100 requests/s: v1 90/s (1/s answered 503), v2 10/s (1/s answered 503); 90% over mutual TLS;
 * - latency buckets put v1's p50/p90/p99 at 25/50/95 ms and v2's at 100/250/475 ms;
 * - per pod: the proxy uses 50 millicores and 60 MiB, the app 200 millicores and 300 MiB;
 * - in ambient, each node's ztunnel uses 30 millicores and 40 MiB, inventory-service's waypoint 20 millicores and 50 MiB
 *   (both containers are named istio-proxy, as Istio's charts name them);
 * - what workloads call (reporter="source"): order-service 20/s to payment-service and 0.5/s to user-service,
 *   which its Sidecar leaves out (refused: BlackHoleCluster); payment-service 1/s to api.cards.example.com,
 *   which no ServiceEntry declares (refused under REGISTRY_ONLY);
 * - order-service calls as spiffe://cluster.local/ns/orders/sa/order-service; its dry-run ALLOW policies
 *   would deny 0.5 requests/s on its ready pod (Envoy's RBAC shadow stat).
 */

const STEP_SECONDS = 15;
const BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

interface RequestSeries {
  version: string;
  code: string;
  security: 'mutual_tls' | 'none';
  perSecond: number;
}

const REQUESTS: RequestSeries[] = [
  { version: 'v1', code: '200', security: 'mutual_tls', perSecond: 79 },
  { version: 'v1', code: '200', security: 'none', perSecond: 10 },
  { version: 'v1', code: '503', security: 'mutual_tls', perSecond: 1 },
  { version: 'v2', code: '200', security: 'mutual_tls', perSecond: 9 },
  { version: 'v2', code: '503', security: 'mutual_tls', perSecond: 1 },
];

/** Cumulative share of requests at or under each bucket bound, per version. */
const LATENCY: Record<string, Record<number, number>> = {
  v1: { 5: 0, 10: 0, 25: 0.5, 50: 0.9, 100: 1 },
  v2: { 5: 0, 10: 0, 25: 0, 50: 0, 100: 0.5, 250: 0.9, 500: 1 },
};

function cumulativeShare(version: string, bound: number): number {
  const table = LATENCY[version];
  const known = Object.keys(table)
    .map(Number)
    .filter(b => b <= bound);
  return known.length === 0 ? 0 : table[Math.max(...known)];
}

function labels(values: Record<string, string>): string {
  return `{${Object.entries(values)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;
}

const DESTINATION = {
  reporter: 'destination',
  source_workload: 'order-service',
  source_workload_namespace: 'orders',
  source_principal: 'spiffe://cluster.local/ns/orders/sa/order-service',
  destination_workload_namespace: 'payments',
  destination_service: 'payment-service.payments.svc.cluster.local',
  destination_service_name: 'payment-service',
  destination_service_namespace: 'payments',
  request_protocol: 'http',
};

/** The demo's payment-service pods (see demoCluster.ts). */
export const PAYMENT_PODS = [
  'payment-service-v1-7d9c5b8f4-x7k2p',
  'payment-service-v1-7d9c5b8f4-q9m4t',
  'payment-service-v1-7d9c5b8f4-b3n8w',
  'payment-service-v2-5f6b9d7c2-x7k2p',
];

/** The demo's order-service pod whose proxy is ready (see demoCluster.ts). */
export const ORDER_POD = 'order-service-7d9c5b8f4-q9m4t';

/** The demo's ztunnel pods (one per node) and inventory-service's waypoint pod. */
export const ZTUNNEL_PODS = ['ztunnel-4kx9p', 'ztunnel-m2v7d', 'ztunnel-r8q3n'];
export const WAYPOINT_POD = 'inventory-service-waypoint-6c8d9f7b5-t2w4x';

/** OpenMetrics text with one sample every 15 s from `start` to `end` (unix seconds). */
export function istioOpenMetrics(start: number, end: number): string {
  const times: number[] = [];
  for (let t = start; t <= end; t += STEP_SECONDS) times.push(t);
  const lines: string[] = [];
  const family = (name: string, type: string, series: Array<{ name: string; labels: string; value: (elapsed: number) => number }>) => {
    lines.push(`# TYPE ${name} ${type}`);
    for (const s of series) for (const t of times) lines.push(`${s.name}${s.labels} ${s.value(t - start)} ${t}`);
  };
  const outbound = [
    { namespace: 'orders', workload: 'order-service', service: 'payment-service.payments.svc.cluster.local', name: 'payment-service', perSecond: 20 },
    { namespace: 'orders', workload: 'order-service', service: 'user-service.users.svc.cluster.local', name: 'BlackHoleCluster', perSecond: 0.5 },
    { namespace: 'payments', workload: 'payment-service-v1', service: 'api.cards.example.com', name: 'BlackHoleCluster', perSecond: 1 },
  ];
  family('istio_requests', 'counter', [
    ...REQUESTS.map(r => ({
      name: 'istio_requests_total',
      labels: labels({
        ...DESTINATION,
        destination_version: r.version,
        destination_workload: `payment-service-${r.version}`,
        response_code: r.code,
        connection_security_policy: r.security,
      }),
      value: (elapsed: number) => r.perSecond * elapsed,
    })),
    ...outbound.map(o => ({
      name: 'istio_requests_total',
      labels: labels({
        reporter: 'source',
        source_workload: o.workload,
        source_workload_namespace: o.namespace,
        destination_service: o.service,
        destination_service_name: o.name,
        response_code: o.name === 'BlackHoleCluster' ? '502' : '200',
      }),
      value: (elapsed: number) => o.perSecond * elapsed,
    })),
  ]);
  const versions = ['v1', 'v2'];
  const perSecond = (version: string) => REQUESTS.filter(r => r.version === version).reduce((sum, r) => sum + r.perSecond, 0);
  const histogramLabels = (version: string, extra: Record<string, string> = {}) =>
    labels({
      ...DESTINATION,
      destination_version: version,
      destination_workload: `payment-service-${version}`,
      response_code: '200',
      connection_security_policy: 'mutual_tls',
      ...extra,
    });
  family('istio_request_duration_milliseconds', 'histogram', [
    ...versions.flatMap(version => [
      ...BUCKETS.map(bound => ({
        name: 'istio_request_duration_milliseconds_bucket',
        labels: histogramLabels(version, { le: String(bound) }),
        value: (elapsed: number) => perSecond(version) * elapsed * cumulativeShare(version, bound),
      })),
      {
        name: 'istio_request_duration_milliseconds_bucket',
        labels: histogramLabels(version, { le: '+Inf' }),
        value: (elapsed: number) => perSecond(version) * elapsed,
      },
      { name: 'istio_request_duration_milliseconds_count', labels: histogramLabels(version), value: (elapsed: number) => perSecond(version) * elapsed },
      { name: 'istio_request_duration_milliseconds_sum', labels: histogramLabels(version), value: (elapsed: number) => perSecond(version) * elapsed * 40 },
    ]),
  ]);
  const containers = [
    ...PAYMENT_PODS.flatMap(pod => [
      { namespace: 'payments', pod, container: 'istio-proxy', cores: 0.05, bytes: 60 * 2 ** 20 },
      { namespace: 'payments', pod, container: 'payment-service', cores: 0.2, bytes: 300 * 2 ** 20 },
    ]),
    ...ZTUNNEL_PODS.map(pod => ({ namespace: 'istio-system', pod, container: 'istio-proxy', cores: 0.03, bytes: 40 * 2 ** 20 })),
    { namespace: 'inventory', pod: WAYPOINT_POD, container: 'istio-proxy', cores: 0.02, bytes: 50 * 2 ** 20 },
  ];
  family(
    'container_cpu_usage_seconds',
    'counter',
    containers.map(c => ({
      name: 'container_cpu_usage_seconds_total',
      labels: labels({ namespace: c.namespace, pod: c.pod, container: c.container, cpu: 'total' }),
      value: elapsed => c.cores * elapsed,
    })),
  );
  family(
    'container_memory_working_set_bytes',
    'gauge',
    containers.map(c => ({
      name: 'container_memory_working_set_bytes',
      labels: labels({ namespace: c.namespace, pod: c.pod, container: c.container }),
      value: () => c.bytes,
    })),
  );
  // Envoy's RBAC stats of order-service's ready pod, where its dry-run ALLOW policies would deny 0.5 requests/s.
  family('envoy_http_inbound_0_0_0_0_8080_rbac', 'unknown', [
    {
      name: 'envoy_http_inbound_0_0_0_0_8080_rbac',
      labels: labels({ namespace: 'orders', pod: ORDER_POD, authz_dry_run_action: 'allow', authz_dry_run_result: 'denied' }),
      value: elapsed => 0.5 * elapsed,
    },
  ]);
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
