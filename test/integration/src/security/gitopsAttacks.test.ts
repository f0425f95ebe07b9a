import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { renderPolicy } from '@meshport/plugin-mesh-common';
import { parseYaml, toYaml } from '@meshport/istio-config';
import { cloneBranch, createBareRepository, decideRequest, git, MeshRequest, pushCommit } from '@meshport/test-harness';
import { AttackEnvironment, GITHUB_TOKEN, snapshotFolder, startAttackEnvironment, templateEntity } from './attackEnvironment';

jest.setTimeout(300_000);

// Every case is an attack by someone the threat model does not trust (a portal user, a template
// author, the GitOps repository's contents, a host a repoUrl names). Each must be refused with a clear
// error and leave nothing behind.

const PAYMENT = { entityRef: 'component:default/payment-service', namespace: 'payments', service: 'payment-service' };
const STOREFRONT = { entityRef: 'component:default/storefront', namespace: 'shop', service: 'storefront' };
const SERVICE_POLICY = { service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' as const }] } };
const FOLDER = 'mesh/payments/payment-service';
const BRANCH = 'meshport/payments/payment-service';

let env: AttackEnvironment;
let ghUrl: (repo: string) => string;

/** The three Meshport steps of a hostile template, with anything in between. */
function meshSteps(options: {
  checkoutRepo?: string;
  pullRequestRepo?: string;
  between?: unknown[];
  render?: Record<string, unknown>;
  target?: typeof PAYMENT;
}) {
  const target = options.target ?? PAYMENT;
  return [
    { id: 'checkout', action: 'mesh:gitops:checkout', input: { ...target, ...(options.checkoutRepo ? { repoUrl: options.checkoutRepo } : {}) } },
    ...(options.between ?? []),
    { id: 'render', action: 'mesh:render', input: { entityRef: target.entityRef, policy: SERVICE_POLICY, ...options.render } },
    {
      id: 'pull-request',
      action: 'mesh:gitops:pull-request',
      input: {
        title: 'Mesh configuration',
        description: '${{ steps.render.output.summary }}',
        ...(options.pullRequestRepo ? { repoUrl: options.pullRequestRepo } : {}),
      },
    },
  ];
}

function refs(repository: string): string {
  return git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
}

function errorText(result: { status: number; body: any }): string {
  return typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
}

async function expectRefused(task: { status: string; log: string[] }, message: RegExp) {
  expect({ status: task.status, mentions: message.test(task.log.join('\n')) }).toEqual({ status: 'failed', mentions: true });
}

beforeAll(async () => {
  env = await startAttackEnvironment(servers => {
    const { github, elsewhere, allowedPlain } = servers;
    const gh = (repo: string) => `${github.host}?owner=acme&repo=${repo}`;
    for (const repo of ['forged-record', 'token', 'other-folder', 'layout', 'giant-summary']) github.createRepository(`acme/${repo}`);
    const forgedUndo = github.createRepository('acme/forged-undo');
    const firstCommit = git(forgedUndo, 'rev-parse', 'main');
    pushCommit(forgedUndo, 'main', { 'apps/a.yaml': 'kind: ConfigMap\n' }, 'Second commit');
    const forgedMain = git(github.repositoryPath('acme/forged-record'), 'rev-parse', 'main');
    elsewhere.createRepository('evil/gitops');
    allowedPlain.createRepository('allowed/gitops');
    // A template that overwrites the checkout record the pull-request step used to trust.
    const forgedRecord = (name: string, repo: string, startCommit: string) => ({
      name,
      files: {
        'record.json': JSON.stringify({
          remoteUrl: `${github.baseUrl}/acme/${repo}.git`,
          branch: 'main',
          baseBranch: 'main',
          branchExisted: true,
          startCommit,
        }),
      },
      steps: meshSteps({
        checkoutRepo: gh(repo),
        pullRequestRepo: gh(repo),
        between: [
          { id: 'forge', action: 'fetch:template:file', input: { url: './record.json', targetPath: 'gitops/.git/meshport-checkout.json', replace: true } },
        ],
      }),
    });
    return [
      forgedRecord('attack-forged-record', 'forged-record', forgedMain),
      forgedRecord('attack-forged-undo', 'forged-undo', firstCommit),
      { name: 'attack-token-elsewhere', steps: meshSteps({ checkoutRepo: elsewhere.url('evil/gitops'), pullRequestRepo: gh('token') }) },
      { name: 'attack-token-allowed-host', steps: meshSteps({ checkoutRepo: allowedPlain.url('allowed/gitops'), pullRequestRepo: gh('token') }) },
      { name: 'attack-other-folder', steps: meshSteps({ checkoutRepo: gh('other-folder'), pullRequestRepo: gh('other-folder'), target: STOREFRONT }) },
      {
        name: 'attack-layout',
        steps: meshSteps({
          checkoutRepo: gh('layout'),
          pullRequestRepo: gh('layout'),
          target: STOREFRONT,
          render: { policy: { service: { name: 'storefront', namespace: 'shop', ports: [{ number: 8080, name: 'http' }] } }, layout: FOLDER },
        }),
      },
    ];
  });
  ghUrl = repo => `${env.github.host}?owner=acme&repo=${repo}`;
});

afterAll(async () => {
  await env?.stop();
});

const onboard = (repo: string, extra: Record<string, unknown> = {}) => ({
  entity: PAYMENT.entityRef,
  repoUrl: ghUrl(repo),
  ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
  ...extra,
});

describe('1. repository-local git settings cannot run programs on the backend', () => {
  it('a dry-run that writes gitops/.git/config with core.fsmonitor runs nothing', async () => {
    const marker = path.join(env.outside, 'fsmonitor-ran');
    const template = templateEntity('fsmonitor', [
      { id: 'checkout', action: 'mesh:gitops:checkout', input: PAYMENT },
      { id: 'config', action: 'fetch:template:file', input: { url: './gitconfig', targetPath: 'gitops/.git/config', replace: true } },
      { id: 'pull-request', action: 'mesh:gitops:pull-request', input: { title: 'x' } },
    ]);
    const gitconfig = `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tfsmonitor = "id > ${marker}; false"\n`;
    const result = await env.client('alice').dryRun(template, {}, { gitconfig });
    expect(fs.existsSync(marker)).toBe(false);
    expect(errorText(result)).toMatch(/gitops\/\.git/);
  });
});

describe('2. a repoUrl cannot read other repositories on the backend host', () => {
  it('a dry-run checkout of file:///<any repository> is refused and returns none of its files', async () => {
    const secret = path.join(env.root, 'secret.git');
    createBareRepository(env.root, { 'SECRET.txt': 's3cr3t-backend-file\n' }, 'secret.git');
    const template = templateEntity('read-local', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: `file://${secret}` } }]);
    const result = await env.client('alice').dryRun(template, {});
    const files = (result.body?.directoryContents ?? []).map((file: any) => Buffer.from(file.base64Content, 'base64').toString());
    expect(files.some((content: string) => content.includes('s3cr3t'))).toBe(false);
    expect(errorText(result)).toMatch(/repoUrl.*not allowed/i);
  });
});

