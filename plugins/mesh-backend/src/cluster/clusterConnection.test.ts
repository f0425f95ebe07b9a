import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { AuthenticationStrategy, ClusterDetails } from '@backstage/plugin-kubernetes-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eksTokenProblem, GoogleStsTestServer, KubeApiTestServer } from '@meshport/test-harness';
import { ClusterConnection, ClusterConnectionOptions } from './clusterConnection';
import { clusterErrorOf } from './clusterErrors';
import { KubernetesClient } from './kubernetesClient';
import { dispatchingStrategy, kubernetesPluginAuthStrategies } from './kubernetesPluginParts';

const PODS = { kind: 'Pod', path: '/api/v1/pods' };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'payments' }, spec: { containers: [] } };
const AWS = { accessKeyId: 'AKIAMESHPORTTEST0001', secretAccessKey: 'meshport-test-secret', region: 'eu-west-1' };

/** The Kubernetes plugin's own strategies, one per authProvider, as its backend builds them. */
const kubernetesPluginStrategy = dispatchingStrategy(kubernetesPluginAuthStrategies(new ConfigReader({}), mockServices.logger.mock()));

const details = (kube: KubeApiTestServer, authMetadata: Record<string, string>, name = 'prod'): ClusterDetails => ({
  name,
  url: kube.url,
  ...(kube.caData ? { caData: kube.caData } : {}),
  authMetadata,
});

function listThrough(cluster: ClusterDetails, strategy: AuthenticationStrategy = kubernetesPluginStrategy, options: Partial<ClusterConnectionOptions> = {}) {
  const connection = new ClusterConnection(cluster, strategy, { credentialTtlMs: 60_000, allowInsecureHttp: false, ...options });
  return new KubernetesClient(connection, 5000).listPage(PODS, 10);
}

/** The failure in the words a cluster's status gives it. */
const failureOf = (listing: Promise<unknown>) =>
  listing.then(
    () => 'listed',
    error => clusterErrorOf(error),
  );

