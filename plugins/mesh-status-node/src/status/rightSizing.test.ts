import { PodOverhead } from '@meshport/plugin-mesh-common';
import { DEFAULT_RIGHT_SIZING, recommendSidecarResources } from './rightSizing';

const MI = 1024 ** 2;
const pod = (name: string, cpu?: number, memory?: number): PodOverhead => ({
  name,
  sidecar: { requests: { cpu, memory }, limits: {} },
  app: { requests: {}, limits: {} },
});
const day = 24 * 3600;

describe('sidecar right-sizing', () => {
  const pods = [pod('a', 100, 128 * MI), pod('b', 100, 128 * MI), pod('c')];

  it('recommends the highest 95th percentile CPU and peak memory with 25% headroom, and the saving over the injected pods', () => {
    const history = new Map([
      ['a', { cpuPercentile: 12, memoryPeak: 40 * MI, coveredSeconds: 7 * day }],
      ['b', { cpuPercentile: 30, memoryPeak: 52 * MI, coveredSeconds: 7 * day }],
    ]);
    expect(recommendSidecarResources(pods, history)).toEqual({
      state: 'recommend',
      window: '7d',
      pods: 2,
      observed: { cpu: 30, memory: 52 * MI },
      current: { cpu: 100, memory: 128 * MI },
      // 30m × 1.25 = 37.5m, rounded up to 40m; 52Mi × 1.25 = 65Mi; the limit twice that.
      recommended: { cpuRequest: 40, memoryRequest: 65 * MI, memoryLimit: 130 * MI },
      saving: { cpu: 2 * 60, memory: 2 * 63 * MI },
    });
  });

  it('keeps to the floors, says a request that is close enough fits, and asks for more where use is higher', () => {
    const idle = new Map([['a', { cpuPercentile: 1, memoryPeak: 10 * MI, coveredSeconds: day }]]);
    expect(recommendSidecarResources([pod('a', 100, 128 * MI)], idle)?.recommended).toEqual({ cpuRequest: 10, memoryRequest: 32 * MI, memoryLimit: 64 * MI });
    const close = new Map([['a', { cpuPercentile: 75, memoryPeak: 100 * MI, coveredSeconds: day }]]);
    expect(recommendSidecarResources([pod('a', 100, 128 * MI)], close)?.state).toBe('fits');
    const busy = new Map([['a', { cpuPercentile: 400, memoryPeak: 300 * MI, coveredSeconds: day }]]);
    expect(recommendSidecarResources([pod('a', 100, 128 * MI)], busy)).toMatchObject({ state: 'recommend', saving: { cpu: -400, memory: -(375 - 128) * MI } });
  });

  it('says why it cannot recommend: too little history, no Prometheus; and says nothing without sidecars', () => {
    const young = new Map([['a', { cpuPercentile: 10, memoryPeak: 40 * MI, coveredSeconds: 3600 }]]);
    expect(recommendSidecarResources(pods, young)).toEqual({
      state: 'unknown',
      window: '7d',
      reason: 'no proxy of these pods has 24 h of istio-proxy usage in Prometheus yet',
    });
    expect(recommendSidecarResources(pods, undefined, DEFAULT_RIGHT_SIZING, 'Prometheus could not be reached')).toEqual({
      state: 'unknown',
      window: '7d',
      reason: 'Prometheus could not be reached',
    });
    expect(recommendSidecarResources([pod('c')], new Map())).toBeUndefined();
  });
});
