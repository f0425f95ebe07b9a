import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuthenticationStrategy, KubernetesClusterSupplierFactory } from '@backstage/plugin-kubernetes-node';
import { EntityMeshStatus } from '@meshport/plugin-mesh-common';
import { meshClustersExtensionPoint } from '@meshport/plugin-mesh-node';
import { demoClusterObjects, eksTokenProblem, KubeApiTestServer } from '@meshport/test-harness';
import meshPlugin from './index';

jest.setTimeout(120_000);

const AWS = { accessKeyId: 'AKIAMESHPORTTEST0002', secretAccessKey: 'meshport-test-secret', region: 'eu-west-1' };

const paymentService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', annotations: { 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

/** A cluster registered in the catalog, as the Kubernetes plugin's catalog locator reads it. */
const clusterResource = (name: string, kube: KubeApiTestServer): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'kubernetes.io/api-server': kube.url,
      'kubernetes.io/api-server-certificate-authority': kube.caData,
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/x-k8s-aws-id': name,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform' },
});

const catalogLocator = { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] };
const statusSettings = { requestTimeoutMs: 3000, syncWaitMs: 8000, maxBackoffMs: 400 };
const config = {
  backend: { baseUrl: 'http://localhost:0' },
  kubernetes: { clusterLocatorMethods: [catalogLocator] },
  mesh: { status: { ...statusSettings, catalogClusters: { allowedHosts: ['127.0.0.1'] } } },
};

