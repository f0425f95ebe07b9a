import { object } from '@meshport/istio-config/testUtils';
import { storeFromDocuments } from '../cluster/clusterObjectStore';
import { compareDesired } from './desiredVsLive';

const peer = (mode: string, labels: Record<string, string> = {}) =>
  object('PeerAuthentication', 'cart', 'shop', { spec: { selector: { matchLabels: { app: 'cart' } }, mtls: { mode } } }, { labels });

describe('the merged configuration against the cluster', () => {
  const store = storeFromDocuments([
    // The API server added a field of its own: not drift.
    {
      ...peer('PERMISSIVE', { 'app.kubernetes.io/managed-by': 'meshport' }),
      spec: { selector: { matchLabels: { app: 'cart' } }, mtls: { mode: 'PERMISSIVE' }, portLevelMtls: {} },
    },
    object('Deployment', 'cart', 'shop', { spec: { template: { metadata: { labels: { app: 'cart', 'sidecar.istio.io/inject': 'true' } } } } }),
  ]);
  const live = (kind: string, namespace: string | undefined, name: string) => (store.holds(kind) ? store.get(kind, namespace, name) : ('not-read' as const));

  it('says which objects are applied, drifted (which fields), not applied, or of kinds the status does not read', () => {
    const drift = compareDesired(
      [
        { file: 'peerauthentication-cart.yaml', object: peer('STRICT', { 'app.kubernetes.io/managed-by': 'meshport' }) },
        {
          file: 'sidecar/deployment-patch.yaml',
          object: object('Deployment', 'cart', 'shop', { spec: { template: { metadata: { labels: { 'sidecar.istio.io/inject': 'true' } } } } }),
        },
        { file: 'authorizationpolicy-cart-callers.yaml', object: object('AuthorizationPolicy', 'cart-callers', 'shop', { spec: { action: 'ALLOW' } }) },
        {
          file: 'httproute-cart.yaml',
          object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'cart', namespace: 'shop' }, spec: {} },
        },
      ],
      live,
    );
    expect(drift.map(d => [d.file, d.state, d.differences])).toEqual([
      ['peerauthentication-cart.yaml', 'drifted', ['spec.mtls.mode']],
      ['sidecar/deployment-patch.yaml', 'applied', undefined],
      ['authorizationpolicy-cart-callers.yaml', 'not-applied', undefined],
      ['httproute-cart.yaml', 'unknown', undefined],
    ]);
  });
});
