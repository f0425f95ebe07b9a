import fs from 'node:fs';
import { git } from '@meshport/test-harness';
import { stringify } from 'yaml';
import { AttackEnvironment, startAttackEnvironment, templateEntity } from './attackEnvironment';

jest.setTimeout(300_000);

// Attacks on the tenant boundary: a team changes only what it owns, and no request stalls the backend.
// Each was reproduced on the demo portal (issue 22) before it was refused; each asserts the harm did not
// happen, not only that an error came back.

const VICTIM = { entityRef: 'component:default/victim-svc', namespace: 'victims', service: 'victim-svc' };
const VICTIM_BRANCH = 'meshport/victims/victim-svc';
const PAYMENT = { entityRef: 'component:default/payment-service', namespace: 'payments', service: 'payment-service' };

let env: AttackEnvironment;
const ghUrl = (repo: string) => `${env.github.host}?owner=acme&repo=${repo}`;

/** Two components owned by mallory that name the victim team's folders, as a location anyone may register. */
const claimLocation = () =>
  [
    ['claim-svc', 'victim-svc'],
    ['claim-fresh', 'fresh-svc'],
  ]
    .map(([name, id]) =>
      stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, annotations: { 'backstage.io/kubernetes-id': id, 'backstage.io/kubernetes-namespace': 'victims' } },
        spec: { type: 'service', lifecycle: 'production', owner: 'user:default/mallory' },
      }),
    )
    .join('---\n');

const onboard = (entity: string, repo: string, extra: Record<string, unknown> = {}) => ({
  entity,
  repoUrl: ghUrl(repo),
  ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
  ...extra,
});

/** The error a dry-run answered with, as its message says it (or the whole answer). */
function errorText(result: { body: any }): string {
  if (typeof result.body?.error?.message === 'string') return result.body.error.message;
  return typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
}

/** A dry-run of checkout and render for payment-service with the given render input. */
function renderDryRun(render: Record<string, unknown>, repo = 'lengths') {
  return env.client('alice').dryRun(
    templateEntity('dry-render', [
      { id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl(repo) } },
      { id: 'render', action: 'mesh:render', input: { entityRef: PAYMENT.entityRef, ...render } },
    ]),
    {},
  );
}

const stateFolders = () => (fs.existsSync(env.stateDirectory) ? fs.readdirSync(env.stateDirectory) : []);

async function expectNoStateWithin(ms: number) {
  const deadline = Date.now() + ms;
  while (stateFolders().length > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 250));
  expect(stateFolders()).toEqual([]);
}

beforeAll(async () => {
  env = await startAttackEnvironment(() => []);
  for (const repo of ['claims', 'alias', 'lengths', 'egress', 'state']) env.github.createRepository(`acme/${repo}`);
  // The victim team onboards its service first: its change request is open on Meshport's branch.
  const victim = await env.client('victor').run('mesh-onboard-service', onboard(VICTIM.entityRef, 'claims'));
  if (victim.status !== 'completed') throw new Error(`the victim's onboarding failed: ${victim.log.join('\n')}`);
  await env.registerLocation('mallory', env.locations.serve('claims.yaml', claimLocation()), ['component:default/claim-svc', 'component:default/claim-fresh']);
});

afterAll(async () => {
  await env?.stop();
});

describe("11. a component that claims another team's annotations changes nothing of theirs", () => {
  it("onboarding a claim on the victim's folder is refused, and the victim's open branch is unchanged", async () => {
    const repository = env.github.repositoryPath('acme/claims');
    const before = git(repository, 'rev-parse', VICTIM_BRANCH);
    const task = await env.client('mallory').run('mesh-onboard-service', onboard('component:default/claim-svc', 'claims', { denyByDefault: true }));
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(/mesh\/victims\/victim-svc belongs to component:default\/victim-svc.*component:default\/claim-svc may not change it/);
    expect(git(repository, 'rev-parse', VICTIM_BRANCH)).toBe(before);
    expect(git(repository, 'log', '--format=%(trailers:key=Requested-by,valueonly)', `main..${VICTIM_BRANCH}`).trim()).toBe('user:default/victor');
  });

  it('a claim on a folder nobody has written yet is refused while another team names it, naming both entities', async () => {
    const task = await env.client('mallory').run('mesh-onboard-service', onboard('component:default/claim-fresh', 'claims'));
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(/component:default\/claim-fresh.*component:default\/fresh-svc/);
    expect(env.github.branchHead('acme/claims', 'meshport/victims/fresh-svc')).toBeUndefined();
  });

  it("a namespace-wide change through the claim is refused: mallory does not own the namespace's components", async () => {
    const before = env.github.branchHead('acme/claims', 'meshport/victims/_namespace');
    const task = await env
      .client('mallory')
      .run('mesh-onboard-namespace', { entity: 'component:default/claim-svc', repoUrl: ghUrl('claims'), mtlsMode: 'STRICT', denyAll: true });
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(/whole namespace victims needs its owners.*does not own component:default\/(victim|fresh)-svc/);
    expect(env.github.branchHead('acme/claims', 'meshport/victims/_namespace')).toBe(before);
  });

  it("while another team's components name the namespace, even its own team is refused until the catalog is fixed", async () => {
    const task = await env
      .client('victor')
      .run('mesh-onboard-namespace', { entity: VICTIM.entityRef, repoUrl: ghUrl('claims'), mtlsMode: 'STRICT', denyAll: false });
    // claim-svc and claim-fresh are mallory's: the catalog no longer says victor owns the whole namespace, and
    // Meshport fails closed (mesh.gitops.namespaceOwners settles such a namespace for good).
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(/does not own component:default\/claim-(svc|fresh)/);
  });

  it('once recorded, a folder stays with its entity: a second entity of the same team is refused', async () => {
    const first = await env.client('alice').run('mesh-onboard-service', onboard(PAYMENT.entityRef, 'alias'));
    expect(first.status).toBe('completed');
    const head = env.github.branchHead('acme/alias', 'meshport/payments/payment-service');
    const alias = await env.client('alice').run('mesh-onboard-service', onboard('component:default/payment-alias', 'alias', { replicas: 3 }));
    expect(alias.status).toBe('failed');
    expect(alias.log.join('\n')).toMatch(/belongs to component:default\/payment-service/);
    expect(env.github.branchHead('acme/alias', 'meshport/payments/payment-service')).toBe(head);
  });
});

