import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_MERGED_FOLDER,
  findStartupFailures,
  freePort,
  guestToken,
  prepareDemoData,
  RunningBackend,
  startBackend,
  waitForCatalog,
} from '@meshport/test-harness';

jest.setTimeout(300_000);

describe('the portal backend with the embedded defaults (SQLite in memory)', () => {
  let backend: RunningBackend;
  // What npm start prepares: the demo GitOps repository, here in a folder of this test's own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-startup-data-'));

  beforeAll(async () => {
    backend = await startBackend({ port: await freePort(), configs: ['app-config.yaml'], env: prepareDemoData(dataDir) });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the eleven mesh templates and offers their actions', async () => {
    const templates = await waitForCatalog(backend.baseUrl, 'kind=template', 11);
    expect(templates.map(t => t.metadata.name).sort()).toEqual([
      'mesh-canary-release',
      'mesh-egress',
      'mesh-enforce-authorization',
      'mesh-expose-ingress',
      'mesh-jwt-authentication',
      'mesh-migrate-namespace',
      'mesh-onboard-namespace',
      'mesh-onboard-service',
      'mesh-right-size-proxy',
      'mesh-strict-mtls',
      'mesh-traffic-policy',
    ]);
    const response = await fetch(`${backend.baseUrl}/api/scaffolder/v2/actions`, { headers: { authorization: `Bearer ${await guestToken(backend.baseUrl)}` } });
    const actions = ((await response.json()) as Array<{ id: string }>).map(action => action.id);
    expect(actions).toEqual(expect.arrayContaining(['mesh:gitops:checkout', 'mesh:render', 'mesh:gitops:pull-request']));
  });

  it('starts every plugin without a start-up failure in its log', () => {
    expect(findStartupFailures(backend.process.output())).toEqual([]);
  });

  it('serves the demo catalog: the four services and their dependency', async () => {
    const components = await waitForCatalog(backend.baseUrl, 'kind=component', 4);
    expect(components.map(c => c.metadata.name).sort()).toEqual(['inventory-service', 'order-service', 'payment-service', 'user-service']);
    const order = components.find(c => c.metadata.name === 'order-service')!;
    expect(order.metadata.annotations?.['backstage.io/kubernetes-id']).toBe('order-service');
    expect(order.spec?.dependsOn).toEqual(['component:payment-service']);
  });

  it("serves payment-service's mesh status from the demo cluster snapshot, with the guest's token", async () => {
    const authorization = `Bearer ${await guestToken(backend.baseUrl)}`;
    const response = await fetch(`${backend.baseUrl}/api/mesh/v1/entities/default/component/payment-service/status`, { headers: { authorization } });
    expect(response.status).toBe(200);
    const status = await response.json();
    expect(status.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(['demo']);
    const [demo] = status.clusters;
    expect({ injected: demo.workloads.injectedPods, total: demo.workloads.totalPods }).toEqual({ injected: 4, total: 4 });
    expect(demo.traffic.canary.split.map((s: { weight: number }) => s.weight)).toEqual([90, 10]);
    expect(demo.health).toMatchObject({ state: 'unknown', reason: 'no Prometheus is configured for this cluster' });
  });

  it("shows order-service's unready proxy as stale, from istiod's /debug/syncz saved in the demo snapshot", async () => {
    const authorization = `Bearer ${await guestToken(backend.baseUrl)}`;
    const status = await (await fetch(`${backend.baseUrl}/api/mesh/v1/entities/default/component/order-service/status`, { headers: { authorization } })).json();
    const [demo] = status.clusters;
    expect(demo.workloads.staleProxies).toBe(1);
    const bySync = demo.workloads.pods.map((p: { proxy?: { ready: boolean; sync?: { state: string; stale?: string[] } } }) => [
      p.proxy?.ready,
      p.proxy?.sync?.state,
      p.proxy?.sync?.stale,
    ]);
    expect(bySync).toEqual(
      expect.arrayContaining([
        [false, 'stale', ['listener', 'route']],
        [true, 'synced', undefined],
      ]),
    );
  });

  it("compares order-service's merged folder with the demo cluster: all applied but the Sidecar, whose newest host the cluster lacks", async () => {
    const authorization = `Bearer ${await guestToken(backend.baseUrl)}`;
    const status = await (await fetch(`${backend.baseUrl}/api/mesh/v1/entities/default/component/order-service/status`, { headers: { authorization } })).json();
    const [demo] = status.clusters;
    expect(demo.afterMerge).toMatchObject({ folder: DEMO_MERGED_FOLDER, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const states = demo.afterMerge.objects.map((o: { kind: string; name: string; state: string; differences?: string[] }) => [
      o.kind,
      o.name,
      o.state,
      o.differences,
    ]);
    expect(states).toEqual(
      expect.arrayContaining([
        ['PeerAuthentication', 'order-service', 'applied', undefined],
        ['AuthorizationPolicy', 'order-service-allow-callers', 'applied', undefined],
        ['AuthorizationPolicy', 'order-service-deny-by-default', 'applied', undefined],
        ['Deployment', 'order-service', 'applied', undefined],
        ['Sidecar', 'order-service', 'drifted', ['spec.egress']],
      ]),
    );
    expect(states).toHaveLength(5);
    // Its deny-by-default and allowed callers are tried, not enforced; the demo snapshot has no Prometheus to count what they would deny.
    expect(demo.security.dryRun).toEqual({
      policies: ['orders/order-service-allow-callers', 'orders/order-service-deny-by-default'],
      window: '5m',
      unavailable: expect.any(String),
    });
  });
});
