import { EntityMetrics, healthFromSamples, healthQueries, MetricsTarget, PodUsage, Sample, unknownHealth } from '@meshport/plugin-mesh-common';
import { PrometheusClient } from './prometheusClient';

const WINDOW = '5m';

function perPod(cpu: Sample[], memory: Sample[]): Map<string, { cpu?: number; memory?: number }> {
  const out = new Map<string, { cpu?: number; memory?: number }>();
  for (const sample of cpu) out.set(sample.labels.pod, { ...out.get(sample.labels.pod), cpu: sample.value * 1000 });
  for (const sample of memory) out.set(sample.labels.pod, { ...out.get(sample.labels.pod), memory: sample.value });
  return out;
}

/** Health and proxy usage for an entity from Prometheus; `unknown` health with the reason when it fails. */
export async function readEntityMetrics(prometheus: PrometheusClient, target: MetricsTarget, now: number = Date.now() / 1000): Promise<EntityMetrics> {
  const queries = healthQueries(target, WINDOW);
  try {
    const query = (promql: string) => prometheus.query(promql, now);
    const [requestRate, errorRate, mtlsRate, requestRateByVersion, errorRateByVersion, p50, p90, p99, v50, v90, v99, series, proxyCpu, appCpu, proxyMemory, appMemory] = await Promise.all([
      query(queries.requestRate),
      query(queries.errorRate),
      query(queries.mtlsRate),
      query(queries.requestRateByVersion),
      query(queries.errorRateByVersion),
      query(queries.latency(0.5)),
      query(queries.latency(0.9)),
      query(queries.latency(0.99)),
      query(queries.latencyByVersion(0.5)),
      query(queries.latencyByVersion(0.9)),
      query(queries.latencyByVersion(0.99)),
      prometheus.queryRange(queries.requestRate, now - 30 * 60, now, 60),
      query(queries.proxyCpu),
      query(queries.appCpu),
      query(queries.proxyMemory),
      query(queries.appMemory),
    ]);
    const health = healthFromSamples(
      {
        requestRate,
        errorRate,
        mtlsRate,
        requestRateByVersion,
        errorRateByVersion,
        latency: { p50, p90, p99 },
        latencyByVersion: { p50: v50, p90: v90, p99: v99 },
        series: series.map(point => ({ time: point.time, requestRate: point.value })),
      },
      WINDOW,
    );
    const proxies = perPod(proxyCpu, proxyMemory);
    const apps = perPod(appCpu, appMemory);
    const usage: PodUsage = new Map([...new Set([...proxies.keys(), ...apps.keys()])].map(pod => [pod, { sidecar: proxies.get(pod) ?? {}, app: apps.get(pod) ?? {} }]));
    return { health, usage, usageUnavailable: usage.size === 0 ? 'Prometheus has no container metrics for these pods' : undefined };
  } catch (error) {
    const reason = (error as Error).message;
    return { health: unknownHealth(reason, WINDOW), usageUnavailable: reason };
  }
}
