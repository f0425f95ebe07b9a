import { ConfigReader } from '@backstage/config';
import { readMeshClusters } from './clusterConfig';

const withCluster = (url: string, extra: Record<string, unknown> = {}) =>
  new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'prod', url, authProvider: 'serviceAccount', serviceAccountToken: 'secret-token' }] }],
    },
    ...extra,
  });

describe('readMeshClusters', () => {
  it('refuses an http: cluster that would send its token in clear, naming the cluster and the way out', () => {
    expect(() => readMeshClusters(withCluster('http://10.0.0.1:6443'), {})).toThrow(
      'kubernetes.clusterLocatorMethods: cluster "prod" has an http: URL and a serviceAccountToken, which would travel in clear; use https, or list the cluster in mesh.status.allowInsecureHttpClusters',
    );
  });

  it('takes an http: cluster the configuration allows, and any https: one', () => {
    expect(readMeshClusters(withCluster('http://127.0.0.1:6443', { mesh: { status: { allowInsecureHttpClusters: ['prod'] } } }), {}).map(c => c.name)).toEqual([
      'prod',
    ]);
    expect(readMeshClusters(withCluster('https://10.0.0.1:6443'), {})[0].kubernetes).toMatchObject({ url: 'https://10.0.0.1:6443', skipTLSVerify: false });
  });

  it('takes kubectl proxy over http, which carries no token', () => {
    const config = new ConfigReader({ kubernetes: { clusterLocatorMethods: [{ type: 'localKubectlProxy' }] } });
    expect(readMeshClusters(config, {})[0].kubernetes).toMatchObject({ url: 'http://127.0.0.1:8001' });
  });
});