describe('a cluster of each credential kind, through the Kubernetes plugin’s strategies, against the Kubernetes API test server', () => {
  const servers: KubeApiTestServer[] = [];
  const server = async (options: ConstructorParameters<typeof KubeApiTestServer>[0]) => {
    const kube = await new KubeApiTestServer(options).start();
    kube.apply(pod);
    servers.push(kube);
    return kube;
  };
  const saved = { ...process.env };
  afterEach(async () => {
    process.env = { ...saved };
    await Promise.all(servers.splice(0).map(s => s.stop()));
  });

  it('serviceAccount: the configured token as a bearer token, over TLS with the cluster’s CA', async () => {
    const kube = await server({ token: 'sa-token-1', tls: true });
    const page = await listThrough(details(kube, { 'kubernetes.io/auth-provider': 'serviceAccount', serviceAccountToken: 'sa-token-1' }));
    expect(page.items.map(item => item.metadata.name)).toEqual(['p1']);
    expect(await failureOf(listThrough(details(kube, { 'kubernetes.io/auth-provider': 'serviceAccount', serviceAccountToken: 'stolen' })))).toEqual({
      reason: 'unauthorized',
      message: "the API server refused the backend's credential (401)",
    });
  });

  it('aws: a presigned STS GetCallerIdentity token with the cluster id signed in, as EKS checks it', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_REGION: AWS.region });
    const problems: Array<string | undefined> = [];
    const kube = await server({
      token: 'unused',
      tls: true,
      authenticate: authorization => {
        problems.push(eksTokenProblem(authorization, AWS));
        return problems[problems.length - 1] === undefined;
      },
    });
    const page = await listThrough(details(kube, { 'kubernetes.io/auth-provider': 'aws', 'kubernetes.io/x-k8s-aws-id': 'prod-eks' }));
    expect(page.items).toHaveLength(1);
    expect(problems).toEqual([undefined]);
  });

  it('googleServiceAccount: a Google access token from kubernetes.googleServiceAccountCredentials (workload identity federation through STS)', async () => {
    const audience = '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/meshport/providers/ci';
    const subjectToken = 'workload-oidc-token';
    const sts = await new GoogleStsTestServer({ audience, subjectToken }).start();
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-google-'));
    try {
      fs.writeFileSync(path.join(directory, 'token'), subjectToken);
      const credentials = {
        type: 'external_account',
        audience,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${sts.url}/v1/token`,
        credential_source: { file: path.join(directory, 'token') },
      };
      const strategy = dispatchingStrategy(
        kubernetesPluginAuthStrategies(
          new ConfigReader({ kubernetes: { googleServiceAccountCredentials: JSON.stringify(credentials) } }),
          mockServices.logger.mock(),
        ),
      );
      const kube = await server({
        token: 'unused',
        tls: true,
        authenticate: authorization => sts.accessTokens.some(token => authorization === `Bearer ${token}`),
      });
      const page = await listThrough(details(kube, { 'kubernetes.io/auth-provider': 'googleServiceAccount' }, 'gke-prod'), strategy);
      expect(page.items).toHaveLength(1);
      expect(sts.accessTokens).toEqual(['ya29.meshport-test-1']);
    } finally {
      await sts.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('localKubectlProxy: no credential at all, over plain http', async () => {
    const kube = await server({ token: 'unused', authenticate: authorization => authorization === undefined });
    const page = await listThrough(details(kube, { 'kubernetes.io/auth-provider': 'localKubectlProxy' }, 'local'));
    expect(page.items).toHaveLength(1);
  });

  it.each(['google', 'oidc', 'aks'])('%s: a signed-in user’s token, which a background watch has none of: says so and sends nothing', async provider => {
    const kube = await server({ token: 'user-token', tls: true });
    expect(await failureOf(listThrough(details(kube, { 'kubernetes.io/auth-provider': provider })))).toEqual({
      reason: 'unauthorized',
      message: `cluster "prod" authenticates with authProvider "${provider}", whose token belongs to each signed-in user; Meshport's list+watch runs as the backend, so give it the cluster with serviceAccount, googleServiceAccount, aws or azure`,
    });
    expect(kube.requests).toEqual([]);
  });

  it('an unknown authProvider: the strategy’s own error, and nothing sent', async () => {
    const kube = await server({ token: 'x', tls: true });
    expect(await failureOf(listThrough(details(kube, { 'kubernetes.io/auth-provider': 'vault' })))).toEqual({
      reason: 'unauthorized',
      message: 'cluster "prod": the vault authentication strategy gave no credential: authProvider "vault" has no AuthenticationStrategy associated with it',
    });
    expect(kube.requests).toEqual([]);
  });

  it('refuses to send a bearer token over plain http unless the cluster is listed in mesh.status.allowInsecureHttpClusters', async () => {
    const kube = await server({ token: 'sa-token-2' });
    const cluster = details(kube, { 'kubernetes.io/auth-provider': 'serviceAccount', serviceAccountToken: 'sa-token-2' });
    expect(await failureOf(listThrough(cluster))).toEqual({
      reason: 'unauthorized',
      message:
        'cluster "prod" has an http: URL and a bearer token, which would travel in clear; use https, or list the cluster in mesh.status.allowInsecureHttpClusters',
    });
    expect(kube.requests).toEqual([]);
    expect((await listThrough(cluster, kubernetesPluginStrategy, { allowInsecureHttp: true })).items).toHaveLength(1);
  });

  it('asks the strategy again once the credential is older than credentialTtlMs, or the API server refused it', async () => {
    let now = 0;
    let issued = 0;
    let valid = 'token-1';
    const counting: AuthenticationStrategy = {
      getCredential: async () => ({ type: 'bearer token', token: `token-${++issued}` }),
      validateCluster: () => [],
      presentAuthMetadata: () => ({}),
    };
    const kube = await server({ token: 'unused', tls: true, authenticate: authorization => authorization === `Bearer ${valid}` });
    const connection = new ClusterConnection(details(kube, { 'kubernetes.io/auth-provider': 'vault' }), counting, {
      credentialTtlMs: 1000,
      allowInsecureHttp: false,
      clock: () => now,
    });
    const client = new KubernetesClient(connection, 5000);
    await client.listPage(PODS, 10);
    await client.listPage(PODS, 10);
    expect(issued).toBe(1);
    now = 1500;
    valid = 'token-2';
    await client.listPage(PODS, 10);
    expect(issued).toBe(2);
    valid = 'token-4';
    await expect(client.listPage(PODS, 10)).rejects.toThrow('401');
    // The refused token-2 is dropped: the next list asks for token-3, then token-4 after another refusal.
    await expect(client.listPage(PODS, 10)).rejects.toThrow('401');
    expect((await client.listPage(PODS, 10)).items).toHaveLength(1);
    expect(issued).toBe(4);
  });
});
