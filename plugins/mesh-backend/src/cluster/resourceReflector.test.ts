import { mockServices } from '@backstage/backend-test-utils';
import { ClusterObjectStore } from '@meshport/plugin-mesh-status-node';
import { KubeApiTestServer } from '@meshport/test-harness';
import { ConfigReader } from '@backstage/config';
import { ClusterConnection } from './clusterConnection';
import { KubernetesClient } from './kubernetesClient';
import { dispatchingStrategy, kubernetesPluginAuthStrategies } from './kubernetesPluginParts';
import { ReflectedResource, ResourceReflector } from './resourceReflector';

const TOKEN = 'reflector-test-token';
const PODS: ReflectedResource = { kind: 'Pod', apiVersion: 'v1', path: '/api/v1/pods' };
const ROLLOUTS: ReflectedResource = { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', path: '/apis/argoproj.io/v1alpha1/rollouts', optional: true };

const pod = (name: string, version = 'v1') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'payments', labels: { app: 'payment-service', version } },
  spec: { containers: [{ name: 'app', image: 'payments:1' }] },
  status: { phase: 'Running' },
});

/** Waits until `done` holds, checking every 20 ms. */
async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('ResourceReflector, through client-node against the Kubernetes API test server', () => {
  let kube: KubeApiTestServer;
  const running: ResourceReflector[] = [];

  /** A reflector of one kind into a fresh store, with small pages and quick back-offs. */
  const reflect = (resource: ReflectedResource) => {
    const store = new ClusterObjectStore();
    const logger = mockServices.logger.mock();
    const details = { name: 'test', url: kube.url, authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount', serviceAccountToken: TOKEN } };
    const client = new KubernetesClient(
      new ClusterConnection(details, dispatchingStrategy(kubernetesPluginAuthStrategies(new ConfigReader({}), logger)), {
        credentialTtlMs: 60_000,
        allowInsecureHttp: true,
      }),
      5000,
    );
    const reflector = new ResourceReflector(client, resource, store, logger, { pageSize: 2, initialBackoffMs: 20, maxBackoffMs: 200 });
    running.push(reflector);
    reflector.start();
    return {
      reflector,
      store,
      logger,
      names: () =>
        store
          .list(resource.storeKind ?? resource.kind)
          .map(o => o.metadata.name)
          .sort(),
    };
  };

  beforeEach(async () => {
    kube = await new KubeApiTestServer({ token: TOKEN }).start();
    kube.apply(pod('p1'), pod('p2'), pod('p3'), pod('p4'), pod('p5'));
  });
  afterEach(async () => {
    running.splice(0).forEach(reflector => reflector.stop());
    await kube.stop();
  });

  it('lists every page, then follows the watch: additions, changes and deletions', async () => {
    const { reflector, store, names } = reflect(PODS);
    await reflector.waitForFirstAttempt(5000);
    expect({ synced: reflector.synced, names: names() }).toEqual({ synced: true, names: ['p1', 'p2', 'p3', 'p4', 'p5'] });
    expect(kube.requests.filter(path => path.startsWith('/api/v1/pods?') && !path.includes('watch=')).length).toBe(3);
    kube.apply(pod('p6'), pod('p1', 'v2'));
    kube.delete('Pod', 'payments', 'p2');
    await until(() => names().join() === 'p1,p3,p4,p5,p6', 'the watch to deliver the changes');
    await until(() => store.get('Pod', 'payments', 'p1')?.metadata.labels?.version === 'v2', 'the change to p1');
  });

  it('lists again when its watch has expired (410 Gone), catching what happened meanwhile', async () => {
    const { reflector, logger, names } = reflect(PODS);
    await reflector.waitForFirstAttempt(5000);
    kube.apply(pod('p6'));
    kube.compact();
    kube.closeWatches();
    await until(() => names().includes('p6'), 'the relist');
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('expired (410 Gone); listing again'));
    expect(reflector.error).toBeUndefined();
  });

  it('records a failed list for the status and retries it with back-off until it succeeds', async () => {
    kube.fail({ path: /^\/api\/v1\/pods/, answer: 403, times: 3 });
    const { reflector, logger, names } = reflect(PODS);
    await reflector.waitForFirstAttempt(5000);
    expect(reflector.error).toMatchObject({ reason: 'forbidden' });
    await until(() => reflector.synced && !reflector.error, 'the retried list');
    expect(names()).toHaveLength(5);
    // The same failure again is logged at debug level only, not once per retry as a warning.
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('holds none of an optional kind the cluster does not serve, without failing', async () => {
    const { reflector, logger, names } = reflect(ROLLOUTS);
    await reflector.waitForFirstAttempt(5000);
    expect({ synced: reflector.synced, error: reflector.error, names: names() }).toEqual({ synced: true, error: undefined, names: [] });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('is not served (404)'));
  });
});