describe('the mesh status backend’s clusters, found as the Kubernetes plugin finds them', () => {
  const saved = { ...process.env };
  let eks: KubeApiTestServer;
  let onPrem: KubeApiTestServer;
  /** An API server a catalog entity's author owns: it accepts any credential and keeps what it was sent. */
  let attacker: KubeApiTestServer;
  const sentToAttacker: Array<string | undefined> = [];
  let backend: TestBackend | undefined;
  const eksProblems: Array<string | undefined> = [];

  beforeAll(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_REGION: AWS.region });
    eks = await new KubeApiTestServer({
      token: 'unused',
      tls: true,
      authenticate: authorization => {
        eksProblems.push(eksTokenProblem(authorization, AWS));
        return eksProblems[eksProblems.length - 1] === undefined;
      },
    }).start();
    onPrem = await new KubeApiTestServer({ token: 'vault-issued-token', tls: true }).start();
    attacker = await new KubeApiTestServer({ token: 'unused', tls: true, authenticate: authorization => sentToAttacker.push(authorization) > 0 }).start();
    eks.apply(...demoClusterObjects());
    onPrem.apply(...demoClusterObjects());
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });
  afterAll(async () => {
    process.env = { ...saved };
    await eks.stop();
    await onPrem.stop();
    await attacker.stop();
  });

  const allRead = (status: EntityMeshStatus) => status.clusters.length > 0 && status.clusters.every(c => !c.error);

  /** payment-service's status once `settled` holds (or after a minute, to show what it was). */
  async function statusOf(features: Parameters<typeof startTestBackend>[0]['features'], settled = allRead, data: object = config): Promise<EntityMeshStatus> {
    backend = await startTestBackend({ features: [meshPlugin, mockServices.rootConfig.factory({ data }), ...(features ?? [])] });
    const url = `http://localhost:${(backend.server.address() as { port: number }).port}/api/mesh/v1/entities/default/component/payment-service/status`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = (await (await fetch(url, { headers: { authorization: mockCredentials.user.header() } })).json()) as EntityMeshStatus;
      if (settled(status) || Date.now() > deadline) return status;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  it('reads a cluster the catalog registers (catalog locator, aws credentials), and watches it', async () => {
    const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, clusterResource('eks-prod', eks)] })]);
    expect(status.clusters.map(c => ({ cluster: c.cluster, error: c.error, pods: c.workloads?.totalPods }))).toEqual([
      { cluster: 'eks-prod', error: undefined, pods: 4 },
    ]);
    expect(eksProblems.length).toBeGreaterThan(0);
    expect(eksProblems.filter(Boolean)).toEqual([]);
  });

  it('takes an installation’s supplier and strategy through meshClustersExtensionPoint, next to the default clusters', async () => {
    const vault: AuthenticationStrategy = {
      getCredential: async () => ({ type: 'bearer token', token: 'vault-issued-token' }),
      validateCluster: () => [],
      presentAuthMetadata: () => ({}),
    };
    // The catalog's clusters, and one the installation's own inventory knows, reached with its own strategy.
    const withOnPrem: KubernetesClusterSupplierFactory = async ({ getDefault }) => {
      const located = await getDefault();
      return {
        getClusters: async options => [
          ...(await located.getClusters(options)),
          { name: 'on-prem', url: onPrem.url, caData: onPrem.caData, authMetadata: { 'kubernetes.io/auth-provider': 'vault' } },
        ],
      };
    };
    const onPremClusters = createBackendModule({
      pluginId: 'mesh',
      moduleId: 'on-prem-clusters',
      register: env =>
        env.registerInit({
          deps: { clusters: meshClustersExtensionPoint },
          init: async ({ clusters }) => {
            clusters.addAuthStrategy('vault', vault);
            clusters.addClusterSupplier(withOnPrem);
          },
        }),
    });
    const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, clusterResource('eks-prod', eks)] }), onPremClusters]);
    expect(status.clusters.map(c => ({ cluster: c.cluster, error: c.error, pods: c.workloads?.totalPods }))).toEqual([
      { cluster: 'eks-prod', error: undefined, pods: 4 },
      { cluster: 'on-prem', error: undefined, pods: 4 },
    ]);
  });

  it('says why a cluster whose credential belongs to a signed-in user cannot be watched', async () => {
    const googleCluster = { ...clusterResource('gke-prod', eks) };
    googleCluster.metadata = { ...googleCluster.metadata, annotations: { ...googleCluster.metadata.annotations, 'kubernetes.io/auth-provider': 'google' } };
    const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, googleCluster] })], s => s.clusters.some(c => c.error));
    expect(status.clusters.map(c => ({ cluster: c.cluster, error: c.error }))).toEqual([
      {
        cluster: 'gke-prod',
        error: {
          reason: 'unauthorized',
          message:
            'cluster "gke-prod" authenticates with authProvider "google", whose token belongs to each signed-in user; ' +
            "Meshport's list+watch runs as the backend, so give it the cluster with serviceAccount, googleServiceAccount, aws or azure",
        },
      },
    ]);
  });

  describe('a catalog entity’s author cannot reach the backend’s credentials or another cluster’s place', () => {
    const unwatched = (status: EntityMeshStatus) => status.clusters.map(c => c.cluster);
    /** Long enough for watches to have started had the cluster been taken (the fleet's first read is already in the first answer). */
    const settle = () => new Promise(resolve => setTimeout(resolve, 1500));

    it('sends no credential to an API server host outside mesh.status.catalogClusters.allowedHosts', async () => {
      const data = { ...config, mesh: { status: { ...statusSettings, catalogClusters: { allowedHosts: ['*.eks.amazonaws.com'] } } } };
      const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, clusterResource('eks-prod', attacker)] })], () => true, data);
      await settle();
      expect(unwatched(status)).toEqual([]);
      expect(attacker.requests).toEqual([]);
      expect(sentToAttacker).toEqual([]);
    });

    it('watches no catalog cluster when no allowed host is configured', async () => {
      const data = { ...config, mesh: { status: statusSettings } };
      const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, clusterResource('eks-prod', attacker)] })], () => true, data);
      await settle();
      expect(unwatched(status)).toEqual([]);
      expect(sentToAttacker).toEqual([]);
    });

    it('refuses a catalog cluster named as a configured cluster, or as one of mesh.clusters, whichever locator comes first', async () => {
      const configured = { name: 'prod', url: onPrem.url, caData: onPrem.caData, authProvider: 'serviceAccount', serviceAccountToken: 'vault-issued-token' };
      const data = {
        ...config,
        kubernetes: { clusterLocatorMethods: [catalogLocator, { type: 'config', clusters: [configured] }] },
        mesh: { clusters: [{ name: 'staging', prometheus: { url: 'http://127.0.0.1:9' } }], status: config.mesh.status },
      };
      const impostors = [clusterResource('prod', attacker), clusterResource('staging', attacker)];
      const status = await statusOf([catalogServiceMock.factory({ entities: [paymentService, ...impostors] })], allRead, data);
      await settle();
      expect(status.clusters.map(c => ({ cluster: c.cluster, error: c.error, pods: c.workloads?.totalPods }))).toEqual([
        { cluster: 'prod', error: undefined, pods: 4 },
      ]);
      expect(attacker.requests).toEqual([]);
    });
  });
});
