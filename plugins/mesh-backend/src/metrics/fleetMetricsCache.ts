import { FleetIndex, FleetSamples, fleetQueries, indexFleet } from '@meshport/plugin-mesh-common';
import { TtlCache } from '../cache/ttlCache';
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
  private readonly reads: TtlCache<'fleet', FleetIndex>;

  constructor(
    private readonly prometheus: PrometheusClient,
    ttlMs: number,
  ) {
    this.reads = new TtlCache(ttlMs);
  }

  /** The current fleet read, grouped by service and pod once: cached, in flight, or started now. */
  read(): Promise<FleetIndex> {
    return this.reads.get('fleet', () => this.fetch(Date.now() / 1000));
  }

  private async fetch(now: number): Promise<FleetIndex> {
    const queries = fleetQueries(METRICS_WINDOW);
    const names = Object.keys(queries.instant) as Array<keyof typeof queries.instant>;
    const [series, ...answers] = await Promise.all([
      this.prometheus.queryRangeSeries(queries.series, now - 30 * 60, now, 60),
      ...names.map(name => this.prometheus.query(queries.instant[name], now)),
    ]);
    const instant = Object.fromEntries(names.map((name, i) => [name, answers[i]])) as Omit<FleetSamples, 'series'>;
    return indexFleet({ ...instant, series });
  }
}
