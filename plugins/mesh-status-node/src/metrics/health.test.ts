import { healthFromSamples, HealthSamples, Sample, unknownHealth } from './health';

const sample = (value: number, version?: string): Sample => ({ labels: version ? { destination_version: version } : {}, value });
const none = { p50: [], p90: [], p99: [] };
const samples = (overrides: Partial<HealthSamples>): HealthSamples => ({
  requestRate: [],
  errorRate: [],
  mtlsRate: [],
  requestRateByVersion: [],
  errorRateByVersion: [],
  latency: none,
  latencyByVersion: none,
  series: [],
  versionSeries: [],
  ...overrides,
});

describe('healthFromSamples', () => {
  it('is "no-traffic" when Prometheus saw no request, keeping the series it drew', () => {
    const series = [{ time: 1, requestRate: 0 }];
    expect(healthFromSamples(samples({ requestRate: [sample(0)], series }), '10m')).toEqual({
      state: 'no-traffic',
      window: '10m',
      perVersion: [],
      series,
      versionSeries: [],
    });
    expect(healthFromSamples(samples({})).state).toBe('no-traffic');
  });

  it('gives the overall figures and each version\'s, versions in order and an unlabelled one as "unknown"', () => {
    const health = healthFromSamples(
      samples({
        requestRate: [sample(10)],
        errorRate: [sample(1)],
        mtlsRate: [sample(9)],
        requestRateByVersion: [sample(2, 'v2'), sample(7, 'v1'), sample(1)],
        errorRateByVersion: [sample(1, 'v2')],
        latency: { p50: [sample(5)], p90: [sample(20)], p99: [sample(80)] },
        latencyByVersion: { p50: [sample(4, 'v1')], p90: [], p99: [sample(300, 'v2'), sample(Number.NaN, 'v1')] },
      }),
    );
    expect(health).toMatchObject({ state: 'ok', window: '5m', mtlsShare: 0.9 });
    expect(health.overall).toEqual({ requestRate: 10, errorShare: 0.1, latencyMs: { p50: 5, p90: 20, p99: 80 } });
    expect(health.perVersion).toEqual([
      { version: 'unknown', requestRate: 1, errorShare: 0, latencyMs: { p50: undefined, p90: undefined, p99: undefined } },
      // Prometheus answers NaN for a quantile of no observations: no figure, not NaN.
      { version: 'v1', requestRate: 7, errorShare: 0, latencyMs: { p50: 4, p90: undefined, p99: undefined } },
      { version: 'v2', requestRate: 2, errorShare: 0.5, latencyMs: { p50: undefined, p90: undefined, p99: 300 } },
    ]);
  });
});

describe('unknownHealth', () => {
  it('says why there are no figures', () => {
    expect(unknownHealth('Prometheus answered 503')).toEqual({ state: 'unknown', reason: 'Prometheus answered 503', window: '5m', perVersion: [], series: [] });
  });
});
