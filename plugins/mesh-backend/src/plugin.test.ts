import path from 'node:path';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import { BackstageCredentials, coreServices, createBackendModule, createServiceFactory } from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { CatalogService, catalogServiceRef } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import fs from 'node:fs';
import os from 'node:os';
import { createBareRepository, demoClusterObjects, IstiodTestServer, KubeApiTestServer, OpenApiResponses, pushNewBranch } from '@meshport/test-harness';
import { EntityMeshStatus } from '@meshport/plugin-mesh-common';
import { toYaml } from '@meshport/istio-config';
import meshPlugin from './index';

jest.setTimeout(120_000);

const TOKEN = 'sa-token-4b1f9e0c7d';

/**
 * The GitOps repository's target branch as a team merged it: payment-service's DestinationRule as the
 * cluster runs it, its PeerAuthentication with port 9090 STRICT where the cluster still has PERMISSIVE, an
 * AuthorizationPolicy the cluster does not have yet, and v1's Deployment patch as applied; with Meshport's
 * own files, which are not objects.
 */
function mergedGitOpsRepository(): string {
  const objects = demoClusterObjects();
  const desired = (kind: string, name: string, spec: Record<string, unknown>) => ({
    apiVersion: objects.find(o => o.kind === kind)!.apiVersion,
    kind,
    metadata: { name, namespace: 'payments', labels: { 'app.kubernetes.io/managed-by': 'meshport' } },
    spec,
  });
  const liveSpec = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name && o.metadata.namespace === 'payments')!.spec;
  const folder = 'mesh/payments/payment-service';
  return createBareRepository(fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-merged-')), {
    [`${folder}/destinationrule-payment-service.yaml`]: toYaml([desired('DestinationRule', 'payment-service', liveSpec('DestinationRule', 'payment-service'))]),
    [`${folder}/peerauthentication-payment-service.yaml`]: toYaml([
      desired('PeerAuthentication', 'payment-service', { ...liveSpec('PeerAuthentication', 'payment-service'), portLevelMtls: { 9090: { mode: 'STRICT' } } }),
    ]),
    [`${folder}/authorizationpolicy-payment-service-audit.yaml`]: toYaml([
      desired('AuthorizationPolicy', 'payment-service-audit', { action: 'AUDIT', rules: [{}] }),
    ]),
    [`${folder}/kustomization.yaml`]: toYaml([
      { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['destinationrule-payment-service.yaml'] },
    ]),
    [`${folder}/meshport-policy.yaml`]: 'service:\n  name: payment-service\n',
    // The patch Meshport's kustomize component lays on v1's Deployment: pod template labels and service account, as the cluster runs them.
    [`${folder}/sidecar/deployment-patch.yaml`]: toYaml([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'payment-service-v1', namespace: 'payments' },
        spec: { template: { metadata: { labels: { app: 'payment-service', version: 'v1' } }, spec: { serviceAccountName: 'payment-service' } } },
      },
    ]),
  });
}

const gitopsRepository = mergedGitOpsRepository();

/** istiod of staging, asked over xDS as istioctl proxy-status asks Istio 1.30 (prod's is asked over HTTP). */
let stagingIstiod: IstiodTestServer;

function backendConfig(prod: KubeApiTestServer, staging: KubeApiTestServer, extra: Record<string, unknown> = {}) {
  return {
    backend: { baseUrl: 'http://localhost:0' },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User'] }],
      locations: [...['catalog.yaml', 'annotations.yaml'].map(file => ({ type: 'file', target: path.join(__dirname, '__fixtures__', file) }))],
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            { name: 'prod', url: prod.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, ...(prod.caData ? { caData: prod.caData } : {}) },
            { name: 'staging', url: staging.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN },
          ],
        },
      ],
    },
    mesh: {
      clusters: [{ name: 'staging', istiod: { xdsAddress: stagingIstiod.address, caData: stagingIstiod.caData } }],
      status: {
        requestTimeoutMs: 1500,
        syncWaitMs: 8000,
        maxBackoffMs: 400,
        pageSize: 3,
        maxPodsPerEntity: 6,
        allowInsecureHttpClusters: [prod, staging].filter(s => !s.caData).map(s => (s === prod ? 'prod' : 'staging')),
      },
      gitops: { defaultRepoUrl: `file://${gitopsRepository}`, allowLocalRepositories: true },
    },
    ...extra,
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise(resolve => setTimeout(resolve, 150));
  }
}

/** Every entity read the mesh plugin makes of the real catalog, as "principal entityRef". */
const catalogReads: string[] = [];

