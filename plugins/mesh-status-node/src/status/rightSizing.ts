import { Amounts, PodOverhead, SidecarRightSizing } from '@meshport/plugin-mesh-common';

const MI = 1024 ** 2;

/**
 * What Prometheus shows of one pod's istio-proxy over the window.
 *
 * @public
 */
export interface ProxyHistory {
  /** The chosen percentile of its CPU use (5-minute rates), millicores. */
  cpuPercentile?: number;
  /** Its highest working set, bytes. */
  memoryPeak?: number;
  /** How much of the window it was measured over, seconds. */
  coveredSeconds: number;
}

/**
 * How a sidecar's requests are recommended: the chosen percentile of CPU and the peak memory over the
 * window, times the headroom, never under the floors; the memory limit twice the request. A change is
 * recommended only when it moves a request by more than `minChange`, and only from pods measured for at
 * least `minHistorySeconds`.
 *
 * @public
 */
export interface RightSizingRule {
  window: string;
  percentile: number;
  headroom: number;
  cpuFloorMillicores: number;
  memoryFloorBytes: number;
  minChange: number;
  minHistorySeconds: number;
}

/** @public */
export const DEFAULT_RIGHT_SIZING: RightSizingRule = {
  window: '7d',
  percentile: 0.95,
  headroom: 1.25,
  cpuFloorMillicores: 10,
  memoryFloorBytes: 32 * MI,
  minChange: 0.2,
  minHistorySeconds: 24 * 3600,
};

/**
 * The PromQL of the history read, per pod over the window (5-minute steps): CPU percentile, memory peak, samples.
 *
 * @public
 */
export function proxyHistoryQueries(rule: RightSizingRule) {
  const memory = 'sum by (namespace, pod) (container_memory_working_set_bytes{container="istio-proxy"})';
  return {
    cpu: `quantile_over_time(${rule.percentile}, (sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container="istio-proxy"}[5m])))[${rule.window}:5m])`,
    memory: `max_over_time((${memory})[${rule.window}:5m])`,
    samples: `count_over_time((${memory})[${rule.window}:5m])`,
  } as const;
}

/**
 * Seconds each history sample stands for (the subquery step).
 *
 * @public
 */
export const HISTORY_STEP_SECONDS = 300;

const roundUp = (value: number, step: number) => Math.ceil(value / step) * step;

/** How far a recommendation moves from the current value, as a share of it (1 when nothing is requested). */
const change = (current: number | undefined, next: number) => (current ? Math.abs(current - next) / current : 1);

/**
 * The sidecar requests a service's proxies need, from their measured use: the pods' highest percentile CPU
 * and peak memory over the window, with the rule's headroom and floors, against what they request now.
 *
 * @public
 */
export function recommendSidecarResources(
  pods: PodOverhead[],
  history: ReadonlyMap<string, ProxyHistory> | undefined,
  rule: RightSizingRule = DEFAULT_RIGHT_SIZING,
  unavailable = 'no Prometheus is configured for this cluster',
): SidecarRightSizing | undefined {
  const injected = pods.filter(p => p.sidecar.requests.cpu !== undefined || p.sidecar.requests.memory !== undefined);
  if (injected.length === 0) return undefined;
  const window = rule.window;
  if (!history) return { state: 'unknown', window, reason: unavailable };
  const measured = injected.map(p => history.get(p.name)).filter((h): h is ProxyHistory => Boolean(h && h.coveredSeconds >= rule.minHistorySeconds));
  if (measured.length === 0) {
    return {
      state: 'unknown',
      window,
      reason: `no proxy of these pods has ${Math.round(rule.minHistorySeconds / 3600)} h of istio-proxy usage in Prometheus yet`,
    };
  }
  const highest = (pick: (h: ProxyHistory) => number | undefined) => Math.max(...measured.map(h => pick(h) ?? 0));
  const observed = { cpu: highest(h => h.cpuPercentile), memory: highest(h => h.memoryPeak) };
  const current: Amounts = {
    cpu: Math.max(...injected.map(p => p.sidecar.requests.cpu ?? 0)) || undefined,
    memory: Math.max(...injected.map(p => p.sidecar.requests.memory ?? 0)) || undefined,
  };
  const cpuRequest = Math.max(rule.cpuFloorMillicores, roundUp(observed.cpu * rule.headroom, 5));
  const memoryRequest = Math.max(rule.memoryFloorBytes, roundUp(observed.memory * rule.headroom, MI));
  const recommended = { cpuRequest, memoryRequest, memoryLimit: 2 * memoryRequest };
  const saving = { cpu: ((current.cpu ?? 0) - cpuRequest) * injected.length, memory: ((current.memory ?? 0) - memoryRequest) * injected.length };
  const fits = change(current.cpu, cpuRequest) <= rule.minChange && change(current.memory, memoryRequest) <= rule.minChange;
  return { state: fits ? 'fits' : 'recommend', window, pods: measured.length, observed, current, recommended, saving };
}