describe('3. symbolic links in the GitOps repository never lead outside the workspace', () => {
  const victim = () => path.join(env.outside, 'victim.txt');

  beforeEach(() => {
    fs.rmSync(env.outside, { recursive: true, force: true });
    fs.mkdirSync(path.join(env.outside, 'tree', 'payment-service'), { recursive: true });
    fs.writeFileSync(victim(), 'original\n');
    fs.writeFileSync(path.join(env.outside, 'tree', 'payment-service', 'secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s3cr3t\n');
  });

  it.each([
    ['a symlinked sidecar/ folder', 'symlink-sidecar', { [`${FOLDER}/sidecar`]: { symlink: '../../../../outside' } }, `${FOLDER}/sidecar`],
    [
      'a symlink at the temporary file name',
      'symlink-temporary',
      { [`${FOLDER}/kustomization.yaml.meshport-${process.pid}.tmp`]: { symlink: 'VICTIM' } },
      `${FOLDER}/kustomization.yaml.meshport-${process.pid}.tmp`,
    ],
    ['a symlinked namespace folder', 'symlink-namespace', { 'mesh/payments': { symlink: 'TREE' } }, 'mesh/payments'],
    ['the mesh folder linked elsewhere', 'symlink-mesh', { mesh: { symlink: 'TREE' } }, 'mesh'],
  ])('%s is refused, naming the link, and nothing outside changes', async (_case, repo, links, named) => {
    const files = Object.fromEntries(
      Object.entries(links).map(([file, link]) => [
        file,
        { symlink: link.symlink.replace('VICTIM', victim()).replace('TREE', path.join(env.outside, 'tree')).replace('../../../../outside', env.outside) },
      ]),
    );
    env.github.createRepository(`acme/${repo}`, { 'README.md': '# GitOps\n', ...files });
    const before = snapshotFolder(env.outside);
    const task = await env.client('alice').run('mesh-onboard-service', onboard(repo));
    expect(snapshotFolder(env.outside)).toEqual(before);
    expect(task.log.join('\n')).not.toContain('s3cr3t');
    await expectRefused(task, new RegExp(`${named.replace(/\./g, '\\.')}.*symbolic link|symbolic link.*${named.replace(/\./g, '\\.')}`));
    expect(env.github.branchHead(`acme/${repo}`, BRANCH)).toBeUndefined();
  });
});

describe('4. a token only ever goes to the host it was issued for', () => {
  it('checkout from a host the configuration does not allow, pull request on GitHub: refused, no token leaves', async () => {
    const task = await env.client('alice').run('attack-token-elsewhere', {});
    expect(env.elsewhere.sawSecret(GITHUB_TOKEN)).toBe(false);
    await expectRefused(task, /repoUrl.*not allowed/i);
  });

  it('checkout from an allowed plain git host, pull request naming GitHub: refused, no token leaves', async () => {
    const task = await env.client('alice').run('attack-token-allowed-host', {});
    expect(env.allowedPlain.sawSecret(GITHUB_TOKEN)).toBe(false);
    await expectRefused(task, /repoUrl.*must be the repository mesh:gitops:checkout/i);
    expect(env.github.branchHead('acme/token', BRANCH)).toBeUndefined();
  });

  it('every request carrying the token went to the GitHub host it is configured for', () => {
    const carrying = env.github.seen.filter(request => request.authorization);
    expect(carrying.every(request => request.host === env.github.host)).toBe(true);
  });
});

describe('5. the workspace cannot steer where Meshport pushes', () => {
  it('a forged checkout record naming the target branch does not push to it', async () => {
    const repository = env.github.repositoryPath('acme/forged-record');
    const main = git(repository, 'rev-parse', 'main');
    const task = await env.client('alice').run('attack-forged-record', {});
    expect(git(repository, 'rev-parse', 'main')).toBe(main);
    await expectRefused(task, /gitops\/\.git/);
  });

  it('a forged record cannot make the undo path rewind the target branch', async () => {
    const repository = env.github.repositoryPath('acme/forged-undo');
    const main = git(repository, 'rev-parse', 'main');
    env.github.faults.add({ method: 'POST', path: /\/pulls$/, status: 500, body: { message: 'Server Error' } });
    const task = await env.client('alice').run('attack-forged-undo', {});
    env.github.faults.clear();
    expect(git(repository, 'rev-parse', 'main')).toBe(main);
    expect(task.status).toBe('failed');
  });
});

describe('6. only https to allowed hosts, within time and size limits', () => {
  const marker = () => path.join(env.outside, 'ssh-ran');
  let savedSshCommand: string | undefined;

  beforeAll(() => {
    // A backend host's own ssh setup: whatever runs here runs with the backend's keys and agent.
    savedSshCommand = process.env.GIT_SSH_COMMAND;
    process.env.GIT_SSH_COMMAND = `sh -c 'touch ${marker()}; exit 1' --`;
  });

  afterAll(() => {
    if (savedSshCommand === undefined) delete process.env.GIT_SSH_COMMAND;
    else process.env.GIT_SSH_COMMAND = savedSshCommand;
  });

  it.each([['ssh://git@127.0.0.1:22/acme/gitops.git'], ['git@127.0.0.1:acme/gitops.git']])('%s is refused without running ssh', async repoUrl => {
    fs.rmSync(marker(), { force: true });
    const template = templateEntity('ssh', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl } }]);
    const result = await env.client('alice').dryRun(template, {});
    expect(fs.existsSync(marker())).toBe(false);
    expect(errorText(result)).toMatch(/repoUrl/);
  });

  it('an http(s) host the configuration does not allow is never contacted', async () => {
    env.elsewhere.createRepository('internal/admin');
    const seenBefore = env.elsewhere.seen.length;
    const template = templateEntity('internal', [
      { id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: env.elsewhere.url('internal/admin') } },
    ]);
    const result = await env.client('alice').dryRun(template, {});
    expect(env.elsewhere.seen.length).toBe(seenBefore);
    expect(errorText(result)).toMatch(/repoUrl.*not allowed/i);
  });

  it('a host that never answers fails the checkout within the configured timeout', async () => {
    const template = templateEntity('stall', [
      { id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: env.stalling.url('any/gitops') } },
    ]);
    const started = Date.now();
    const result = await Promise.race([
      env.client('alice').dryRun(template, {}),
      new Promise<{ status: number; body: string }>(resolve => setTimeout(() => resolve({ status: 0, body: 'no answer within 40 s' }), 40_000)),
    ]);
    expect(errorText(result)).toMatch(/timed out after 4000 ms/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a repository over the size limit is refused', async () => {
    env.github.createRepository('acme/huge', { 'README.md': '# GitOps\n', 'mesh/payments/blob.bin': randomBytes(3_000_000) });
    const template = templateEntity('huge', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl('huge') } }]);
    const result = await env.client('alice').dryRun(template, {});
    expect(errorText(result)).toMatch(/larger than the limit/);
  });
});