/** The catalog service as Backstage's default builds it (a CatalogClient with the caller's token), recording each read. */
const recordingCatalog = createServiceFactory({
  service: catalogServiceRef,
  deps: { auth: coreServices.auth, discovery: coreServices.discovery },
  async factory({ auth, discovery }) {
    const client = new CatalogClient({ discoveryApi: discovery });
    const tokenFor = async (credentials: BackstageCredentials) => auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'catalog' });
    const read: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs' | 'getEntities'> = {
      async getEntityByRef(entityRef, { credentials }) {
        catalogReads.push(`${(credentials.principal as { userEntityRef?: string }).userEntityRef ?? 'service'} ${entityRef}`);
        return client.getEntityByRef(entityRef, await tokenFor(credentials));
      },
      async getEntitiesByRefs(request, { credentials }) {
        return client.getEntitiesByRefs(request, await tokenFor(credentials));
      },
      async getEntities(request, { credentials }) {
        return client.getEntities(request, await tokenFor(credentials));
      },
    };
    return read as CatalogService;
  },
});

describe('the mesh status API over real @kubernetes/client-node against test API servers', () => {
  let prod: KubeApiTestServer;
  let staging: KubeApiTestServer;
  let backend: TestBackend;
  let baseUrl: string;

  const request = (ref: string, headers: Record<string, string> = { authorization: mockCredentials.user.header() }) =>
    fetch(`${baseUrl}/api/mesh/v1/entities/${ref}/status`, { headers });
  const status = async (name: string): Promise<EntityMeshStatus> => {
    const response = await request(`default/component/${name}`);
    if (response.status !== 200) throw new Error(`status of ${name} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as EntityMeshStatus;
  };
  const cluster = (s: EntityMeshStatus, name: string) => s.clusters.find(c => c.cluster === name)!;

  beforeAll(async () => {
    prod = await new KubeApiTestServer({ token: TOKEN, tls: true }).start();
    staging = await new KubeApiTestServer({ token: TOKEN }).start();
    prod.apply(...demoClusterObjects());
    staging.apply(...demoClusterObjects());
    staging.grantTokenRequest('istio-system', 'default');
    stagingIstiod = await new IstiodTestServer({
      reviewToken: token => staging.reviewToken(token),
      proxies: [
        { pod: 'payment-service-v1-7d9c5b8f4-x7k2p', namespace: 'payments', istioVersion: '1.30.3', status: {} },
        { pod: 'payment-service-v2-5f6b9d7c2-x7k2p', namespace: 'payments', istioVersion: '1.30.3', status: { CDS: 'ERROR' } },
      ],
    }).start();
    // istiod's /debug/syncz behind prod's API server: one payment-service proxy has not acknowledged a listener push.
    const nonces = (nonce: string) => ({
      cluster_sent: nonce,
      cluster_acked: nonce,
      listener_sent: nonce,
      listener_acked: nonce,
      route_sent: nonce,
      route_acked: nonce,
      endpoint_sent: nonce,
      endpoint_acked: nonce,
    });
    prod.serveServiceProxy('istio-system', 'istiod', 15014, '/debug/syncz', [
      { proxy: 'payment-service-v1-7d9c5b8f4-x7k2p.payments', istio_version: '1.30.0', ...nonces('7') },
      { proxy: 'payment-service-v1-7d9c5b8f4-q9m4t.payments', istio_version: '1.30.0', ...nonces('7'), listener_acked: '6' },
    ]);
    backend = await startTestBackend({
      features: [catalogPlugin, recordingCatalog, meshPlugin, mockServices.rootConfig.factory({ data: backendConfig(prod, staging) })],
    });
    baseUrl = `http://localhost:${(backend.server.address() as { port: number }).port}`;
    await until(
      () => request('default/component/payment-service').then(r => r.status),
      s => s === 200,
      'the catalog to hold payment-service',
      60_000,
    );
    // Both clusters listed and readable: on a loaded machine a first list can outlast requestTimeoutMs and be retried.
    await until(
      () => status('payment-service'),
      s => s.clusters.length === 2 && s.clusters.every(c => !c.error && !c.pending),
      'both clusters to be read',
      60_000,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await prod?.stop();
    await staging?.stop();
    await stagingIstiod?.stop();
  });

  it('reports payment-service: injection per pod, proxy modes and versions, namespace injection', async () => {
    const { workloads } = cluster(await status('payment-service'), 'prod');
    expect(workloads.namespaces).toEqual([{ name: 'payments', injection: 'label' }]);
    expect({ total: workloads.totalPods, injected: workloads.injectedPods, notReady: workloads.notReadyProxies }).toEqual({
      total: 4,
      injected: 4,
      notReady: 0,
    });
    expect(workloads.pods.map(p => `${p.version}:${p.proxy?.mode}`).sort()).toEqual(['v1:classic', 'v1:classic', 'v1:classic', 'v2:native']);
    expect(workloads.proxyVersions).toEqual(['1.30.0']);
    expect(workloads.controllers.map(d => `${d.kind} ${d.name} ${d.readyReplicas}/${d.replicas}`)).toEqual([
      'Deployment payment-service-v1 3/3',
      'Deployment payment-service-v2 1/1',
    ]);
  });

  it("reports inventory-service in ambient mode: redirection and the ztunnel of each pod's node, its waypoint, and where each policy is enforced", async () => {
    const { workloads, security } = cluster(await status('inventory-service'), 'prod');
    expect(workloads.namespaces).toEqual([{ name: 'inventory', injection: 'off', ambient: true }]);
    expect(workloads.dataPlane).toBe('ambient');
    const byNode = [...workloads.pods].sort((a, b) => String(a.ambient?.node).localeCompare(String(b.ambient?.node)));
    expect(byNode.map(p => [p.dataPlane, p.injected, p.ambient?.redirected, p.ambient?.node, p.ambient?.ztunnel?.ready, p.ambient?.waypoint])).toEqual([
      ['ambient', false, true, 'node-1', true, 'inventory/inventory-service-waypoint'],
      ['ambient', false, true, 'node-2', true, 'inventory/inventory-service-waypoint'],
      ['ambient', false, true, 'node-3', true, 'inventory/inventory-service-waypoint'],
    ]);
    expect(new Set(workloads.pods.map(p => p.ambient?.ztunnel?.name)).size).toBe(3);
    expect(workloads.waypoints).toEqual([
      { name: 'inventory-service-waypoint', namespace: 'inventory', for: 'service', boundBy: 'service', exists: true, pods: 1, readyPods: 1 },
    ]);
    expect(security.authorizationPolicies.map(p => `${p.name} ${p.scope} ${p.enforcedBy.join('+')}`)).toEqual([
      'inventory-service-callers service waypoint',
      'inventory-service-waypoint-only workload ztunnel',
    ]);
  });

  it('shows a mixed namespace as such: a pod that kept its sidecar next to the ambient ones, through the watch', async () => {
    const ambientPod = demoClusterObjects().find(
      o => o.kind === 'Pod' && o.metadata.namespace === 'inventory' && o.metadata.labels?.app === 'inventory-service',
    )!;
    const withSidecar = {
      ...ambientPod,
      metadata: { ...ambientPod.metadata, name: 'inventory-service-v1-7d9c5b8f4-legacy', annotations: { 'sidecar.istio.io/status': '{}' } },
      spec: { ...ambientPod.spec, containers: [...ambientPod.spec.containers, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.0' }] },
    };
    prod.apply(withSidecar);
    const mixed = await until(
      () => status('inventory-service'),
      s => cluster(s, 'prod').workloads.totalPods === 4,
      'the sidecar pod to arrive',
    );
    const { workloads, security } = cluster(mixed, 'prod');
    expect(workloads.dataPlane).toBe('mixed');
    expect(workloads.pods.find(p => p.name === withSidecar.metadata.name)).toMatchObject({ dataPlane: 'sidecar', injected: true });
    expect(workloads.pods.find(p => p.name === withSidecar.metadata.name)?.ambient).toBeUndefined();
    // The L4 policy on the pods is now enforced by the sidecar too.
    expect(security.authorizationPolicies.find(p => p.name === 'inventory-service-waypoint-only')?.enforcedBy).toEqual(['sidecar', 'ztunnel']);
    prod.delete('Pod', 'inventory', withSidecar.metadata.name);
    await until(
      () => status('inventory-service'),
      s => cluster(s, 'prod').workloads.dataPlane === 'ambient',
      'the sidecar pod to go',
    );
  });

  it('reads a cluster without the Gateway API as one without waypoints, not as a failing kind, and finds them once it is installed', async () => {
    staging.fail({ path: /\/apis\/gateway\.networking\.k8s\.io\//, answer: 404 });
    staging.closeWatches();
    const without = await until(
      () => status('inventory-service'),
      s => cluster(s, 'staging').workloads.waypoints[0]?.exists === false,
      'staging to lose its waypoints',
    );
    expect(cluster(without, 'staging').degraded).toBeUndefined();
    expect(cluster(without, 'staging').security.authorizationPolicies.find(p => p.name === 'inventory-service-callers')?.enforcedBy).toEqual(['waypoint']);
    staging.clearFaults();
    await until(
      () => status('inventory-service'),
      s => cluster(s, 'staging').workloads.waypoints[0]?.exists === true,
      'the waypoint to come back',
    );
  });

  it("compares what is merged on the GitOps target branch with each cluster: applied, a drifted field, not applied yet; Meshport's own files left out", async () => {
    const { afterMerge } = cluster(await status('payment-service'), 'prod');
    expect(afterMerge?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(afterMerge?.objects.map(o => [o.file, o.state, o.differences])).toEqual([
      ['authorizationpolicy-payment-service-audit.yaml', 'not-applied', undefined],
      ['destinationrule-payment-service.yaml', 'applied', undefined],
      ['peerauthentication-payment-service.yaml', 'drifted', ['spec.portLevelMtls.9090.mode']],
      ['sidecar/deployment-patch.yaml', 'applied', undefined],
    ]);
    expect(afterMerge?.folder).toBe('mesh/payments/payment-service');
  });

  it("serves the YAML files of an entity's folder on the target branch for a form's preview, none for a service with nothing merged", async () => {
    const read = async (name: string) => {
      const response = await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/${name}/merged-files`, {
        headers: { authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { commit: string; folder: string; branch?: string; files: Array<{ path: string; content: string }> };
    };
    const payments = await read('payment-service');
    expect(payments.folder).toBe('mesh/payments/payment-service');
    expect(payments.files.map(f => f.path).sort()).toEqual([
      'authorizationpolicy-payment-service-audit.yaml',
      'destinationrule-payment-service.yaml',
      'kustomization.yaml',
      'meshport-policy.yaml',
      'peerauthentication-payment-service.yaml',
      'sidecar/deployment-patch.yaml',
    ]);
    expect(payments.files.find(f => f.path === 'meshport-policy.yaml')?.content).toBe('service:\n  name: payment-service\n');
    expect(payments.branch).toBe('main');
    expect((await read('user-service')).files).toEqual([]);

    // An unmerged change on Meshport's branch is what the next form's change starts from (mesh:gitops:checkout builds on it): the preview reads it.
    const policy = 'service:\n  name: user-service\n  namespace: users\n';
    const head = pushNewBranch(gitopsRepository, 'meshport/users/user-service', { 'mesh/users/user-service/meshport-policy.yaml': policy });
    const users = await read('user-service');
    expect({ branch: users.branch, commit: users.commit, files: users.files }).toEqual({
      branch: 'meshport/users/user-service',
      commit: head,
      files: [{ path: 'meshport-policy.yaml', content: policy }],
    });
    // Other services still read the target branch.
    expect((await read('payment-service')).branch).toBe('main');
  });

  it('reads how the Argo CD Application and the Flux Kustomization applying the folder stand, through the watch', async () => {
    prod.apply(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'mesh', namespace: 'argocd' },
        spec: { source: { repoURL: 'https://git.example.com/gitops', path: 'mesh' } },
        status: { sync: { status: 'OutOfSync', revision: 'abc123' }, health: { status: 'Healthy' } },
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'payments', namespace: 'flux-system' },
        spec: { path: './mesh/payments' },
        status: { conditions: [{ type: 'Ready', status: 'False', message: 'kustomize build failed' }] },
      },
    );
    const withControllers = await until(
      () => status('payment-service'),
      s => (cluster(s, 'prod').afterMerge?.controllers ?? []).length === 2,
      'the controllers to arrive',
    );
    expect(cluster(withControllers, 'prod').afterMerge?.controllers).toEqual([
      { kind: 'Application', namespace: 'argocd', name: 'mesh', path: 'mesh', sync: 'OutOfSync', health: 'Healthy', revision: 'abc123' },
      { kind: 'Kustomization', namespace: 'flux-system', name: 'payments', path: 'mesh/payments', ready: 'False', message: 'kustomize build failed' },
    ]);
    // Staging runs neither: nothing is said of them.
    expect(cluster(withControllers, 'staging').afterMerge?.controllers).toBeUndefined();
  });

  it("shows each proxy's configuration sync, asked over xDS where the cluster names istiod's xDS port and over HTTP elsewhere, and says which", async () => {
    const answer = await status('payment-service');
    const { workloads } = cluster(answer, 'prod');
    expect(workloads.staleProxies).toBe(1);
    expect(workloads.pods.filter(p => p.proxy?.sync).map(p => [p.name, p.proxy?.sync])).toEqual([
      ['payment-service-v1-7d9c5b8f4-q9m4t', { state: 'stale', stale: ['listener'], istioVersion: '1.30.0' }],
      ['payment-service-v1-7d9c5b8f4-x7k2p', { state: 'synced', istioVersion: '1.30.0' }],
    ]);
    expect(workloads.proxySyncSource).toBe("istiod's HTTP /debug/syncz through the API server's service proxy");
    const staged = cluster(answer, 'staging').workloads;
    expect(staged.pods.filter(p => p.proxy?.sync).map(p => [p.name, p.proxy?.sync])).toEqual([
      ['payment-service-v1-7d9c5b8f4-x7k2p', { state: 'synced', istioVersion: '1.30.3' }],
      ['payment-service-v2-5f6b9d7c2-x7k2p', { state: 'stale', stale: ['cluster'], istioVersion: '1.30.3' }],
    ]);
    expect(staged.proxySyncSource).toBe(`istiod's xDS debug request (syncz) at ${stagingIstiod.address}, as istioctl proxy-status asks it`);
    expect(stagingIstiod.answered.length).toBeGreaterThan(0);
  });

  it('resolves mTLS through workload, namespace and root-namespace PeerAuthentications', async () => {
    const payments = cluster(await status('payment-service'), 'prod').security;
    const v1 = payments.mtls.find(m => m.workload === 'payment-service-v1')!;
    expect(v1.ports).toEqual([
      { port: '*', mode: 'STRICT', source: 'workload', policy: 'PeerAuthentication payments/payment-service' },
      { port: 8080, mode: 'STRICT', source: 'workload', policy: 'PeerAuthentication payments/payment-service' },
      { port: 9090, mode: 'PERMISSIVE', source: 'workload', policy: 'PeerAuthentication payments/payment-service' },
    ]);
    expect(payments.authorizationPolicies.map(p => `${p.name}:${p.scope}:${p.action}`)).toEqual([
      'deny-all:namespace:ALLOW',
      'payment-service-callers:workload:ALLOW',
    ]);
    expect(payments.requestAuthentications[0].issuers[0].issuer).toBe('https://auth.example.com');

    // order-service's own PeerAuthentication (Meshport's) wins over its namespace's default.
    const orders = cluster(await status('order-service'), 'prod').security;
    expect(orders.mtls[0].ports[0]).toEqual({ port: '*', mode: 'STRICT', source: 'workload', policy: 'PeerAuthentication orders/order-service' });
    const inventory = cluster(await status('inventory-service'), 'prod').security;
    expect(inventory.mtls[0].ports[0]).toEqual({ port: '*', mode: 'STRICT', source: 'namespace', policy: 'PeerAuthentication inventory/default' });
    const users = cluster(await status('user-service'), 'prod').security;
    expect(users.mtls[0].ports[0]).toEqual({ port: '*', mode: 'STRICT', source: 'mesh', policy: 'PeerAuthentication istio-system/default' });
  });

  it('shows the canary split with the pods behind each subset, and the routes', async () => {
    const { traffic } = cluster(await status('payment-service'), 'prod');
    expect(traffic.canary).toEqual({
      virtualService: 'payments/payment-service',
      host: 'payment-service.payments.svc.cluster.local',
      split: [
        { subset: 'v1', version: 'v1', weight: 90, pods: 3, readyPods: 3 },
        { subset: 'v2', version: 'v2', weight: 10, pods: 1, readyPods: 1 },
      ],
    });
    expect(traffic.virtualServices[0].routes[0].match).toEqual(['header x-canary=true']);
    expect(traffic.destinationRules[0].subsets.map(s => s.name)).toEqual(['v1', 'v2']);
  });

  it('adds up sidecar requests against the app, and says why usage is missing', async () => {
    const { overhead } = cluster(await status('payment-service'), 'prod');
    expect(overhead.total.sidecar.requests).toEqual({ cpu: 400, memory: 4 * 128 * 1024 ** 2 });
    expect(overhead.total.app.requests).toEqual({ cpu: 1000, memory: 4 * 256 * 1024 ** 2 });
    expect(overhead.requestShare).toEqual({ cpu: 0.4, memory: 0.5 });
    expect(overhead.usageUnavailable).toBe('no Prometheus is configured for this cluster');
  });

  it('reports findings over the live objects: user-service is not in the mesh', async () => {
    const users = cluster(await status('user-service'), 'prod');
    expect(users.workloads.injectedPods).toBe(0);
    // Istio reports a pod without proxy (IST0103) only where injection was asked for; here it was not.
    expect(users.findings.map(f => `${f.code} ${f.resource}`)).toEqual(['IST0102 Namespace users']);
    expect(cluster(await status('payment-service'), 'prod').findings.filter(f => f.level === 'error')).toEqual([]);
  });

  it('follows changes through the watch: a new canary pod and a weight shift appear without a relist', async () => {
    const lists = prod.requests.filter(r => !r.includes('watch=true') && r.includes('/pods')).length;
    const canaryPod = demoClusterObjects().find(o => o.kind === 'Pod' && o.metadata.labels.version === 'v2')!;
    prod.apply({ ...canaryPod, metadata: { ...canaryPod.metadata, name: 'payment-service-v2-5f6b9d7c2-zz9k1' } });
    const virtualService = demoClusterObjects().find(o => o.kind === 'VirtualService')!;
    virtualService.spec.http[1].route[0].weight = 50;
    virtualService.spec.http[1].route[1].weight = 50;
    prod.apply(virtualService);
    const after = await until(
      () => status('payment-service'),
      s => cluster(s, 'prod').traffic.canary?.split[1].weight === 50 && cluster(s, 'prod').workloads.totalPods === 5,
      'the watch to deliver the new pod and weights',
    );
    expect(cluster(after, 'prod').traffic.canary?.split.map(s => [s.subset, s.weight, s.pods])).toEqual([
      ['v1', 50, 3],
      ['v2', 50, 2],
    ]);
    expect(prod.requests.filter(r => !r.includes('watch=true') && r.includes('/pods')).length).toBe(lists);
    prod.delete('Pod', 'payments', 'payment-service-v2-5f6b9d7c2-zz9k1');
    await until(
      () => status('payment-service'),
      s => cluster(s, 'prod').workloads.totalPods === 4,
      'the deletion to arrive',
    );
  });

  it("prices injecting user-service with the cluster's own injector defaults, following a change to them", async () => {
    const mi = 1024 ** 2;
    expect(cluster(await status('user-service'), 'prod').overhead.ifInjected).toEqual({
      pods: 2,
      sidecar: { requests: { cpu: 200, memory: 256 * mi }, limits: { cpu: 4000, memory: 2048 * mi } },
    });
    const injector = demoClusterObjects().find(o => o.kind === 'ConfigMap' && o.metadata.name === 'istio-sidecar-injector')!;
    const values = JSON.parse(injector.data.values);
    values.global.proxy.resources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
    prod.apply({ ...injector, data: { ...injector.data, values: JSON.stringify(values) } });
    const after = await until(
      () => status('user-service'),
      s => cluster(s, 'prod').overhead.ifInjected?.sidecar.requests.cpu === 100,
      'the new injector values',
    );
    expect(cluster(after, 'prod').overhead.ifInjected?.sidecar).toEqual({ requests: { cpu: 100, memory: 128 * mi }, limits: { cpu: 1000, memory: 512 * mi } });
    prod.apply(injector);
  });

  it('answers what its OpenAPI description says, healthy and failing clusters alike', async () => {
    const openApi = new OpenApiResponses(path.join(__dirname, 'schema', 'openapi.yaml'));
    for (const name of ['payment-service', 'order-service', 'user-service', 'inventory-service']) {
      expect({ name, violations: openApi.violations('EntityMeshStatus', await status(name)) }).toEqual({ name, violations: [] });
    }
    const broken = JSON.parse(JSON.stringify(await status('payment-service')));
    broken.clusters[0].workloads.totalPods = 'four';
    expect(openApi.violations('EntityMeshStatus', broken)).toEqual(['/clusters/0/workloads/totalPods must be integer']);
  });

  it('lists in pages with limit and continue', () => {
    const podLists = prod.requests.filter(r => r.startsWith('/api/v1/pods?') && !r.includes('watch=true'));
    expect(podLists.some(r => r.includes('limit=3') && r.includes('continue='))).toBe(true);
  });

  it('relists after the watch history is compacted (410 Gone) and catches up', async () => {
    const lists = () => prod.requests.filter(r => r.startsWith('/api/v1/pods?') && !r.includes('watch=true') && !r.includes('continue=')).length;
    const before = lists();
    prod.compact();
    const pod = demoClusterObjects().find(o => o.kind === 'Pod' && o.metadata.labels.version === 'v2')!;
    prod.apply({ ...pod, metadata: { ...pod.metadata, name: 'payment-service-v2-5f6b9d7c2-after410' } });
    await until(
      () => status('payment-service'),
      s => cluster(s, 'prod').workloads.totalPods === 5,
      'the pod created after compaction to appear',
    );
    expect(lists()).toBeGreaterThan(before);
    prod.delete('Pod', 'payments', 'payment-service-v2-5f6b9d7c2-after410');
    await until(
      () => status('payment-service'),
      s => cluster(s, 'prod').workloads.totalPods === 4,
      'the deletion to arrive',
    );
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [500, 'server-error'],
    ['hang' as const, 'timeout'],
  ])('one cluster answering %s gives it a %s entry, the other still answers, and it recovers by itself', async (answer, reason) => {
    staging.fail({ path: /\/pods/, answer });
    staging.closeWatches();
    const failing = await until(
      () => status('payment-service'),
      s => Boolean(cluster(s, 'staging').error),
      `staging to report ${reason}`,
    );
    expect(cluster(failing, 'staging').error?.reason).toBe(reason);
    expect(cluster(failing, 'staging').workloads.totalPods).toBe(0);
    expect(cluster(failing, 'prod').error).toBeUndefined();
    expect(cluster(failing, 'prod').workloads.totalPods).toBe(4);
    expect(JSON.stringify(failing)).not.toContain(TOKEN);
    expect(new OpenApiResponses(path.join(__dirname, 'schema', 'openapi.yaml')).violations('EntityMeshStatus', failing)).toEqual([]);
    staging.clearFaults();
    const recovered = await until(
      () => status('payment-service'),
      s => !cluster(s, 'staging').error,
      'staging to recover',
    );
    expect(cluster(recovered, 'staging').workloads.totalPods).toBe(4);
  });

  it('keeps answering when one kind fails: a missing CRD and a forbidden kind leave only the sections they feed incomplete', async () => {
    staging.fail({ path: /\/telemetries/, answer: 404 });
    staging.fail({ path: /\/authorizationpolicies/, answer: 403 });
    staging.closeWatches();
    const degraded = await until(
      () => status('payment-service'),
      s => (cluster(s, 'staging').degraded ?? []).length === 2,
      'staging to report two kinds missing',
    );
    const entry = cluster(degraded, 'staging');
    expect(entry.error).toBeUndefined();
    expect(entry.workloads.totalPods).toBe(4);
    expect(entry.degraded!.map(d => [d.kind, d.reason, d.sections.join(','), d.stale])).toEqual([
      ['AuthorizationPolicy', 'forbidden', 'security,findings', true],
      ['Telemetry', 'unknown', 'findings', true],
    ]);
    expect(new OpenApiResponses(path.join(__dirname, 'schema', 'openapi.yaml')).violations('EntityMeshStatus', degraded)).toEqual([]);
    staging.clearFaults();
    await until(
      () => status('payment-service'),
      s => !cluster(s, 'staging').degraded,
      'staging to recover every kind',
    );
  });

  it('backs off when a watch keeps failing inside its stream, instead of restarting at once', async () => {
    const watches = () => prod.requests.filter(r => r.startsWith('/apis/networking.istio.io/v1/sidecars?') && r.includes('watch=true')).length;
    prod.fail({ path: /\/sidecars\?.*watch=true/, answer: 'watch-error' });
    prod.closeWatches();
    const before = watches();
    await new Promise(resolve => setTimeout(resolve, 2000));
    // Back-off of 200-400 ms with jitter (the test config caps it at 400 ms): a handful of attempts in 2 s, not hundreds.
    const attempts = watches() - before;
    prod.clearFaults();
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThan(15);
    await until(
      () => status('payment-service'),
      s => !cluster(s, 'prod').degraded,
      'prod to recover its Sidecar watch',
    );
  });

  it("answers the overview's summaries of many entities in one request, each needing the permission and a catalog entry", async () => {
    const response = await fetch(`${baseUrl}/api/mesh/v1/summaries`, {
      method: 'POST',
      headers: { authorization: mockCredentials.user.header(), 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRefs: [
          'component:default/payment-service',
          'component:default/user-service',
          'component:default/no-such-service',
          'component:default/payment-service',
        ],
      }),
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(new OpenApiResponses(path.join(__dirname, 'schema', 'openapi.yaml')).violations('EntityMeshSummary', body.items[0].summary)).toEqual([]);
    expect(body.items.map((i: any) => [i.entityRef, i.summary?.injectedPods, i.summary?.totalPods, i.error?.name])).toEqual([
      ['component:default/payment-service', 8, 8, undefined],
      ['component:default/user-service', 0, 4, undefined],
      ['component:default/no-such-service', undefined, undefined, 'NotFoundError'],
    ]);
    const bad = await fetch(`${baseUrl}/api/mesh/v1/summaries`, {
      method: 'POST',
      headers: { authorization: mockCredentials.user.header(), 'content-type': 'application/json' },
      body: JSON.stringify({ entityRefs: ['payment-service'] }),
    });
    expect(bad.status).toBe(400);
    // The spec's validator answers, naming the field.
    expect((await bad.json()).error).toEqual({ name: 'InputError', message: expect.stringMatching(/^request\/body\/entityRefs\/0 must match pattern/) });
  });

  it('reads an entity from the catalog once per caller and mesh.status.entityCacheTtlMs, and never keeps a miss', async () => {
    const earlier = catalogReads.length;
    const reads = (entityRef: string) => catalogReads.slice(earlier).filter(read => read.endsWith(` ${entityRef}`));
    const alice = { authorization: mockCredentials.user.header('user:default/alice') };
    const bob = { authorization: mockCredentials.user.header('user:default/bob') };
    const order = 'component:default/order-service';
    for (let i = 0; i < 3; i += 1) expect((await request('default/component/order-service', alice)).status).toBe(200);
    expect((await request('default/component/order-service', bob)).status).toBe(200);
    expect(reads(order)).toEqual([`user:default/alice ${order}`, `user:default/bob ${order}`]);

    const missing = 'component:default/registered-later';
    expect((await request('default/component/registered-later', alice)).status).toBe(404);
    expect((await request('default/component/registered-later', alice)).status).toBe(404);
    expect(reads(missing)).toHaveLength(2);
  });

  it('serves the spec its router validates with, its paths under the plugin', async () => {
    const response = await fetch(`${baseUrl}/api/mesh/openapi.json`, { headers: { authorization: mockCredentials.user.header() } });
    const served = await response.json();
    expect({ status: response.status, title: served.info.title }).toEqual({ status: 200, title: 'Meshport mesh status API' });
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/api/mesh/v1/entities/{namespace}/{kind}/{name}/status', '/api/mesh/v1/summaries']));
  });

  it('answers 404 for an unknown entity, 400 for a malformed reference, 401 for a bad token', async () => {
    expect((await request('default/component/no-such-service')).status).toBe(404);
    const malformed = await request('default/component/bad%20name');
    expect({ status: malformed.status, message: (await malformed.json()).error.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/^request\/params\/name must match pattern/),
    });
    expect((await request('default/component/payment-service', { authorization: 'Bearer not-a-backstage-token' })).status).toBe(401);
  });

  it.each([
    ['broken-selector', 'backstage.io/kubernetes-label-selector'],
    ['broken-namespace', 'backstage.io/kubernetes-namespace'],
    ['broken-thresholds', 'meshport.io/error-rate-thresholds'],
  ])('answers 400 naming the annotation for %s', async (name, annotation) => {
    await until(
      () => request(`default/component/${name}`).then(r => r.status),
      s => s !== 404,
      `the catalog to hold ${name}`,
      60_000,
    );
    const response = await request(`default/component/${name}`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain(`annotation ${annotation}`);
  });

  it('answers a kubernetes-id that is a label value but not a DNS name with every cluster section', async () => {
    await until(
      () => request('default/component/odd-id').then(r => r.status),
      s => s !== 404,
      'the catalog to hold odd-id',
      60_000,
    );
    const odd = await status('odd-id');
    expect(odd.clusters.map(c => [c.cluster, c.error, c.workloads.totalPods])).toEqual([
      ['prod', undefined, 0],
      ['staging', undefined, 0],
    ]);
  });

  it('answers a selector that matches more pods than allowed with a "too-broad" entry saying how to narrow it', async () => {
    await until(
      () => request('default/component/everything').then(r => r.status),
      s => s !== 404,
      'the catalog to hold everything',
      60_000,
    );
    const everything = await status('everything');
    expect(everything.clusters.map(c => [c.cluster, c.error?.reason])).toEqual([
      ['prod', 'too-broad'],
      ['staging', 'too-broad'],
    ]);
    expect(everything.clusters[0].error?.message).toMatch(/matches 15 pods in every namespace, more than mesh.status.maxPodsPerEntity \(6\)/);
  });

  it('answers an entity without Kubernetes annotations with no clusters and no target', async () => {
    const response = await request('default/api/payment-api');
    const body = await response.json();
    expect({ status: response.status, clusters: body.clusters, target: body.target }).toEqual({ status: 200, clusters: [], target: undefined });
  });

  it('gives an unreachable cluster an "unreachable" entry', async () => {
    await staging.stop();
    const answer = await until(
      () => status('payment-service'),
      s => cluster(s, 'staging').error?.reason === 'unreachable',
      'staging to be unreachable',
    );
    expect(cluster(answer, 'prod').workloads.totalPods).toBe(4);
  });
});

class DenyMeshStatusPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    return { result: request.permission.name === 'mesh.entity.status.read' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  }
}

describe('the mesh status permission through the real permission framework', () => {
  it('registers mesh.entity.status.read and answers 403 when the policy denies it', async () => {
    const prod = await new KubeApiTestServer({ token: TOKEN }).start();
    const staging = await new KubeApiTestServer({ token: TOKEN }).start();
    prod.apply(...demoClusterObjects());
    const denyPolicy = createBackendModule({
      pluginId: 'permission',
      moduleId: 'deny-mesh-status',
      register(env) {
        env.registerInit({ deps: { policy: policyExtensionPoint }, init: async ({ policy }) => policy.setPolicy(new DenyMeshStatusPolicy()) });
      },
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        denyPolicy,
        meshPlugin,
        mockServices.rootConfig.factory({ data: { ...backendConfig(prod, staging), permission: { enabled: true } } }),
      ],
    });
    try {
      const url = `http://localhost:${(backend.server.address() as { port: number }).port}`;
      const authorization = mockCredentials.user.header();
      const metadata = await fetch(`${url}/api/mesh/.well-known/backstage/permissions/metadata`, {
        headers: { authorization: mockCredentials.service.header() },
      });
      expect((await metadata.json()).permissions.map((p: { name: string }) => p.name)).toContain('mesh.entity.status.read');
      const response = await until(
        () => fetch(`${url}/api/mesh/v1/entities/default/component/payment-service/status`, { headers: { authorization } }),
        r => r.status !== 404,
        'the catalog to hold payment-service',
        60_000,
      );
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('payments');
    } finally {
      await backend.stop();
      await prod.stop();
      await staging.stop();
    }
  });
});
