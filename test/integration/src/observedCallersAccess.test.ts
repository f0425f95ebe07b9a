import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import { meshScaffolderFeatures } from './scaffolderFeatures';
// The suite starts the real status plugin beside the scaffolder, as the portal's backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import meshPlugin from '@meshport/plugin-mesh-backend';
import { EntityMeshStatus } from '@meshport/plugin-mesh-common';
import {
  createBareRepository,
  demoClusterObjects,
  findRepoRoot,
  git,
  istioOpenMetrics,
  KubeApiTestServer,
  describeWithPrometheus,
  prometheusUnavailable,
  RunningPrometheus,
  ScaffolderTestClient,
  startBackfilledPrometheus,
} from '@meshport/test-harness';

jest.setTimeout(300_000);

const TOKEN = 'sa-token-observed-callers';
const repoRoot = findRepoRoot();
const unavailable = prometheusUnavailable();

// The whole portal backend: the scaffolder's mesh:render asks Meshport's status API, which reads a real
// Prometheus (the demo's Istio metrics: order-service calls payment-service) and the test API server.
describeWithPrometheus('the observed-callers access suite')(
  'who keeps access, with the callers Prometheus saw, through the real scaffolder and status backends',
  () => {
    let prometheus: RunningPrometheus;
    let kube: KubeApiTestServer;
    let backend: TestBackend;
    let client: ScaffolderTestClient;
    let workspace: string;
    let repository: string;

    beforeAll(async () => {
      if (unavailable) throw new Error(`CI requires Prometheus: ${unavailable}`);
      const now = Math.floor(Date.now() / 1000);
      prometheus = await startBackfilledPrometheus(istioOpenMetrics(now - 3600, now + 900));
      kube = await new KubeApiTestServer({ token: TOKEN }).start();
      kube.apply(...demoClusterObjects());
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-observed-'));
      repository = createBareRepository(workspace);
      backend = await startTestBackend({
        features: [
          ...meshScaffolderFeatures(),
          meshPlugin,
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost:0', workingDirectory: workspace },
              catalog: {
                rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User', 'Template', 'Location'] }],
                locations: [
                  { type: 'file', target: path.join(repoRoot, 'catalog/org.yaml') },
                  { type: 'file', target: path.join(repoRoot, 'catalog/entities.yaml') },
                  { type: 'file', target: path.join(repoRoot, 'templates/onboard-service/template.yaml') },
                ],
              },
              kubernetes: {
                clusterLocatorMethods: [
                  { type: 'config', clusters: [{ name: 'prod', url: kube.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN }] },
                ],
              },
              mesh: {
                clusters: [{ name: 'prod', prometheus: { url: prometheus.url } }],
                status: { requestTimeoutMs: 5000, allowInsecureHttpClusters: ['prod'] },
                gitops: { defaultRepoUrl: `file://${repository}`, allowLocalRepositories: true },
              },
            },
          }),
        ],
      });
      const baseUrl = `http://localhost:${(backend.server.address() as { port: number }).port}`;
      const authorization = mockCredentials.user.header();
      client = new ScaffolderTestClient(baseUrl, authorization);
      // Ready once the status has seen order-service call payment-service, and the template is in the catalog.
      const deadline = Date.now() + 90_000;
      for (;;) {
        const status = await fetch(`${baseUrl}/api/mesh/v1/entities/default/component/payment-service/status`, { headers: { authorization } });
        const template = await fetch(`${baseUrl}/api/catalog/entities/by-name/template/default/mesh-onboard-service`, { headers: { authorization } });
        const callers = status.ok ? ((await status.json()) as EntityMeshStatus).clusters.flatMap(c => c.security?.callers ?? []) : [];
        if (template.ok && callers.some(caller => caller.observed)) break;
        if (Date.now() > deadline) throw new Error(`the status saw no caller (status ${status.status}), or the template is missing (${template.status})`);
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
      await kube?.stop();
      await prometheus?.stop();
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    // payment-service onto the mesh with deny-by-default and no allowed caller: order-service, which Prometheus saw calling, would be locked out.
    const onboarding = (extra: Record<string, unknown> = {}) => ({
      entity: 'component:default/payment-service',
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      denyByDefault: true,
      allowedCallers: [],
      ...extra,
    });

    it('refuses a change that locks out a caller no policy names but Prometheus saw, naming it and why it is known, and pushes nothing', async () => {
      const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
      const task = await client.run('mesh-onboard-service', onboarding());
      expect(task.status).toBe('failed');
      expect(task.log.join('\n')).toMatch(
        /confirmAccessLoss: this change takes access away from orders\/order-service: GET \/ allowed before, denied after \(sidecar at payments\/payment-service: .*payment-service-deny-by-default/,
      );
      expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
    });

    it('opens the change once the user ticks that caller, and its summary says who loses access and how Meshport knows it', async () => {
      const task = await client.run('mesh-onboard-service', onboarding({ preview: { confirmAccessLoss: ['orders/order-service'] } }));
      expect({ status: task.status, log: task.status === 'completed' ? [] : task.log }).toEqual({ status: 'completed', log: [] });
      const summary = task.output.text?.[0]?.content as string;
      expect(summary).toMatch(
        /\*\*loses access\*\* orders\/order-service: GET \/ allowed before, denied after \(.*\); known as: seen calling at \d+ requests\/s, depends on it in the catalog/,
      );
      expect(summary).not.toContain('were not asked about');
    });
  },
);
