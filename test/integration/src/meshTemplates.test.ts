import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import { meshScaffolderFeatures } from './scaffolderFeatures';
import { parseYaml } from '@meshport/istio-config';
import {
  branchesOf,
  cloneBranch,
  createBareRepository,
  findRepoRoot,
  git,
  pushForeignCommit,
  readTemplate,
  runMeshport,
  ScaffolderTestClient,
} from '@meshport/test-harness';

jest.setTimeout(300_000);

const repoRoot = findRepoRoot();

function catalogConfig() {
  return {
    rules: [{ allow: ['Component', 'System', 'API', 'Group', 'User', 'Template', 'Location'] }],
    locations: [
      { type: 'file', target: path.join(repoRoot, 'catalog/org.yaml') },
      { type: 'file', target: path.join(repoRoot, 'catalog/entities.yaml') },
      ...fs.readdirSync(path.join(repoRoot, 'templates')).map(name => ({ type: 'file', target: path.join(repoRoot, 'templates', name, 'template.yaml') })),
    ],
  };
}

async function waitForTemplates(baseUrl: string, authorization: string, count: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-query?filter=kind=template&limit=100`, { headers: { authorization } });
    const body: any = await response.json();
    if ((body.items ?? []).length >= count) return;
    if (Date.now() > deadline) throw new Error(`the catalog holds ${body.items?.length} templates, expected ${count}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

function readFolderFiles(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (directory: string, prefix: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(path.join(directory, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = fs.readFileSync(path.join(directory, entry.name), 'utf8');
    }
  };
  visit(folder, '');
  return out;
}

/** The lines of one text that the other lacks, trimmed: what an edit took out of a stored file, or put in. */
function linesOnlyIn(a: string, b: string): string[] {
  const others = new Set(b.split('\n'));
  return a
    .split('\n')
    .filter(line => !others.has(line))
    .map(line => line.trim());
}

function objectsIn(files: Record<string, string>, kind: string): any[] {
  return Object.entries(files)
    .flatMap(([file, text]) => (file.endsWith('.yaml') ? parseYaml(text, file) : []))
    .filter((o: any) => o?.kind === kind);
}

describe('the mesh templates through a real scaffolder backend and a real git repository', () => {
  let backend: TestBackend;
  let client: ScaffolderTestClient;
  let workspace: string;
  let repository: string;

  beforeAll(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-templates-'));
    repository = createBareRepository(workspace, {
      'README.md': '# GitOps\n',
      'mesh/orders/order-service/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'apps/payment-service/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payment-service\n',
      'mesh/payments/payment-service/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels:\n  team: payments\nresources:\n  - ../../../apps/payment-service/deployment.yaml\n',
      'mesh/payments/payment-service/NOTES.md': 'Hand-written notes the team keeps next to its mesh files.\n',
      'mesh/shop/storefront/gateway.yaml': [
        'apiVersion: networking.istio.io/v1',
        'kind: Gateway',
        'metadata:',
        '  name: storefront-gateway',
        '  namespace: shop',
        'spec:',
        '  selector:',
        '    istio: ingressgateway',
        '  servers:',
        '    - port: { number: 443, name: https, protocol: HTTPS }',
        '      hosts: [shop.example.com]',
        '      tls: { mode: SIMPLE, credentialName: shop-tls }',
        '',
      ].join('\n'),
    });
    backend = await startTestBackend({
      features: [
        ...meshScaffolderFeatures(),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.example.test' },
            backend: { baseUrl: 'http://localhost:0', workingDirectory: workspace },
            catalog: catalogConfig(),
            mesh: { gitops: { defaultRepoUrl: `file://${repository}`, allowLocalRepositories: true } },
          },
        }),
      ],
    });
    const address = backend.server.address() as { port: number };
    const baseUrl = `http://localhost:${address.port}`;
    const authorization = mockCredentials.user.header();
    client = new ScaffolderTestClient(baseUrl, authorization);
    await waitForTemplates(baseUrl, authorization, fs.readdirSync(path.join(repoRoot, 'templates')).length);
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const paymentService = 'component:default/payment-service';
  // What the traffic-policy form sends when its defaults are kept.
  const trafficForm = (values: Record<string, unknown>) => ({
    entity: paymentService,
    algorithm: 'LEAST_REQUEST',
    maxConnections: 100,
    http1MaxPendingRequests: 50,
    timeout: '5s',
    retryAttempts: 2,
    consecutive5xxErrors: 5,
    baseEjectionTime: '30s',
    samplingPercentage: 1,
    ...values,
  });

  /** A dry run of onboard-service for payment-service (3 pods, order-service allowed to POST): the task's summary. */
  const dryRunOnboarding = async (parameters: Record<string, unknown>): Promise<string> => {
    const result = await client.dryRun(readTemplate('onboard-service'), {
      entity: paymentService,
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      replicas: 3,
      allowedCallers: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['POST'], paths: ['/api/v1/process-payment'] }],
      ...parameters,
    });
    expect(result.status).toBe(200);
    return result.body.output.text[0].content as string;
  };

  it('dry-runs onboard-service: the summary names the files, and nothing reaches the repository', async () => {
    const summary = await dryRunOnboarding({});
    expect(summary).toContain('mesh/payments/payment-service/peerauthentication-payment-service.yaml');
    expect(summary).toContain('| 3 pods |');
    expect(branchesOf(repository)).toEqual(['main']);
  });

  it('dry-runs onboard-service in ambient mode: a waypoint for the HTTP rule, no sidecar settings, nothing in the repository', async () => {
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const summary = await dryRunOnboarding({ dataPlane: 'ambient' });
    expect(summary).toContain('mesh/payments/payment-service/gateway-payment-service-waypoint.yaml');
    expect(summary).toContain('mesh/payments/payment-service/sidecar/service-patch.yaml');
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it('onboards payment-service onto a branch that passes meshport analyze and keeps what the team had', async () => {
    const task = await client.run('mesh-onboard-service', {
      entity: paymentService,
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      mtlsMode: 'STRICT',
      allowedCallers: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['POST'], paths: ['/api/v1/process-payment'] }],
    });
    expect({ status: task.status, log: task.status === 'completed' ? [] : task.log }).toEqual({ status: 'completed', log: [] });
    // A browser cannot open the plain repository: the link goes to the Mesh tab, which shows the branch and how to see it.
    expect(task.output.links[0]).toEqual({ title: 'Change request', url: 'http://portal.example.test/catalog/default/component/payment-service/mesh' });
    expect(branchesOf(repository)).toEqual(['main', 'meshport/payments/payment-service']);

    const clone = cloneBranch(repository, 'meshport/payments/payment-service');
    const folder = path.join(clone, 'mesh/payments/payment-service');
    const files = readFolderFiles(folder);
    expect(files['NOTES.md']).toBe('Hand-written notes the team keeps next to its mesh files.\n');
    const [kustomization] = parseYaml(files['kustomization.yaml']) as any[];
    expect(kustomization.commonLabels).toEqual({ team: 'payments' });
    expect(kustomization.resources[0]).toBe('../../../apps/payment-service/deployment.yaml');
    expect(kustomization.resources).toContain('peerauthentication-payment-service.yaml');
    expect(objectsIn(files, 'PeerAuthentication')[0].spec.mtls).toEqual({ mode: 'STRICT' });
    const allow = objectsIn(files, 'AuthorizationPolicy').find(p => p.spec.action === 'ALLOW' && p.spec.rules?.[0]?.from);
    expect(allow.spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/orders/sa/order-service']);
    expect(allow.spec.rules[0].to[0].operation).toEqual({ methods: ['POST'], paths: ['/api/v1/process-payment'] });

    const analysis = runMeshport(['analyze', path.join(clone, 'mesh')]);
    expect({ exitCode: analysis.exitCode, output: analysis.stdout }).toEqual({ exitCode: 0, output: expect.stringContaining('No findings.') });
  });

  const jwtForm = {
    entity: paymentService,
    jwt: {
      issuer: 'https://auth.example.com',
      jwksUri: 'https://auth.example.com/.well-known/jwks.json',
      audiences: ['payments'],
      claims: [{ claim: 'role', values: ['customer'] }],
    },
  };

  it('refuses a change that takes access away from a known caller until the user names it, and pushes nothing', async () => {
    const before = git(repository, 'rev-parse', 'meshport/payments/payment-service');
    // A claim condition on every request: order-service, which calls with no token, would be denied.
    const task = await client.run('mesh-jwt-authentication', jwtForm);
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(
      /confirmAccessLoss: this change takes access away from orders\/order-service: POST \/api\/v1\/process-payment allowed before, denied after \(sidecar at payments\/payment-service: denied by AuthorizationPolicy payments\/payment-service-jwt-claims\)/,
    );
    expect(git(repository, 'rev-parse', 'meshport/payments/payment-service')).toBe(before);
  });

  it('builds the next form on the same branch: JWT rules join the onboarding, on one branch, and the summary says who loses access', async () => {
    const before = git(repository, 'rev-parse', 'meshport/payments/payment-service');
    const task = await client.run('mesh-jwt-authentication', { ...jwtForm, preview: { confirmAccessLoss: ['orders/order-service'] } });
    expect(task.status).toBe('completed');
    expect(task.output.text?.[0]?.content ?? JSON.stringify(task.output)).toMatch(/## Who keeps access[\s\S]*\*\*loses access\*\* orders\/order-service: POST/);
    expect(git(repository, 'rev-parse', 'meshport/payments/payment-service^')).toBe(before);
    const files = readFolderFiles(path.join(cloneBranch(repository, 'meshport/payments/payment-service'), 'mesh/payments/payment-service'));
    expect(objectsIn(files, 'RequestAuthentication')[0].spec.jwtRules[0].issuer).toBe('https://auth.example.com');
    // The onboarding's caller rule is still there.
    expect(
      objectsIn(files, 'AuthorizationPolicy').some(p => p.spec.rules?.[0]?.from?.[0]?.source?.principals?.[0] === 'cluster.local/ns/orders/sa/order-service'),
    ).toBe(true);
  });

  it('re-running the same form changes nothing and pushes nothing', async () => {
    const before = git(repository, 'rev-parse', 'meshport/payments/payment-service');
    const task = await client.run('mesh-jwt-authentication', jwtForm);
    expect(task.status).toBe('completed');
    expect(git(repository, 'rev-parse', 'meshport/payments/payment-service')).toBe(before);
  });

  it('right-sizes the sidecars as an edit: only the proxy resources and the pod count change in the stored policy, and every caller keeps access', async () => {
    const storedPolicy = () => git(repository, 'show', 'meshport/payments/payment-service:mesh/payments/payment-service/meshport-policy.yaml');
    const before = storedPolicy();
    const task = await client.run('mesh-right-size-proxy', {
      entity: paymentService,
      proxyCpuRequest: '65m',
      proxyMemoryRequest: '75Mi',
      proxyMemoryLimit: '150Mi',
      replicas: 4,
    });
    expect({ status: task.status, log: task.status === 'completed' ? [] : task.log }).toEqual({ status: 'completed', log: [] });
    const after = storedPolicy();
    expect(linesOnlyIn(before, after)).toEqual(['proxyResources: {}']);
    expect(linesOnlyIn(after, before)).toEqual(['replicas: 4', 'proxyResources:', 'cpuRequest: 65m', 'memoryRequest: 75Mi', 'memoryLimit: 150Mi']);
    expect(task.output.text?.[0]?.content).toContain('Every caller Meshport knows of keeps the access it had.');
  });

  it('makes mTLS strict as an edit: only the stored mode changes, and every caller keeps access', async () => {
    const orderService = 'component:default/order-service';
    const onboarded = await client.run('mesh-onboard-service', {
      entity: orderService,
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      mtlsMode: 'PERMISSIVE',
      allowedCallers: [{ principals: ['cluster.local/ns/shop/sa/storefront'], methods: ['GET'] }],
    });
    expect({ status: onboarded.status, log: onboarded.status === 'completed' ? [] : onboarded.log }).toEqual({ status: 'completed', log: [] });
    const storedPolicy = () => git(repository, 'show', 'meshport/orders/order-service:mesh/orders/order-service/meshport-policy.yaml');
    const before = storedPolicy();
    const task = await client.run('mesh-strict-mtls', { entity: orderService });
    expect({ status: task.status, log: task.status === 'completed' ? [] : task.log }).toEqual({ status: 'completed', log: [] });
    const after = storedPolicy();
    expect({ removed: linesOnlyIn(before, after), added: linesOnlyIn(after, before) }).toEqual({ removed: ['mode: PERMISSIVE'], added: ['mode: STRICT'] });
    const files = readFolderFiles(path.join(cloneBranch(repository, 'meshport/orders/order-service'), 'mesh/orders/order-service'));
    expect(objectsIn(files, 'PeerAuthentication')[0].spec.mtls).toEqual({ mode: 'STRICT' });
    expect(task.output.text?.[0]?.content).toContain('Every caller Meshport knows of keeps the access it had.');
  });

  it('walks a canary through start, shift, promote and rollback, its own thresholds on its route for the Mesh tab to judge it by', async () => {
    const weights: number[] = [];
    const thresholds: string[] = [];
    const steps = [
      {
        step: 'start',
        stableVersion: 'v1',
        canaryVersion: 'v2',
        canaryWeight: 10,
        headerName: 'x-canary',
        headerValue: 'true',
        analysis: { minSuccessRate: 99.5, maxP99Ms: 300 },
      },
      { step: 'shift', canaryWeight: 50 },
      { step: 'promote' },
      { step: 'rollback' },
    ];
    for (const values of steps) {
      const task = await client.run('mesh-canary-release', { entity: paymentService, ...values });
      expect({ step: values.step, status: task.status }).toEqual({ step: values.step, status: 'completed' });
      const files = readFolderFiles(path.join(cloneBranch(repository, 'meshport/payments/payment-service'), 'mesh/payments/payment-service'));
      const virtualService = objectsIn(files, 'VirtualService').find(vs => vs.metadata.name === 'payment-service');
      weights.push(virtualService.spec.http.at(-1).route.find((r: any) => r.destination.subset === 'canary')?.weight ?? 0);
      thresholds.push(virtualService.metadata.annotations?.['meshport.io/canary-analysis']);
    }
    // The thresholds set at the start stay with the canary through its steps.
    expect(new Set(thresholds)).toEqual(new Set(['{"minSuccessRate":99.5,"maxP99Ms":300}']));
    expect(weights).toEqual([10, 50, 100, 0]);
  });

  it("shows a changed file's lines against what the branch held, in the change request's summary", async () => {
    const task = await client.run('mesh-traffic-policy', trafficForm({ algorithm: 'RANDOM' }));
    expect(task.status).toBe('completed');
    const summary: string = task.output.text[0].content;
    // The canary's DestinationRule gains a traffic policy: its lines are added, the subsets' are context.
    const diff = /`mesh\/payments\/payment-service\/destinationrule-payment-service.yaml`:\n\n```diff\n([\s\S]*?)\n```/.exec(summary)?.[1];
    expect(diff?.split('\n')).toEqual(expect.arrayContaining(['+    loadBalancer:', '+      simple: RANDOM', '   subsets:']));
  });

  it('exposes the service through the ingress gateway and sets its traffic policy', async () => {
    const ingress = await client.run('mesh-expose-ingress', {
      entity: paymentService,
      hosts: ['pay.example.com'],
      pathPrefix: '/api/',
      tlsCredentialName: 'pay-tls',
      httpsRedirect: true,
    });
    expect(ingress.status).toBe('completed');
    const traffic = await client.run('mesh-traffic-policy', trafficForm({ algorithm: 'ROUND_ROBIN', maxConnections: 200, timeout: '3s' }));
    expect(traffic.status).toBe('completed');
    const clone = cloneBranch(repository, 'meshport/payments/payment-service');
    const files = readFolderFiles(path.join(clone, 'mesh/payments/payment-service'));
    expect(
      objectsIn(files, 'Gateway')[0]
        .spec.servers.map((s: any) => s.port.protocol)
        .sort(),
    ).toEqual(['HTTP', 'HTTPS']);
    expect(objectsIn(files, 'DestinationRule')[0].spec.trafficPolicy.loadBalancer).toEqual({ simple: 'ROUND_ROBIN' });
    expect(runMeshport(['analyze', path.join(clone, 'mesh')]).exitCode).toBe(0);
  });

  it('refuses to move payment-service to ambient while its traffic policy retries on Envoy conditions, naming the field, and writes nothing', async () => {
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const result = await client.dryRun(readTemplate('onboard-service'), {
      entity: paymentService,
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      replicas: 3,
      dataPlane: 'ambient',
    });
    expect(JSON.stringify(result.body)).toContain('policy.traffic.retries: has no HTTPRoute equivalent');
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it('lets payment-service call two external APIs, one form run each, on its branch: TLS originated by the sidecar, TLS through the egress gateway', async () => {
    // What the egress form sends for an external API resolved by DNS.
    const external = (values: Record<string, unknown>) =>
      client.run('mesh-egress', { entity: paymentService, location: 'MESH_EXTERNAL', resolution: 'DNS', ...values });
    const cards = await external({
      name: 'card-network',
      hosts: ['api.cards.example.com'],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      tlsOriginationPort: 80,
      viaEgressGateway: false,
    });
    expect(cards.status).toBe('completed');
    const fraud = await external({
      name: 'fraud-check',
      hosts: ['fraud.example.org'],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      viaEgressGateway: true,
    });
    expect(fraud.status).toBe('completed');
    const clone = cloneBranch(repository, 'meshport/payments/payment-service');
    const files = readFolderFiles(path.join(clone, 'mesh/payments/payment-service'));
    // The second run added its entry next to the first, which it left as it was.
    expect(objectsIn(files, 'ServiceEntry').map(se => [se.metadata.name, se.spec.hosts[0], se.spec.exportTo])).toEqual([
      ['payment-service-egress-card-network', 'api.cards.example.com', ['.']],
      ['payment-service-egress-fraud-check', 'fraud.example.org', ['.', 'istio-system']],
    ]);
    expect(files['destinationrule-payment-service-egress-card-network.yaml']).toContain('mode: SIMPLE');
    expect(files['virtualservice-payment-service-egress-fraud-check.yaml']).toContain('istio-egressgateway.istio-system.svc.cluster.local');
    expect(runMeshport(['analyze', path.join(clone, 'mesh')]).exitCode).toBe(0);
  });

  it('refuses an egress entry Istio would refuse, naming the field, and writes nothing', async () => {
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const result = await client.dryRun(readTemplate('egress'), {
      entity: paymentService,
      name: 'ledger',
      location: 'MESH_INTERNAL',
      hosts: ['ledger.finance.global'],
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      resolution: 'STATIC',
      addresses: ['240.0.0.0/24'],
    });
    expect(JSON.stringify(result.body)).toMatch(/policy.egress\[\d+\].endpoints: needs at least one endpoint with STATIC resolution/);
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it('onboards a namespace on its own branch', async () => {
    const task = await client.run('mesh-onboard-namespace', { entity: 'component:default/user-service', mtlsMode: 'STRICT', denyAll: true });
    expect(task.status).toBe('completed');
    const files = readFolderFiles(path.join(cloneBranch(repository, 'meshport/users/_namespace'), 'mesh/users/_namespace'));
    expect(objectsIn(files, 'Namespace')[0].metadata.labels['istio-injection']).toBe('enabled');
    expect(objectsIn(files, 'PeerAuthentication')[0].spec.mtls.mode).toBe('STRICT');
  });

  it("moves the namespace to ambient in Istio's order, one change request per step on its branch, each keeping what the namespace had", async () => {
    const labelsAfter = async (step: string) => {
      const task = await client.run('mesh-migrate-namespace', { entity: 'component:default/user-service', to: 'ambient', step });
      expect(task.status).toBe('completed');
      const files = readFolderFiles(path.join(cloneBranch(repository, 'meshport/users/_namespace'), 'mesh/users/_namespace'));
      const labels = objectsIn(files, 'Namespace')[0].metadata.labels;
      return {
        labels: Object.keys(labels)
          .filter(key => key.startsWith('istio'))
          .sort(),
        waypoint: objectsIn(files, 'Gateway').length,
        mtls: objectsIn(files, 'PeerAuthentication')[0].spec.mtls.mode,
      };
    };
    const steps = [];
    for (const step of ['deploy-waypoint', 'use-waypoint', 'enroll', 'stop-injection']) steps.push(await labelsAfter(step));
    expect(steps).toEqual([
      { labels: ['istio-injection'], waypoint: 1, mtls: 'STRICT' },
      { labels: ['istio-injection', 'istio.io/use-waypoint'], waypoint: 1, mtls: 'STRICT' },
      { labels: ['istio-injection', 'istio.io/dataplane-mode', 'istio.io/use-waypoint'], waypoint: 1, mtls: 'STRICT' },
      { labels: ['istio.io/dataplane-mode', 'istio.io/use-waypoint'], waypoint: 1, mtls: 'STRICT' },
    ]);
    const clone = cloneBranch(repository, 'meshport/users/_namespace');
    expect(git(clone, 'log', '--format=%s', '-n', '5').split('\n').length).toBeGreaterThanOrEqual(4);
    expect(runMeshport(['analyze', path.join(clone, 'mesh')]).exitCode).toBe(0);
  });

  it('says which step a migration change makes and what comes next, and refuses to migrate a namespace Meshport does not hold', async () => {
    const step = await client.dryRun(readTemplate('migrate-namespace'), { entity: 'component:default/user-service', to: 'sidecar', step: 'restore-injection' });
    expect(step.status).toBe(200);
    const summary = step.body.output.text[0].content as string;
    expect(summary).toContain('## Migration to sidecars: step 1 of 2, restore sidecar injection');
    expect(summary).toContain('**Next:** step 2, leave ambient mode.');
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const refused = await client.dryRun(readTemplate('migrate-namespace'), { entity: paymentService, to: 'ambient', step: 'deploy-waypoint' });
    expect(JSON.stringify(refused.body)).toContain('namespacePolicy.dataPlane.migrationStep: the namespace has no Meshport policy to migrate');
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it.each([
    ['a weight over 100', 'mesh-canary-release', { step: 'shift', canaryWeight: 150 }, 'canaryWeight'],
    [
      'a non-https JWKS URL',
      'mesh-jwt-authentication',
      { jwt: { issuer: 'https://auth.example.com', jwksUri: 'http://auth.example.com/keys' } },
      'policy.jwt.rules[0].jwksUri',
    ],
    ['an invalid host name', 'mesh-expose-ingress', { hosts: ['Not A Host!'] }, 'policy.ingress.hosts[0]'],
    [
      'a YAML-breaking claim value',
      'mesh-jwt-authentication',
      { jwt: { issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/k', claims: [{ claim: 'role', values: ['a\n- b: "c'] }] } },
      'policy.jwt.claims[0].values[0]',
    ],
  ])('refuses %s with an error naming the field, before anything is pushed', async (_case, template, values, field) => {
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const task = await client.run(template, { entity: paymentService, ...values }).catch(error => ({ status: 'refused', log: [String(error)] }));
    expect(task.status).not.toBe('completed');
    expect(task.log.join('\n')).toContain(field);
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it("refuses an exposure whose Gateway would conflict with another team's, naming the finding", async () => {
    const before = git(repository, 'for-each-ref', '--format=%(refname) %(objectname)');
    const task = await client.run('mesh-expose-ingress', {
      entity: paymentService,
      hosts: ['shop.example.com'],
      pathPrefix: '/',
      tlsCredentialName: 'pay-tls',
      httpsRedirect: true,
    });
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toMatch(/Gateway payments\/payment-service-gateway.*\[MP0010\]/);
    expect(git(repository, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(before);
  });

  it('never builds over a branch someone else has moved on', async () => {
    const foreign = pushForeignCommit(repository, 'meshport/payments/payment-service', 'mesh/payments/payment-service/NOTES.md', 'Edited by hand\n');
    const task = await client.run('mesh-traffic-policy', trafficForm({ algorithm: 'RANDOM' }));
    expect(task.status).toBe('failed');
    expect(task.log.join('\n')).toContain('has commits Meshport did not make');
    expect(git(repository, 'rev-parse', 'meshport/payments/payment-service')).toBe(foreign);
  });
});