describe('12. no input stalls the backend: lengths before patterns, sizes capped', () => {
  it('a 100,000-character quantity is refused by its length rule, not its pattern', async () => {
    const cpuRequest = `${'1'.repeat(100_000)}x`;
    const result = await renderDryRun({ policy: { service: { ports: [{ number: 8080, name: 'http' }] }, injection: { proxyResources: { cpuRequest } } } });
    const text = errorText(result);
    expect(text).toMatch(/policy\.injection\.proxyResources\.cpuRequest: must be at most 32 characters/);
    expect(text).not.toMatch(/must be a Kubernetes quantity/);
  });

  it('a policy over the size a render takes is refused, naming the cap', async () => {
    const paths = Array.from({ length: 3000 }, (_, index) => `/${'p'.repeat(90)}/${index}`);
    const result = await renderDryRun({ policy: { service: { ports: [{ number: 8080, name: 'http' }] }, authorization: { healthCheckPaths: paths } } });
    expect(errorText(result)).toMatch(/policy: is \d+ bytes as JSON, over the limit of 262144 bytes a render takes/);
  });

  it('a repoUrl of 100,000 slashes is refused by its length', async () => {
    const result = await env
      .client('alice')
      .dryRun(
        templateEntity('slashes', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: `file:///tmp${'/'.repeat(100_000)}` } }]),
        {},
      );
    expect(errorText(result)).toMatch(/repoUrl: is 100011 characters long, over the limit of 2048/);
  });
});

describe('13. egress stays inside its owner’s reach', () => {
  it("egress through a gateway in another team's namespace is refused, naming the field", async () => {
    const egress = [
      {
        name: 'partner',
        hosts: ['api.partner.example'],
        ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
        resolution: 'STATIC',
        endpoints: [{ address: '10.0.0.9' }],
        egressGateway: { namespace: 'orders' },
      },
    ];
    const result = await renderDryRun({ policy: { service: { ports: [{ number: 8080, name: 'http' }] }, egress } }, 'egress');
    expect(errorText(result)).toMatch(/policy\.egress\[0\]\.egressGateway\.namespace: "orders" is not a namespace the portal runs egress gateways in/);
    expect(env.github.branchHead('acme/egress', 'meshport/payments/payment-service')).toBeUndefined();
  });
});

describe("14. a task's state goes when the task is done with it", () => {
  it('a dry-run of the whole flow leaves no state behind', async () => {
    const template = templateEntity('dry-flow', [
      { id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl('state') } },
      { id: 'render', action: 'mesh:render', input: { entityRef: PAYMENT.entityRef, policy: { service: { ports: [{ number: 8080, name: 'http' }] } } } },
      { id: 'pull-request', action: 'mesh:gitops:pull-request', input: { title: 'Mesh configuration' } },
    ]);
    const result = await env.client('alice').dryRun(template, {});
    expect(result.status).toBe(200);
    expect(stateFolders()).toEqual([]);
  });

  it('a dry-run that stops after the checkout leaves no state once the sweep has run', async () => {
    const template = templateEntity('dry-checkout', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl('state') } }]);
    expect((await env.client('alice').dryRun(template, {})).status).toBe(200);
    await expectNoStateWithin(15_000);
  });

  it('a task that fails in a Meshport step leaves no state behind', async () => {
    const task = await env.client('alice').run('mesh-onboard-service', {
      ...onboard(PAYMENT.entityRef, 'state'),
      ports: [{ number: 8080, name: 'HTTP Port!', protocol: 'HTTP' }],
    });
    expect(task.status).toBe('failed');
    expect(stateFolders()).toEqual([]);
  });
});

describe('15. every call to a git host has a timeout', () => {
  it('a GitHub API that never answers fails the checkout within the configured timeout', async () => {
    env.github.createRepository('acme/stalls');
    env.github.faults.add({ method: 'GET', path: /^\/repos\/acme\/stalls$/, hang: true });
    const started = Date.now();
    const result = await env
      .client('alice')
      .dryRun(templateEntity('stalls', [{ id: 'checkout', action: 'mesh:gitops:checkout', input: { ...PAYMENT, repoUrl: ghUrl('stalls') } }]), {});
    env.github.faults.clear();
    expect(errorText(result)).toMatch(/GitHub \(.*\) gave no answer within 4000 ms \(mesh\.gitops\.limits\.timeoutMs\)/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
