import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coreServices, createServiceFactory, resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import meshScaffolderModule from '@meshport/plugin-scaffolder-backend-module-mesh';
import meshportDemoPermissionPolicyModule from '@meshport/plugin-permission-backend-module-mesh-demo-policy';
import { createBareRepository, findRepoRoot, GithubTestServer, LocationServer, PlainGitTestServer, ScaffolderTestClient } from '@meshport/test-harness';
import { stringify } from 'yaml';

export const GITHUB_TOKEN = 'ghp_attacksuite_7f3a9c2e5d1b4a60';

/** Who belongs to which team: the ownership claims a sign-in resolver puts in a user's token. */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/alice': ['group:default/payments-team'],
  'user:default/bob': ['group:default/payments-team'],
  'user:default/mallory': ['group:default/shop-team'],
  'user:default/victor': ['group:default/victim-team'],
};

/** The users of the attack suite: payments-team (alice, bob), shop-team (mallory), victim-team (victor). */
export type AttackUser = 'alice' | 'bob' | 'mallory' | 'victor';

/**
 * Users' ownership claims as Backstage's sign-in resolvers compute them (the user and its groups);
 * the test backend's stand-in for the auth backend's token, so that the real permission backend and
 * the real catalog decide ownership.
 */
const teamUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(MEMBERSHIPS[userEntityRef] ?? [])] };
    },
  }),
});

/**
 * Plugin-to-plugin tokens on behalf of a user that name the calling plugin as their actor, as the real
 * auth service issues them; the catalog's apply-conditions endpoint refuses user tokens without one.
 */
const authWithActor = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as { type: string; userEntityRef?: string };
      if (principal.type === 'user' && principal.userEntityRef) {
        return { token: mockCredentials.user.token(principal.userEntityRef, { actor: { subject: `plugin:${plugin.getId()}` } }) };
      }
      return issue(options);
    };
    return auth;
  },
});

/** A scaffolder template entity, as a template author registers it. */
export function templateEntity(name: string, steps: unknown[], parameters: Record<string, unknown> = {}) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, title: name },
    spec: {
      owner: 'group:default/payments-team',
      type: 'attack',
      parameters: [{ properties: parameters }],
      steps,
      output: { text: [{ title: 'summary', content: '${{ steps.render.output.summary }}' }] },
    },
  };
}

/** A template registered in the catalog, with files beside it that its steps may fetch. */
export interface RegisteredTemplate {
  name: string;
  steps: unknown[];
  files?: Record<string, string>;
  parameters?: Record<string, unknown>;
}

/** Everything the attack suite runs against: real servers, real repositories, a real backend. */
export interface AttackEnvironment {
  root: string;
  baseUrl: string;
  /** A GitHub the portal has a token for; repositories under acme/ are allowed. */
  github: GithubTestServer;
  /** A git host the configuration does not allow. */
  elsewhere: PlainGitTestServer;
  /** A plain git host the configuration allows (repositories under allowed/). */
  allowedPlain: PlainGitTestServer;
  /** An allowed host that accepts requests and never answers. */
  stalling: PlainGitTestServer;
  /** The portal's default GitOps repository, a local bare repository. */
  localRepository: string;
  /** A folder outside every workspace and repository, holding files nobody may touch. */
  outside: string;
  /** Meshport's GitOps state folder (mesh.gitops.stateDirectory), swept every second. */
  stateDirectory: string;
  /** Serves catalog files a user registers as a location (the backend may read from it). */
  locations: LocationServer;
  client(user: AttackUser): ScaffolderTestClient;
  /** Registers a location as a portal user would, and waits until the catalog holds the entities it names. */
  registerLocation(user: AttackUser, url: string, entityRefs: string[]): Promise<void>;
  stop(): Promise<void>;
}

const repoRoot = findRepoRoot();

