import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { IstiodTestServer, KubeApiTestServer, TestProxy } from '@meshport/test-harness';
import { ClusterConnection } from '../clusterConnection';
import { KubernetesClient } from '../kubernetesClient';
import { dispatchingStrategy, kubernetesPluginAuthStrategies } from '../kubernetesPluginParts';
import { IstiodProxySync, IstiodXdsSettings } from './istiodProxySync';

const TOKEN = 'backend-token';
const PROXIES: TestProxy[] = [
  { pod: 'payment-service-v1-7d9c5b8f4-x7k2p', namespace: 'payments', istioVersion: '1.30.3', status: {} },
  { pod: 'payment-service-v1-7d9c5b8f4-q9m4t', namespace: 'payments', istioVersion: '1.30.3', status: { LDS: 'STALE' } },
  { pod: 'order-service-v1-7d9c5b8f4-x7k2p', namespace: 'orders', istioVersion: '1.30.2', status: { EDS: 'NOT_SENT' } },
];

describe("proxy sync asked as istioctl proxy-status asks it on Istio 1.30, against a test istiod and the API server's TokenRequest", () => {
  let kube: KubeApiTestServer;
  const istiods: IstiodTestServer[] = [];
  const istiod = async (options: Partial<ConstructorParameters<typeof IstiodTestServer>[0]> = {}) => {
    const server = await new IstiodTestServer({ reviewToken: token => kube.reviewToken(token), proxies: PROXIES, ...options }).start();
    istiods.push(server);
    return server;
  };
  const xdsOf = (server: IstiodTestServer, tokenAccount = { namespace: 'istio-system', name: 'default' }): IstiodXdsSettings => ({
    address: server.address,
    serverName: server.serverName,
    caPem: Buffer.from(server.caData, 'base64').toString(),
    tokenAccount,
  });
  const reader = (xds?: IstiodXdsSettings) => {
    const details = {
      name: 'prod',
      url: kube.url,
      caData: kube.caData,
      authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount', serviceAccountToken: TOKEN },
    };
    const strategy = dispatchingStrategy(kubernetesPluginAuthStrategies(new ConfigReader({}), mockServices.logger.mock()));
    const client = new KubernetesClient(new ClusterConnection(details, strategy, { credentialTtlMs: 60_000, allowInsecureHttp: false }), 5000);
    return new IstiodProxySync(
      client,
      { rootNamespace: 'istio-system', httpService: 'istiod', httpPort: 15014, timeoutMs: 5000, ...(xds ? { xds } : {}) },
      () => undefined,
    );
  };

  beforeEach(async () => {
    kube = await new KubeApiTestServer({ token: TOKEN, tls: true }).start();
  });
  afterEach(async () => {
    await Promise.all(istiods.splice(0).map(server => server.stop()));
    await kube.stop();
  });

  it("reads every proxy's sync over xDS with a token of istio-system/default the API server issued for audience istio-ca", async () => {
    kube.grantTokenRequest('istio-system', 'default');
    const server = await istiod();
    const view = await reader(xdsOf(server)).read();
    expect(view).toEqual({
      byPod: new Map([
        ['payments/payment-service-v1-7d9c5b8f4-x7k2p', { state: 'synced', istioVersion: '1.30.3' }],
        ['payments/payment-service-v1-7d9c5b8f4-q9m4t', { state: 'stale', stale: ['listener'], istioVersion: '1.30.3' }],
        ['orders/order-service-v1-7d9c5b8f4-x7k2p', { state: 'not-sent', istioVersion: '1.30.2' }],
      ]),
      source: `istiod's xDS debug request (syncz) at ${server.address}, as istioctl proxy-status asks it`,
    });
    expect(server.answered).toEqual(['istio-system/default']);
    expect(kube.requests.filter(request => request.includes('/token'))).toEqual(['/api/v1/namespaces/istio-system/serviceaccounts/default/token']);
  });

  it('sees only its own namespace’s proxies with a token from outside the root namespace, and says so', async () => {
    kube.grantTokenRequest('payments', 'meshport');
    const server = await istiod();
    const view = await reader(xdsOf(server, { namespace: 'payments', name: 'meshport' })).read();
    expect('byPod' in view && [...view.byPod.keys()]).toEqual(['payments/payment-service-v1-7d9c5b8f4-x7k2p', 'payments/payment-service-v1-7d9c5b8f4-q9m4t']);
    expect('byPod' in view && view.source).toContain("istiod shows a caller from payments only that namespace's proxies");
  });

  it('falls back to the HTTP endpoint when istiod refuses the token, and says which path answered', async () => {
    kube.grantTokenRequest('istio-system', 'default');
    const refusing = await istiod({ reviewToken: () => undefined });
    kube.serveServiceProxy('istio-system', 'istiod', 15014, '/debug/syncz', [
      Object.fromEntries([
        ['proxy', 'payment-service-v1-7d9c5b8f4-x7k2p.payments'],
        ...['cluster', 'listener', 'route', 'endpoint'].flatMap(type => [
          [`${type}_sent`, '7'],
          [`${type}_acked`, '7'],
        ]),
      ]),
    ]);
    const view = await reader(xdsOf(refusing)).read();
    expect(view).toEqual({
      byPod: new Map([['payments/payment-service-v1-7d9c5b8f4-x7k2p', { state: 'synced' }]]),
      source: "istiod's HTTP /debug/syncz through the API server's service proxy",
    });
  });

  it('says why neither path answered: istiod refused the token, and 1.30 refuses the HTTP endpoint', async () => {
    kube.grantTokenRequest('istio-system', 'default');
    const refusing = await istiod({ reviewToken: () => undefined });
    expect(await reader(xdsOf(refusing)).read()).toEqual({
      unavailable:
        `istiod's xDS debug request at ${refusing.address} failed: istiod did not accept the token of istio-system/default (UNAUTHENTICATED: authentication failure); ` +
        "istiod's /debug/syncz could not be read through the API server: the API server failed (503): no endpoints available for service",
    });
  });

  it('says when the API server will not issue the token, naming the permission the backend needs', async () => {
    const server = await istiod();
    const view = await reader(xdsOf(server)).read();
    expect('unavailable' in view && view.unavailable).toContain(
      'the API server issued no token for istio-system/default (the service account may not read these objects (403)',
    );
    expect('unavailable' in view && view.unavailable).toContain('the backend needs create on serviceaccounts/token for it');
    expect(server.answered).toEqual([]);
  });

  it("refuses an istiod whose certificate the mesh's root CA did not sign", async () => {
    kube.grantTokenRequest('istio-system', 'default');
    const server = await istiod();
    const other = await istiod({ serverName: 'istiod.other.svc' });
    const view = await reader({ ...xdsOf(server), caPem: Buffer.from(other.caData, 'base64').toString() }).read();
    expect('unavailable' in view && view.unavailable).toMatch(
      new RegExp(`^istiod's xDS debug request at ${server.address} failed: istiod could not be reached`),
    );
    expect(server.answered).toEqual([]);
  });

  it('without xDS settings, reads the HTTP endpoint and, where 1.30 refuses it, says how to ask over xDS', async () => {
    expect(await reader().read()).toEqual({
      unavailable:
        "istiod's /debug/syncz could not be read through the API server: the API server failed (503): no endpoints available for service. " +
        'Istio 1.30 answers it only to authenticated callers: set mesh.clusters[].istiod.xdsAddress so that Meshport asks over xDS, as istioctl proxy-status does',
    });
  });
});
