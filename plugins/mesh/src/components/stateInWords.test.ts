import { demoClusterStatus } from '../__testUtils__/demoStatus';
import { clusterStateInWords } from './stateInWords';

describe("a cluster's state in a line", () => {
  it('claims no mTLS for a service without proxies, whatever its PeerAuthentication says', () => {
    const status = demoClusterStatus('prod', 'users', 'user-service');
    expect(status.security.mtls.length).toBeGreaterThan(0);
    expect(clusterStateInWords(status)).toBe('not on the mesh: 0 of 2 pods have a proxy · health unknown');
  });

  it('names no sidecar cost for an ambient service', () => {
    expect(clusterStateInWords(demoClusterStatus('prod', 'inventory', 'inventory-service'))).toBe('3 of 3 pods in ambient mode · mTLS STRICT · health unknown');
  });

  it('gives a sidecar service its mode and what its sidecars cost', () => {
    expect(clusterStateInWords(demoClusterStatus('prod', 'payments', 'payment-service'))).toBe(
      "4 of 4 pods with a sidecar · mTLS STRICT · health unknown · sidecars request 40% of the app's CPU",
    );
  });
});
