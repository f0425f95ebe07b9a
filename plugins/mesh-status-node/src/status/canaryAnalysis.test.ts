import { CanaryStatus, HealthStatus, VersionHealth } from '@meshport/plugin-mesh-common';
import { analyzeCanary, DEFAULT_CANARY_THRESHOLDS, thresholdsFrom } from './canaryAnalysis';

const canary = (weight: number): CanaryStatus => ({
  virtualService: 'shop/cart',
  host: 'cart.shop.svc.cluster.local',
  split: [
    { subset: 'stable', version: 'v1', weight: 100 - weight, pods: 3, readyPods: 3 },
    { subset: 'canary', version: 'v2', weight, pods: 1, readyPods: 1 },
  ],
});
const version = (name: string, requestRate: number, errorShare: number, p99: number): VersionHealth => ({
  version: name,
  requestRate,
  errorShare,
  latencyMs: { p99 },
});
const health = (...perVersion: VersionHealth[]): HealthStatus => ({ state: 'ok', window: '5m', perVersion, series: [] });

describe('canary analysis', () => {
  it('shifts a passing canary by the step, up to the promotion weight, then promotes', () => {
    const passing = health(version('v1', 90, 0.001, 80), version('v2', 10, 0.002, 120));
    const shift = analyzeCanary(canary(10), passing, DEFAULT_CANARY_THRESHOLDS, 'config');
    expect(shift).toMatchObject({
      verdict: 'shift',
      nextWeight: 30,
      weight: 10,
      canaryVersion: 'v2',
      stableVersion: 'v1',
      reason: 'every check passed at 10%: shift to 30%',
    });
    expect(shift.checks.map(c => [c.name, Math.round(c.canary! * 10) / 10, c.pass])).toEqual([
      ['requests', 3000, true],
      ['success rate', 99.8, true],
      ['p99', 120, true],
    ]);
    expect(analyzeCanary(canary(40), passing, DEFAULT_CANARY_THRESHOLDS, 'config')).toMatchObject({ verdict: 'shift', nextWeight: 50 });
    expect(analyzeCanary(canary(50), passing, DEFAULT_CANARY_THRESHOLDS, 'config')).toMatchObject({ verdict: 'promote' });
  });

  it('rolls back a canary that fails a check, naming it, and waits for enough requests', () => {
    const failing = health(version('v1', 90, 0, 80), version('v2', 10, 0.1, 900));
    expect(analyzeCanary(canary(10), failing, DEFAULT_CANARY_THRESHOLDS, 'config')).toMatchObject({
      verdict: 'rollback',
      reason: 'success rate and p99 out of bounds',
    });
    const quiet = health(version('v1', 90, 0, 80), version('v2', 0.1, 0, 80));
    expect(analyzeCanary(canary(10), quiet, DEFAULT_CANARY_THRESHOLDS, 'config')).toMatchObject({
      verdict: 'wait',
      reason: 'the canary served 30 requests in 5m, fewer than 100 to judge it by',
    });
    expect(
      analyzeCanary(
        canary(10),
        { state: 'unknown', reason: 'Prometheus is down', window: '5m', perVersion: [], series: [] },
        DEFAULT_CANARY_THRESHOLDS,
        'config',
      ),
    ).toMatchObject({ verdict: 'wait', checks: [] });
  });

  it('takes the thresholds a route sets over the config, and ignores what is not a number in range', () => {
    expect(thresholdsFrom('{"minSuccessRate":95,"maxP99Ms":"fast","stepWeight":500}', DEFAULT_CANARY_THRESHOLDS)).toEqual({
      thresholds: { ...DEFAULT_CANARY_THRESHOLDS, minSuccessRate: 95 },
      source: 'route',
    });
    expect(thresholdsFrom('not json', DEFAULT_CANARY_THRESHOLDS)).toEqual({ thresholds: DEFAULT_CANARY_THRESHOLDS, source: 'config' });
    expect(thresholdsFrom(undefined, DEFAULT_CANARY_THRESHOLDS).source).toBe('config');
  });
});
