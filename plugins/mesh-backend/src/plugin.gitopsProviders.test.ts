import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityMeshStatus } from '@meshport/plugin-mesh-common';
import { GitOpsProviderFactory, meshGitOpsProvidersServiceFactory } from '@meshport/plugin-mesh-node';
import meshPlugin from './index';

jest.setTimeout(60_000);

const paymentService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', annotations: { 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const config = {
  backend: { baseUrl: 'http://localhost:0' },
  integrations: { gitea: [{ host: 'gitea.example.com', username: 'meshport', password: 'gitea-token' }] },
  mesh: { gitops: { defaultRepoUrl: 'gitea.example.com?owner=platform&repo=gitops' }, status: { requestTimeoutMs: 3000, pendingChangesTtlMs: 0 } },
};

/** An installation's provider for its Gitea, as it would write one; it records what the status asked of it. */
function giteaProviders(asked: string[]): GitOpsProviderFactory {
  return {
    integrationType: 'gitea',
    async create({ host, path }, { integrations }) {
      const credentials = integrations.gitea.byHost(host)!.config;
      return {
        kind: 'gitea',
        remoteUrl: `https://${host}/${path}.git`,
        credentials: { username: credentials.username!, password: credentials.password! },
        defaultBranch: async () => 'trunk',
        findOpen: async (branch, baseBranch) => {
          asked.push(`${branch} -> ${baseBranch}`);
          return { url: `https://${host}/${path}/pulls/7`, number: 7 };
        },
        upsert: async () => {
          throw new Error('the status opens no change request');
        },
      };
    },
  };
}

describe('GitOps providers an installation adds (meshGitOpsProvidersServiceFactory)', () => {
  let backend: TestBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  async function statusWith(features: Parameters<typeof startTestBackend>[0]['features']): Promise<EntityMeshStatus> {
    backend = await startTestBackend({
      features: [
        meshPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [paymentService] }),
        ...(features ?? []),
      ],
    });
    const url = `http://localhost:${(backend.server.address() as { port: number }).port}/api/mesh/v1/entities/default/component/payment-service/status`;
    return (await (await fetch(url, { headers: { authorization: mockCredentials.user.header() } })).json()) as EntityMeshStatus;
  }

  it('without one, a repository on a kind of host no provider serves is refused, and the status says so', async () => {
    const status = await statusWith([]);
    expect(status.pendingChanges.items).toEqual([]);
    expect(status.pendingChanges.error).toContain('gitea.example.com is a gitea integration; Meshport opens change requests on github, gitlab integrations');
  });

  it('with one, the status lists the open change requests that provider finds, on the branch Meshport pushes', async () => {
    const asked: string[] = [];
    const status = await statusWith([meshGitOpsProvidersServiceFactory({ providers: [giteaProviders(asked)] })]);
    expect(status.pendingChanges).toEqual({
      items: [{ url: 'https://gitea.example.com/platform/gitops/pulls/7', number: 7, branch: 'meshport/payments/payment-service' }],
    });
    expect(asked).toEqual(['meshport/payments/payment-service -> trunk']);
  });
});
