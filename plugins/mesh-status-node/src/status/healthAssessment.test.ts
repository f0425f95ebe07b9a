import { HealthStatus } from '@meshport/plugin-mesh-common';
import { assessHealth, DEFAULT_ERROR_RATE_THRESHOLDS, errorRateThresholdsFrom } from './healthAssessment';

const health = (overall: number, ...versions: Array<[string, number]>): HealthStatus => ({
  state: 'ok',
  window: '5m',
  overall: { requestRate: 100, errorShare: overall, latencyMs: {} },
  perVersion: versions.map(([version, errorShare]) => ({ version, requestRate: 50, errorShare, latencyMs: {} })),
  series: [],
});

describe('health against error-rate thresholds', () => {
  it("judges by Kiali's defaults: degraded from 0.1% 5xx, failing from 10%, per version too", () => {
    expect(assessHealth(health(0.02, ['v1', 0.001], ['v2', 0.1], ['v3', 0]), DEFAULT_ERROR_RATE_THRESHOLDS, 'config')).toEqual({
      state: 'degraded',
      thresholds: { degradedPercent: 0.1, failingPercent: 10 },
      source: 'config',
      perVersion: [
        { version: 'v1', state: 'degraded' },
        { version: 'v2', state: 'failing' },
        { version: 'v3', state: 'healthy' },
      ],
    });
    expect(assessHealth({ state: 'no-traffic', window: '5m', perVersion: [], series: [] }, DEFAULT_ERROR_RATE_THRESHOLDS, 'config').state).toBe('idle');
  });

  it("takes a component's own thresholds from its annotation, and refuses one it cannot read, naming it", () => {
    expect(errorRateThresholdsFrom('degraded=1, failing=20%', DEFAULT_ERROR_RATE_THRESHOLDS)).toEqual({
      thresholds: { degradedPercent: 1, failingPercent: 20 },
      source: 'entity',
    });
    expect(assessHealth(health(0.02), { degradedPercent: 1, failingPercent: 20 }, 'entity').state).toBe('degraded');
    expect(assessHealth(health(0.005), { degradedPercent: 1, failingPercent: 20 }, 'entity').state).toBe('healthy');
    expect(() => errorRateThresholdsFrom('degraded=20,failing=1', DEFAULT_ERROR_RATE_THRESHOLDS)).toThrow(
      /meshport.io\/error-rate-thresholds "degraded=20,failing=1" must read/,
    );
    expect(() => errorRateThresholdsFrom('bad', DEFAULT_ERROR_RATE_THRESHOLDS)).toThrow(/must read "degraded=<percent>,failing=<percent>"/);
    // An InputError (a 400 at every edge) that names the annotation first.
    expect(() => errorRateThresholdsFrom('degraded=5', DEFAULT_ERROR_RATE_THRESHOLDS)).toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringMatching(/^annotation meshport\.io\/error-rate-thresholds "degraded=5" must read/) }),
    );
  });
});