describe("7. only an entity's owners change its mesh configuration, and commits say who asked", () => {
  it('a user of another team is refused, for real and in a dry-run, and nothing is pushed', async () => {
    env.github.createRepository('acme/not-yours');
    const task = await env.client('mallory').run('mesh-onboard-service', onboard('not-yours'));
    await expectRefused(task, /mesh\.gitops\.change.*component:default\/payment-service/);
    expect(env.github.branchHead('acme/not-yours', BRANCH)).toBeUndefined();
    const dry = await env
      .client('mallory')
      .dryRun(templateEntity('dry', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl('not-yours') } }]), {});
    expect(errorText(dry)).toMatch(/mesh\.gitops\.change/);
  });

  it("a template cannot point the checkout of an entity one owns at another team's folder", async () => {
    const other = await env.client('mallory').run('attack-other-folder', {});
    await expectRefused(other, /policy\.service\.namespace/);
    expect(env.github.branchHead('acme/other-folder', 'meshport/shop/storefront')).toBeUndefined();
    const layout = await env.client('mallory').run('attack-layout', {});
    await expectRefused(layout, /layout: .*cannot be set by a template/);
    expect(env.github.branchHead('acme/layout', 'meshport/shop/storefront')).toBeUndefined();
  });

  it('each commit names the requesting user in a trailer and the change request lists everyone who asked', async () => {
    env.github.createRepository('acme/trailers');
    expect((await env.client('alice').run('mesh-onboard-service', onboard('trailers'))).status).toBe('completed');
    expect((await env.client('bob').run('mesh-onboard-service', onboard('trailers', { replicas: 4 }))).status).toBe('completed');
    const repository = env.github.repositoryPath('acme/trailers');
    const trailers = git(repository, 'log', '--format=%(trailers:key=Requested-by,valueonly)', `main..${BRANCH}`).split('\n').filter(Boolean);
    expect(trailers).toEqual(['user:default/bob', 'user:default/alice']);
    const [pull] = env.github.pulls.get('acme/trailers')!;
    expect(pull.body).toMatch(/Requested by.*user:default\/alice.*user:default\/bob|Requested by.*user:default\/bob.*user:default\/alice/s);
  });
});