async function waitForTemplates(baseUrl: string, names: string[]) {
  const authorization = mockCredentials.user.header();
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-query?filter=kind=template&limit=500`, { headers: { authorization } });
    const body: any = await response.json();
    const found = new Set((body.items ?? []).map((item: any) => item.metadata.name));
    if (names.every(name => found.has(name))) return;
    if (Date.now() > deadline) throw new Error(`the catalog lacks templates ${names.filter(name => !found.has(name)).join(', ')}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/**
 * Starts the servers, then the backend with the catalog fixture, the product's templates and the
 * templates `templates(env)` returns (they may name the servers' addresses).
 */
export async function startAttackEnvironment(
  templates: (env: Omit<AttackEnvironment, 'baseUrl' | 'client' | 'stop' | 'registerLocation'>) => RegisteredTemplate[],
): Promise<AttackEnvironment> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-attacks-'));
  const outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  const github = await new GithubTestServer(GITHUB_TOKEN).start();
  const elsewhere = await new PlainGitTestServer().start();
  const allowedPlain = await new PlainGitTestServer().start();
  const stalling = await new PlainGitTestServer().start();
  stalling.hang = true;
  const localRepository = createBareRepository(root, { 'README.md': '# GitOps\n' }, 'gitops.git');
  const locations = await new LocationServer().start();
  const stateDirectory = path.join(root, 'state');
  const partial = { root, github, elsewhere, allowedPlain, stalling, localRepository, outside, locations, stateDirectory };

  const templateDir = path.join(root, 'templates');
  const templateLocations = templates(partial).map(template => {
    const dir = path.join(templateDir, template.name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(template.files ?? {})) fs.writeFileSync(path.join(dir, file), content);
    fs.writeFileSync(path.join(dir, 'template.yaml'), stringify(templateEntity(template.name, template.steps, template.parameters)));
    return { type: 'file', target: path.join(dir, 'template.yaml') };
  });
  const productTemplates = fs
    .readdirSync(path.join(repoRoot, 'templates'))
    .map(name => ({ type: 'file', target: path.join(repoRoot, 'templates', name, 'template.yaml') }));
  const workingDirectory = path.join(root, 'scaffolder');
  fs.mkdirSync(workingDirectory);

  const backend: TestBackend = await startTestBackend({
    features: [
      catalogPlugin,
      scaffolderEntityModel,
      scaffolderPlugin,
      meshScaffolderModule,
      permissionPlugin,
      meshportDemoPermissionPolicyModule,
      teamUserInfo,
      authWithActor,
      // The real scheduler: the test backend's mock one runs a task once, and Meshport's state sweep runs every second here.
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0', workingDirectory, reading: { allow: [{ host: locations.host }] } },
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User', 'Template', 'Location'] }],
            locations: [
              { type: 'file', target: resolvePackagePath('@meshport/integration-tests', 'src/security/fixtures/catalog.yaml') },
              ...productTemplates,
              ...templateLocations,
            ],
          },
          integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: GITHUB_TOKEN }] },
          mesh: {
            gitops: {
              defaultRepoUrl: `file://${localRepository}`,
              allowLocalRepositories: true,
              allowedRepositories: [{ host: github.host, owner: 'acme' }, { host: allowedPlain.host, owner: 'allowed' }, { host: stalling.host }],
              limits: { timeoutMs: 4000, maxRepositoryBytes: 1_000_000 },
              stateDirectory,
              state: { sweepSeconds: 1 },
            },
            egress: { gatewayNamespaces: ['istio-system'] },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${(backend.server.address() as { port: number }).port}`;
  await waitForTemplates(baseUrl, ['mesh-onboard-service', ...templateLocations.map(location => path.basename(path.dirname(location.target)))]);
  return {
    ...partial,
    baseUrl,
    client: user => new ScaffolderTestClient(baseUrl, mockCredentials.user.header(`user:default/${user}`)),
    async registerLocation(user, url, entityRefs) {
      const authorization = mockCredentials.user.header(`user:default/${user}`);
      const response = await fetch(`${baseUrl}/api/catalog/locations`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'url', target: url }),
      });
      if (response.status !== 201) throw new Error(`POST /api/catalog/locations answered ${response.status}: ${await response.text()}`);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = await fetch(`${baseUrl}/api/catalog/entities/by-refs`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ entityRefs }),
        }).then(answer => answer.json() as Promise<{ items: unknown[] }>);
        if (found.items.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`the catalog did not take in ${entityRefs.join(', ')} from ${url}`);
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await backend.stop();
      await locations.stop();
      for (const server of [github, elsewhere, allowedPlain, stalling]) await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Every file under a folder, relative path to content (symbolic links are listed by their target). */
export function snapshotFolder(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (directory: string, prefix: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isSymbolicLink()) out[`${prefix}${entry.name}`] = `-> ${fs.readlinkSync(full)}`;
      else if (entry.isDirectory()) visit(full, `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = fs.readFileSync(full, 'utf8');
    }
  };
  visit(folder, '');
  return out;
}
