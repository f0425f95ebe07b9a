import { FleetSamples, fleetQueries } from '@meshport/plugin-mesh-common';
import { PrometheusClient } from './prometheusClient';

/** The window Istio's rates are taken over. */
export const METRICS_WINDOW = '5m';

/**
 * One cluster's fleet read of Prometheus, shared by every status request: at most one read per TTL
 * (nine queries, whatever the number of entities or concurrent requests), requests arriving while a read
 * runs wait for it (single flight), and a failed read is remembered for the TTL too, so that a Prometheus
 * that is down is not asked again by every request.
 */
export class FleetMetricsCache {
  private last?: { at: number; result: Promise<FleetSamples> };

  constructor(
    private readonly prometheus: PrometheusClient,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The current fleet read: cached, in flight, or started now. */
  read(): Promise<FleetSamples> {
    const now = this.clock();
    if (this.last && now - this.last.at < this.ttlMs) return this.last.result;
    const result = this.fetch(now / 1000);
    this.last = { at: now, result };
    return result;
  }

  private async fetch(now: number): Promise<FleetSamples> {
    const queries = fleetQueries(METRICS_WINDOW);
    const names = Object.keys(queries.instant) as Array<keyof typeof queries.instant>;
    const [series, ...answers] = await Promise.all([
      this.prometheus.queryRangeSeries(queries.series, now - 30 * 60, now, 60),
      ...names.map(name => this.prometheus.query(queries.instant[name], now)),
    ]);
    const instant = Object.fromEntries(names.map((name, i) => [name, answers[i]])) as Omit<FleetSamples, 'series'>;
    return { ...instant, series };
  }
}