describe('8. Meshport deletes only what it owns and loses nothing', () => {
  const rendered = renderPolicy({ ...SERVICE_POLICY, ingress: { hosts: ['pay.example.com'] } });
  const renderedFiles = Object.fromEntries(rendered.files.map(file => [`${FOLDER}/${file.path}`, toYaml(file.objects)]));

  it('a stored policy that is not a mapping is an error naming the file, and nothing changes', async () => {
    env.github.createRepository('acme/bad-policy', { ...renderedFiles, [`${FOLDER}/meshport-policy.yaml`]: '- not\n- a mapping\n' });
    const task = await env.client('alice').run('mesh-onboard-service', onboard('bad-policy'));
    await expectRefused(task, /meshport-policy\.yaml.*mapping/);
    expect(env.github.branchHead('acme/bad-policy', BRANCH)).toBeUndefined();
  });

  it("a hand-written file carrying Meshport's label is not Meshport's to delete", async () => {
    const handWritten = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-settings\n  labels:\n    app.kubernetes.io/managed-by: meshport\n';
    env.github.createRepository('acme/labelled', { [`${FOLDER}/team-settings.yaml`]: handWritten });
    const task = await env.client('alice').run('mesh-onboard-service', onboard('labelled'));
    expect(task.status).toBe('completed');
    const clone = cloneBranch(env.github.repositoryPath('acme/labelled'), BRANCH);
    expect(fs.readFileSync(path.join(clone, FOLDER, 'team-settings.yaml'), 'utf8')).toBe(handWritten);
  });

  it("an unreadable file in another team's folder is a warning, not a block", async () => {
    env.github.createRepository('acme/broken-neighbour', { 'mesh/orders/order-service/broken.yaml': 'spec: [\n' });
    const task = await env.client('alice').run('mesh-onboard-service', onboard('broken-neighbour'));
    expect(task.status).toBe('completed');
    expect(task.log.join('\n')).toMatch(/mesh\/orders\/order-service\/broken\.yaml/);
  });

  it("a summary over the change request's limit is cut with a pointer to the full text", async () => {
    const noisy = Array.from({ length: 900 }, (_, index) =>
      [
        `apiVersion: networking.istio.io/v1`,
        'kind: VirtualService',
        'metadata:',
        `  name: noisy-${index}`,
        '  namespace: orders',
        'spec:',
        '  hosts: [orders]',
        '  http:',
        '    - route:',
        '        - destination: { host: orders }',
        '          weight: 50',
        '        - destination: { host: orders }',
        '          weight: 40',
        '',
      ].join('\n'),
    ).join('---\n');
    pushCommit(env.github.repositoryPath('acme/giant-summary'), 'main', { 'mesh/orders/noisy/virtualservices.yaml': noisy }, "Another team's routes");
    const task = await env.client('alice').run('mesh-onboard-service', onboard('giant-summary'));
    expect(task.status).toBe('completed');
    const [pull] = env.github.pulls.get('acme/giant-summary')!;
    expect(pull.body!.length).toBeLessThanOrEqual(60_000);
    expect(pull.body).toMatch(/truncated.*full summary/is);
  });
});

