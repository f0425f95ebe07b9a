import {
  CanaryThresholds,
  DEFAULT_CANARY_THRESHOLDS,
  FleetIndex,
  FleetSamples,
  fleetQueries,
  HISTORY_STEP_SECONDS,
  indexFleet,
  ProxyHistory,
  proxyHistoryQueries,
  RightSizingRule,
} from '@meshport/plugin-mesh-status-node';
import { TtlCache } from '../cache/ttlCache';
import { PrometheusClient } from './prometheusClient';

/** The window Istio's rates are taken over. */
export const METRICS_WINDOW = '5m';

/**
 * One cluster's fleet read of Prometheus, shared by every status request: at most one read per TTL
 * (fifteen queries, whatever the number of entities or concurrent requests), requests arriving while a read
 * runs wait for it (single flight), and a failed read is remembered for the TTL too, so that a Prometheus
 * that is down is not asked again by every request.
 */
export class FleetMetricsCache {
  private readonly reads: TtlCache<'fleet', FleetIndex>;
  private readonly histories: TtlCache<'history', Map<string, ProxyHistory>>;

  constructor(
    private readonly prometheus: PrometheusClient,
    ttlMs: number,
    readonly rightSizing: { rule: RightSizingRule; ttlMs: number },
    /** The portal's canary thresholds, for routes whose annotation sets none. */
    readonly canaryThresholds: CanaryThresholds = DEFAULT_CANARY_THRESHOLDS,
  ) {
    this.reads = new TtlCache(ttlMs);
    this.histories = new TtlCache(rightSizing.ttlMs);
  }

  /**
   * Every proxy's use over the right-sizing window, by "namespace/pod": three queries per cluster and TTL
   * (minutes, not seconds: the window is days), single flight like the fleet read.
   */
  readHistory(): Promise<Map<string, ProxyHistory>> {
    return this.histories.get('history', async () => {
      const queries = proxyHistoryQueries(this.rightSizing.rule);
      const now = Date.now() / 1000;
      const [cpu, memory, samples] = await Promise.all([queries.cpu, queries.memory, queries.samples].map(query => this.prometheus.query(query, now)));
      const history = new Map<string, ProxyHistory>();
      const entry = (labels: Record<string, string>) => {
        const key = `${labels.namespace}/${labels.pod}`;
        let found = history.get(key);
        if (!found) history.set(key, (found = { coveredSeconds: 0 }));
        return found;
      };
      for (const sample of cpu) entry(sample.labels).cpuPercentile = sample.value * 1000;
      for (const sample of memory) entry(sample.labels).memoryPeak = sample.value;
      for (const sample of samples) entry(sample.labels).coveredSeconds = sample.value * HISTORY_STEP_SECONDS;
      return history;
    });
  }

  /** The current fleet read, grouped by service and pod once: cached, in flight, or started now. */
  read(): Promise<FleetIndex> {
    return this.reads.get('fleet', () => this.fetch(Date.now() / 1000));
  }

  private async fetch(now: number): Promise<FleetIndex> {
    const queries = fleetQueries(METRICS_WINDOW);
    const names = Object.keys(queries.instant) as Array<keyof typeof queries.instant>;
    const ranges = Object.keys(queries.range) as Array<keyof typeof queries.range>;
    const [rangeAnswers, answers] = await Promise.all([
      Promise.all(ranges.map(name => this.prometheus.queryRangeSeries(queries.range[name], now - 30 * 60, now, 60))),
      Promise.all(names.map(name => this.prometheus.query(queries.instant[name], now))),
    ]);
    const instant = Object.fromEntries(names.map((name, i) => [name, answers[i]])) as Omit<FleetSamples, keyof typeof queries.range>;
    const range = Object.fromEntries(ranges.map((name, i) => [name, rangeAnswers[i]])) as Pick<FleetSamples, keyof typeof queries.range>;
    return indexFleet({ ...instant, ...range });
  }
}
