import { pod } from '@meshport/istio-config/testUtils';
import { overheadStatus } from './overhead';

describe('overheadStatus over what the cluster says', () => {
  it('prices injecting the pods without a proxy, and one annotation the API server never checked does not break it', () => {
    const plain = pod('web-1', 'shop', { app: 'web' });
    const garbled = pod('web-2', 'shop', { app: 'web' }, { annotations: { 'sidecar.istio.io/proxyCPU': 'lots', 'sidecar.istio.io/proxyMemory': '64Mi' } });
    const status = overheadStatus([plain, garbled]);
    // The garbled CPU annotation is unreadable: Istio could not inject it either, so it counts as unset.
    expect(status.ifInjected).toEqual({
      pods: 2,
      sidecar: { requests: { cpu: 100, memory: 128 * 2 ** 20 + 64 * 2 ** 20 }, limits: { cpu: 2000, memory: 1024 * 2 ** 20 } },
    });
  });
});