describe('9. protected namespaces are refused unless configured', () => {
  it.each([
    ['mesh-control', 'istio-system'],
    ['cluster-dns', 'kube-system'],
  ])('a component in %s (%s) cannot get a namespace-wide policy', async (component, namespace) => {
    const before = refs(env.localRepository);
    const task = await env.client('alice').run('mesh-onboard-namespace', { entity: `component:default/${component}`, mtlsMode: 'STRICT', denyAll: true });
    await expectRefused(task, new RegExp(`${namespace}.*protected`));
    expect(refs(env.localRepository)).toBe(before);
  });
});

describe('10. a token requirement cannot be escaped with path variants', () => {
  it('requests without a token to any spelling of a protected path are denied; public paths stay open', async () => {
    env.github.createRepository('acme/jwt');
    const callers = [{ principals: ['cluster.local/ns/orders/sa/order-service'] }];
    expect((await env.client('alice').run('mesh-onboard-service', onboard('jwt', { allowedCallers: callers }))).status).toBe('completed');
    const task = await env.client('alice').run('mesh-jwt-authentication', {
      entity: PAYMENT.entityRef,
      repoUrl: ghUrl('jwt'),
      jwt: { issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/keys', claims: [{ claim: 'role', values: ['customer'] }] },
      requireToken: true,
      publicPaths: ['/healthz'],
      // Requiring a token takes access away from order-service, which calls without one: said and accepted.
      preview: { confirmAccessLoss: ['orders/order-service'] },
    });
    expect(task.status).toBe('completed');
    const clone = cloneBranch(env.github.repositoryPath('acme/jwt'), BRANCH);
    const objects = fs
      .readdirSync(path.join(clone, FOLDER))
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file => parseYaml(fs.readFileSync(path.join(clone, FOLDER, file), 'utf8')) as any[])
      .filter(object => typeof object?.kind === 'string' && object.metadata);
    const workload = { namespace: 'payments', labels: { app: 'payment-service' } };
    const caller = { method: 'GET', sourcePrincipal: 'cluster.local/ns/orders/sa/order-service', sourceNamespace: 'orders' };
    const decide = (request: Partial<MeshRequest>) => decideRequest(objects, workload, { ...caller, path: '/', ...request });
    const variants = [
      '/api/orders',
      '//api/orders',
      '/API/orders',
      '/api/orders;jsessionid=1',
      '/api/orders/',
      '/api/./orders',
      '/%61pi/orders',
      '/healthz/../api/orders',
    ];
    expect(variants.map(variant => [variant, decide({ path: variant })])).toEqual(variants.map(variant => [variant, 'denied']));
    const customer = { issuer: 'https://auth.example.com', subject: 'u1', claims: { role: 'customer' } };
    expect(decide({ path: '//api/orders', token: { ...customer, claims: { role: 'admin' } } })).toBe('denied');
    expect(decide({ path: '/healthz' })).toBe('allowed');
    expect(decide({ path: '/api/orders', token: customer })).toBe('allowed');
  });
});
