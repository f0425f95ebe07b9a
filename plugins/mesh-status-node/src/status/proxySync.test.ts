import { WorkloadsStatus } from '@meshport/plugin-mesh-common';
import { proxySyncFrom, proxySyncFromClientConfigs, withProxySync } from './proxySync';

const entry = (proxy: string, sent: Record<string, string>, acked: Record<string, string>) => ({
  proxy,
  istio_version: '1.30.0',
  ...Object.fromEntries(Object.entries(sent).map(([type, nonce]) => [`${type}_sent`, nonce])),
  ...Object.fromEntries(Object.entries(acked).map(([type, nonce]) => [`${type}_acked`, nonce])),
});
const all = (nonce: string) => ({ cluster: nonce, listener: nonce, route: nonce, endpoint: nonce });

describe("proxies' configuration sync, as istioctl proxy-status reads istiod's /debug/syncz", () => {
  const syncz = [
    entry('cart-1.shop', all('n1'), all('n1')),
    entry('cart-2.shop', all('n2'), { ...all('n2'), listener: 'n1', route: '' }),
    entry('cart-3.shop', { cluster: 'n1', listener: 'n1', route: 'n1' }, { cluster: 'n1', listener: 'n1', route: 'n1' }),
    { proxy: 'not-a-pod' },
  ];

  it('says synced, stale (which types) or not sent, by namespace and pod', () => {
    expect([...proxySyncFrom(syncz)]).toEqual([
      ['shop/cart-1', { state: 'synced', istioVersion: '1.30.0' }],
      ['shop/cart-2', { state: 'stale', stale: ['listener', 'route'], istioVersion: '1.30.0' }],
      ['shop/cart-3', { state: 'not-sent', istioVersion: '1.30.0' }],
    ]);
  });

  it('reads the same from the xDS answer: ClientConfig per proxy, a config_status per type, ERROR (rejected) counting as stale', () => {
    const type = (name: string) => `type.googleapis.com/envoy.config.${name}`;
    const config = (id: string, statuses: Record<string, string>) => ({
      node: { id, metadata: { fields: { ISTIO_VERSION: { string_value: '1.30.3' } } } },
      generic_xds_configs: Object.entries(statuses).map(([url, status]) => ({ type_url: type(url), config_status: status })),
    });
    const synced = {
      'cluster.v3.Cluster': 'SYNCED',
      'listener.v3.Listener': 'SYNCED',
      'route.v3.RouteConfiguration': 'SYNCED',
      'endpoint.v3.ClusterLoadAssignment': 'SYNCED',
    };
    expect([
      ...proxySyncFromClientConfigs([
        config('cart-1.shop', synced),
        config('cart-2.shop', { ...synced, 'listener.v3.Listener': 'STALE', 'cluster.v3.Cluster': 'ERROR' }),
        config('cart-3.shop', { ...synced, 'endpoint.v3.ClusterLoadAssignment': 'NOT_SENT', 'core.v3.TypedExtensionConfig': 'STALE' }),
        config('not-a-pod', synced),
      ]),
    ]).toEqual([
      ['shop/cart-1', { state: 'synced', istioVersion: '1.30.3' }],
      ['shop/cart-2', { state: 'stale', stale: ['cluster', 'listener'], istioVersion: '1.30.3' }],
      ['shop/cart-3', { state: 'not-sent', istioVersion: '1.30.3' }],
    ]);
  });

  it("puts each proxy's sync on its pod and counts the stale ones, or says why it is unknown", () => {
    const proxy = { mode: 'classic' as const, ready: true, restarts: 0 };
    const pod = (name: string) => ({ name, namespace: 'shop', ready: true, restarts: 0, injected: true, proxy, dataPlane: 'sidecar' as const });
    const workloads = { pods: [pod('cart-1'), pod('cart-2')] } as unknown as WorkloadsStatus;
    const synced = withProxySync(workloads, { byPod: proxySyncFrom(syncz) });
    expect(synced.staleProxies).toBe(1);
    expect(synced.pods.map(p => p.proxy?.sync?.state)).toEqual(['synced', 'stale']);
    expect(withProxySync(workloads, { unavailable: 'istiod refused' }).proxySyncUnavailable).toBe('istiod refused');
  });
});
