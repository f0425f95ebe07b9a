import path from 'node:path';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { ClusterMeshStatus, EntityMeshStatus } from '@meshport/plugin-mesh-common';
import {
  CountingProxy,
  demoClusterObjects,
  freePort,
  istioOpenMetrics,
  KubeApiTestServer,
  describeWithPrometheus,
  prometheusUnavailable,
  RunningPrometheus,
  startBackfilledPrometheus,
} from '@meshport/test-harness';
import meshPlugin from '../index';

jest.setTimeout(180_000);

const TOKEN = 'sa-token-prometheus-test';
const unavailable = prometheusUnavailable();

describeWithPrometheus('the Prometheus health suite')('health and proxy usage from a real Prometheus with backfilled Istio metrics', () => {
  let prometheus: RunningPrometheus;
  let kube: KubeApiTestServer;
  let backend: TestBackend;
  let answer: EntityMeshStatus;
  let statusUrl: (name: string) => string;
  const cluster = (name: string) => answer.clusters.find(c => c.cluster === name) as ClusterMeshStatus;
  /** Every request the backend sends to prod's Prometheus goes through it. */
  let counting: CountingProxy;
  const apiQueries = () => counting.requests.filter(r => r.startsWith('/api/v1/query')).length;
  beforeAll(async () => {
    if (unavailable) throw new Error(`CI requires Prometheus: ${unavailable}`);
    const now = Math.floor(Date.now() / 1000);
    // Samples run ten minutes past now, as if Prometheus kept scraping while the test runs: every query at
    // "now" then sees a full 5-minute window, however long the backend takes to start.
    prometheus = await startBackfilledPrometheus(istioOpenMetrics(now - 3600, now + 600));
    counting = await new CountingProxy(prometheus.url).start();
    kube = await new KubeApiTestServer({ token: TOKEN }).start();
    kube.apply(...demoClusterObjects());
    const closedPort = await freePort();
    const clusterEntry = (name: string) => ({ name, url: kube.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        meshPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:0' },
            catalog: {
              rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User'] }],
              locations: [{ type: 'file', target: path.join(__dirname, '..', '__fixtures__', 'catalog.yaml') }],
            },
            kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [clusterEntry('prod'), clusterEntry('dr')] }] },
            mesh: {
              clusters: [
                { name: 'prod', prometheus: { url: counting.url, headers: { 'X-Scope-OrgID': 'payments' } } },
                { name: 'dr', prometheus: { url: `http://127.0.0.1:${closedPort}` } },
              ],
              status: { requestTimeoutMs: 5000, allowInsecureHttpClusters: ['prod', 'dr'], metricsTtlMs: 1000 },
              // The backfill holds an hour: a two-hour window, and half an hour of history is enough.
              rightSizing: { window: '2h', minHistoryHours: 0.5 },
            },
          },
        }),
      ],
    });
    statusUrl = (name: string) =>
      `http://localhost:${(backend.server.address() as { port: number }).port}/api/mesh/v1/entities/default/component/${name}/status`;
    const url = statusUrl('payment-service');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(url, { headers: { authorization: mockCredentials.user.header() } });
      if (response.status === 200) {
        answer = (await response.json()) as EntityMeshStatus;
        break;
      }
      if (Date.now() > deadline) throw new Error(`the status API answered ${response.status}`);
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.stop();
    await counting?.stop();
    await prometheus?.stop();
  });

  it('reports request rate, 5xx share and mTLS share from istio_requests_total', () => {
    const { health } = cluster('prod');
    expect(health.state).toBe('ok');
    expect(health.overall?.requestRate).toBeCloseTo(100, 0);
    expect(health.overall?.errorShare).toBeCloseTo(0.02, 3);
    expect(health.mtlsShare).toBeCloseTo(0.9, 3);
  });

  it('reports each destination_version: rate, errors and latency percentiles from the histogram', () => {
    const [v1, v2] = cluster('prod').health.perVersion;
    expect([v1.version, v2.version]).toEqual(['v1', 'v2']);
    expect(v1.requestRate).toBeCloseTo(90, 0);
    expect(v1.errorShare).toBeCloseTo(1 / 90, 3);
    expect(v2.errorShare).toBeCloseTo(0.1, 3);
    expect([v1.latencyMs.p50, v1.latencyMs.p90, v1.latencyMs.p99].map(v => Math.round(v!))).toEqual([25, 50, 95]);
    expect([v2.latencyMs.p50, v2.latencyMs.p90, v2.latencyMs.p99].map(v => Math.round(v!))).toEqual([100, 250, 475]);
    // Overall p50: rank 750 of 1500 falls in v1's (25, 50] bucket: 25 + 75/540 × 25.
    expect(cluster('prod').health.overall?.latencyMs.p50).toBeCloseTo(25 + (75 / 540) * 25, 1);
  });

  it("judges health by Kiali's thresholds: 2% 5xx overall and v1's 1.1% are degraded, v2's 10% failing", () => {
    const assessment = cluster('prod').health.assessment!;
    expect([assessment.state, assessment.source, ...assessment.perVersion.map(v => `${v.version} ${v.state}`)]).toEqual([
      'degraded',
      'config',
      'v1 degraded',
      'v2 failing',
    ]);
    expect(assessment.thresholds).toEqual({ degradedPercent: 0.1, failingPercent: 10 });
  });

  it('draws the last 30 minutes of request rate, one point per minute', () => {
    const { series } = cluster('prod').health;
    expect(series.length).toBeGreaterThanOrEqual(30);
    expect(series.every(point => Math.abs(point.requestRate - 100) < 1)).toBe(true);
  });

  it('puts the proxies measured usage next to the apps, per pod and in total', () => {
    const { overhead } = cluster('prod');
    expect(overhead.usage?.sidecar.cpu).toBeCloseTo(4 * 50, 0);
    expect(overhead.usage?.app.cpu).toBeCloseTo(4 * 200, 0);
    expect(overhead.usage?.sidecar.memory).toBe(4 * 60 * 2 ** 20);
    const pod = overhead.pods.find(p => p.name === 'payment-service-v2-5f6b9d7c2-x7k2p');
    expect(pod?.usage?.sidecar.cpu).toBeCloseTo(50, 0);
    expect(overhead.usageUnavailable).toBeUndefined();
  });

  it("measures both data planes side by side: payment-service's sidecars, and inventory-service's share of its ztunnels and its waypoint", async () => {
    const payments = cluster('prod').overhead.dataPlanes!;
    // Four sidecars measured at 50m and 60Mi each; no ztunnel or waypoint serves payment-service to measure.
    expect(payments.sidecar.measured?.cpu).toBeCloseTo(4 * 50, 0);
    expect(payments.sidecar.measured?.memory).toBe(4 * 60 * 2 ** 20);
    expect(payments.ambient.measured).toBeUndefined();
    const response = await fetch(statusUrl('inventory-service'), { headers: { authorization: mockCredentials.user.header() } });
    const inventoryOverhead = ((await response.json()) as EntityMeshStatus).clusters.find(c => c.cluster === 'prod')!.overhead;
    // Its ztunnels and waypoint were measured, its own pods were not: said so, not that Prometheus is missing.
    expect(inventoryOverhead.usageUnavailable).toBe('Prometheus has no container metrics for these pods');
    const inventory = inventoryOverhead.dataPlanes!;
    const [ztunnel, waypoint] = inventory.ambient.parts;
    expect([ztunnel.measured?.cpu, ztunnel.measured?.memory]).toEqual([expect.closeTo(30, 0), 40 * 2 ** 20]);
    expect([waypoint.measured?.cpu, waypoint.measured?.memory]).toEqual([expect.closeTo(20, 0), 50 * 2 ** 20]);
    // Measured in all: its share of the ztunnels plus the waypoint's one pod.
    expect(inventory.ambient.measured?.cpu).toBeCloseTo(30 * ztunnel.count + 20, 0);
    // No sidecar to measure: the sidecar side stays a declared estimate.
    expect(inventory.sidecar.measured).toBeUndefined();
  });

  it("turns what workloads call into findings: payment-service's calls refused for want of a ServiceEntry, order-service's to a host its scope leaves out", async () => {
    expect(cluster('prod').findings.filter(f => f.code === 'MP0012')).toEqual([
      expect.objectContaining({
        resource: 'Deployment payments/payment-service-v1',
        message: expect.stringMatching(
          /^1\.00 calls\/s to api\.cards\.example\.com were refused \(BlackHoleCluster\): no ServiceEntry declares the host and the mesh's outbound policy \(REGISTRY_ONLY\)/,
        ),
      }),
    ]);
    const response = await fetch(statusUrl('order-service'), { headers: { authorization: mockCredentials.user.header() } });
    const orders = ((await response.json()) as EntityMeshStatus).clusters.find(c => c.cluster === 'prod')!;
    expect(orders.findings.filter(f => ['MP0012', 'MP0013'].includes(f.code)).map(f => [f.code, f.resource, f.message])).toEqual([
      [
        'MP0013',
        'Deployment orders/order-service',
        '0.50 calls/s to user-service.users.svc.cluster.local, which the proxy scope of Sidecar orders/order-service leaves out: they were refused',
      ],
    ]);
  });

  it("recommends payment-service's sidecar requests from what its proxies used over the window: 95th percentile CPU and peak memory with 25% headroom", () => {
    const MI = 2 ** 20;
    const { rightSizing } = cluster('prod').overhead;
    // Each proxy used 50m and 60Mi throughout, and requests 100m and 128Mi.
    expect(rightSizing).toMatchObject({ state: 'recommend', window: '2h', pods: 4, current: { cpu: 100, memory: 128 * MI } });
    expect(rightSizing?.observed?.cpu).toBeCloseTo(50, 0);
    expect(rightSizing?.observed?.memory).toBe(60 * MI);
    expect(rightSizing?.recommended).toEqual({ cpuRequest: 65, memoryRequest: 75 * MI, memoryLimit: 150 * MI });
    expect(rightSizing?.saving).toEqual({ cpu: 4 * 35, memory: 4 * 53 * MI });
    expect(cluster('dr').overhead.rightSizing).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/Prometheus could not be reached/) });
  });

  it("judges payment-service's canary against the portal's thresholds: v2 answers 10% 5xx, so roll back", () => {
    const analysis = cluster('prod').traffic.canary?.analysis;
    expect(analysis).toMatchObject({
      verdict: 'rollback',
      reason: 'success rate out of bounds',
      weight: 10,
      canaryVersion: 'v2',
      stableVersion: 'v1',
      source: 'config',
    });
    expect(analysis?.checks.map(c => [c.name, Math.round(c.canary!), Math.round(c.stable!), c.threshold, c.pass])).toEqual([
      ['requests', 3000, 27000, 100, true],
      ['success rate', 90, 99, 99, false],
      ['p99', 475, 95, 500, true],
    ]);
    expect(cluster('dr').traffic.canary?.analysis).toMatchObject({ verdict: 'wait', reason: expect.stringMatching(/^health is unknown/) });
  });

  it('compares the callers seen with the callers allowed and the catalog: order-service calls payment-service, may, and depends on it', () => {
    expect(cluster('prod').security.callers).toEqual([
      {
        principal: 'cluster.local/ns/orders/sa/order-service',
        rate: expect.closeTo(100, 0),
        allowed: true,
        observed: true,
        dependsOn: true,
        entityRef: 'component:default/order-service',
        words: 'order-service calls you (100.00 req/s)',
      },
    ]);
  });

  it("draws payment-service's callers and order-service's calls edge by edge: rate, 5xx share and mTLS share; the refused call to user-service", async () => {
    expect(cluster('prod').traffic.edges).toEqual([
      {
        direction: 'inbound',
        source: { namespace: 'orders', workload: 'order-service', principal: 'cluster.local/ns/orders/sa/order-service' },
        destination: { namespace: 'payments', service: 'payment-service' },
        requestRate: expect.closeTo(100, 0),
        errorShare: expect.closeTo(0.02, 3),
        mtlsShare: expect.closeTo(0.9, 3),
      },
      {
        direction: 'outbound',
        source: { namespace: 'payments', workload: 'payment-service-v1' },
        destination: { service: 'api.cards.example.com' },
        requestRate: expect.closeTo(1, 1),
        via: 'BlackHoleCluster',
      },
    ]);
    const response = await fetch(statusUrl('order-service'), { headers: { authorization: mockCredentials.user.header() } });
    const orders = ((await response.json()) as EntityMeshStatus).clusters.find(c => c.cluster === 'prod')!.traffic.edges;
    expect(orders?.map(e => [e.direction, e.destination.service, Math.round(e.requestRate * 10) / 10, e.via])).toEqual([
      ['outbound', 'payment-service', 100, undefined],
      ['outbound', 'user-service', 0.5, 'BlackHoleCluster'],
    ]);
  });

  it("shows what order-service's dry-run policies would deny, from Envoy's RBAC shadow stats", async () => {
    const response = await fetch(statusUrl('order-service'), { headers: { authorization: mockCredentials.user.header() } });
    const { dryRun, authorizationPolicies } = ((await response.json()) as EntityMeshStatus).clusters.find(c => c.cluster === 'prod')!.security;
    expect(dryRun).toEqual({
      policies: ['orders/order-service-allow-callers', 'orders/order-service-deny-by-default'],
      window: '5m',
      deniedPerSecond: expect.closeTo(0.5, 2),
    });
    expect(authorizationPolicies.filter(p => p.dryRun).map(p => p.name)).toEqual(['order-service-allow-callers', 'order-service-deny-by-default']);
    // payment-service's policies are enforced: nothing is tried there.
    expect(cluster('prod').security.dryRun).toBeUndefined();
  });

  it("draws each version's last 30 minutes: rate, 5xx share and p99", () => {
    const [v1, v2] = cluster('prod').health.versionSeries!;
    expect([v1.version, v2.version]).toEqual(['v1', 'v2']);
    expect(v2.points.length).toBeGreaterThanOrEqual(30);
    const last = v2.points[v2.points.length - 1];
    expect(last.requestRate).toBeCloseTo(10, 0);
    expect(last.errorShare).toBeCloseTo(0.1, 2);
    expect(last.p99).toBeCloseTo(475, -1);
  });

  it('asks Prometheus fifteen queries per cluster and TTL, however many status requests arrive at once', async () => {
    // The first answer's read is still within its TTL: wait it out so that this burst starts a new one.
    await new Promise(resolve => setTimeout(resolve, 1200));
    const before = apiQueries();
    const names = ['payment-service', 'order-service', 'user-service'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(statusUrl(names[i % 3]), { headers: { authorization: mockCredentials.user.header() } }).then(r => r.json() as Promise<EntityMeshStatus>),
      ),
    );
    const asked = apiQueries() - before;
    const payments = answers.filter(a => a.entityRef === 'component:default/payment-service');
    expect(payments.map(a => a.clusters.find(c => c.cluster === 'prod')?.health.overall?.requestRate)).toEqual(Array(10).fill(expect.closeTo(100, 0)));
    // 12 instant queries (the call edges and their 5xx among them) and 3 range queries: one fleet read for 30 requests over 3 services.
    expect(asked).toBe(15);
  });

  it('says health is unknown, with the reason, where Prometheus is down; the rest still answers', () => {
    const dr = cluster('dr');
    expect(dr.health.state).toBe('unknown');
    expect(dr.health.reason).toMatch(/Prometheus could not be reached \(ECONNREFUSED\)/);
    expect(dr.overhead.usageUnavailable).toMatch(/ECONNREFUSED/);
    expect(dr.error).toBeUndefined();
    expect(dr.workloads.totalPods).toBe(4);
    expect(dr.traffic.canary?.split.map(s => s.weight)).toEqual([90, 10]);
  });
});
