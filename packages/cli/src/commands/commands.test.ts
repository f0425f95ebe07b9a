import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ambientWaypointPolicyExample, minimalPolicyExample, namespacePolicyExample, paymentServicePolicyExample } from '@meshport/plugin-mesh-common';
import { parseYaml, toYaml } from '@meshport/istio-config';
import { writeDemoSnapshot } from '@meshport/test-harness/demo';
import { runAnalyze } from './analyze';
import { runOverhead } from './overhead';
import { runRender } from './render';
import { runStatus } from './status';

const examples = path.resolve(__dirname, '..', '..', 'examples');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-cli-'));
}

function writePolicy(dir: string, policy: unknown, name = 'policy.yaml') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, toYaml([policy]));
  return file;
}

describe('meshport render', () => {
  it('writes every file of the policy, each parsing back to the objects it lists', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const result = runRender({ policy: path.join(examples, 'payment-service.policy.yaml'), out });
    expect(result.exitCode).toBe(0);
    expect(result.stdout[0]).toBe(`Wrote 14 files to ${out}:`);
    const kustomization = parseYaml(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8'))[0] as { resources: string[] };
    expect(kustomization.resources).toHaveLength(11);
    for (const file of kustomization.resources) {
      const [object] = parseYaml(fs.readFileSync(path.join(out, file), 'utf8')) as Array<{ kind: string; metadata: { namespace: string } }>;
      expect(object.metadata.namespace).toBe('payments');
    }
    expect(fs.existsSync(path.join(out, 'sidecar', 'deployment-patch.yaml'))).toBe(true);
    expect(result.stdout.join('\n')).toMatch(/sidecar share of the app: requests cpu 20%, memory 25%/);
  });

  it('renders a namespace policy', () => {
    const dir = tempDir();
    const result = runRender({ policy: writePolicy(dir, namespacePolicyExample), out: path.join(dir, 'out') });
    expect(result.exitCode).toBe(0);
    const namespace = parseYaml(fs.readFileSync(path.join(dir, 'out', 'namespace-payments.yaml'), 'utf8'))[0];
    expect(namespace).toMatchObject({ kind: 'Namespace', metadata: { labels: { 'istio-injection': 'enabled' } } });
  });

  it('exits 2 on an invalid policy, naming each field, and writes nothing', () => {
    const dir = tempDir();
    const policy = {
      ...minimalPolicyExample,
      service: { ...minimalPolicyExample.service, name: 'Bad Name' },
      canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 101 },
    };
    const result = runRender({ policy: writePolicy(dir, policy), out: path.join(dir, 'out') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toEqual([
      expect.stringContaining('invalid policy'),
      expect.stringMatching(/^service\.name: /),
      expect.stringMatching(/^canary\.canaryWeight: must be at most 100/),
    ]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('meshport analyze', () => {
  it('prints findings as JSON with "Kind namespace/name" resources and exits 1 on an error', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'vs.yaml'),
      toYaml([
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'cart', namespace: 'shop' },
          // Weights of 90 and 20: MP0001.
          spec: { hosts: ['cart'], http: [{ route: [90, 20].map(weight => ({ destination: { host: 'cart' }, weight })) }] },
        },
        {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: { name: 'default', namespace: 'shop' },
          spec: { mtls: { mode: 'PERMISSIVE' } },
        },
      ]),
    );
    const result = runAnalyze({ paths: [dir], json: true });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout[0])).toEqual([
      {
        code: 'MP0001',
        level: 'error',
        resource: 'VirtualService shop/cart',
        message: 'The weights of http route 0 add up to 110, not 100',
        path: 'spec.http[0].route',
      },
      { code: 'MP0006', level: 'info', resource: 'PeerAuthentication shop/default', message: expect.any(String), path: 'spec.mtls.mode' },
    ]);
  });

  it('with --cluster, reads the files as a whole cluster: a route to a Service the files lack is then an error', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'vs.yaml'),
      toYaml([
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'cart', namespace: 'shop' },
          spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart' } }] }] },
        },
      ]),
    );
    expect(runAnalyze({ paths: [dir], json: true }).exitCode).toBe(0);
    const cluster = runAnalyze({ paths: [dir], json: true, cluster: true });
    expect({ exitCode: cluster.exitCode, findings: JSON.parse(cluster.stdout[0]).map((f: any) => `${f.code} ${f.message}`) }).toEqual({
      exitCode: 1,
      findings: ['IST0101 Referenced host not found: "cart"'],
    });
  });

  it('exits 0 on what render wrote, reading patches as patches and not as workloads', () => {
    const dir = tempDir();
    runRender({ policy: path.join(examples, 'payment-service.policy.yaml'), out: dir });
    const result = runAnalyze({ paths: [dir] });
    expect(result).toEqual({ exitCode: 0, stdout: ['Analyzed 11 objects from 14 files.', 'No findings.'], stderr: [] });
  });
});

describe('meshport overhead', () => {
  it('prints the estimate as JSON', () => {
    const result = runOverhead({ policy: path.join(examples, 'payment-service.policy.yaml'), json: true });
    expect(JSON.parse(result.stdout[0])).toMatchObject({ replicas: 3, sharePercent: { requests: { cpu: 20, memory: 25 } } });
  });

  it('puts sidecar and ambient side by side with --data-plane both', () => {
    const policy = writePolicy(tempDir(), ambientWaypointPolicyExample);
    const result = runOverhead({ policy, dataPlane: 'both', podsPerNode: '10' });
    expect(result).toEqual({
      exitCode: 0,
      stderr: [],
      stdout: [
        'Data plane cost for 3 pod(s):',
        'sidecar: requests 300m CPU, 384Mi memory',
        '  sidecar x 3: one proxy in each of 3 pod(s); each requests 100m CPU, 128Mi memory',
        "ambient (the policy's choice): requests 160m CPU, 281.6Mi memory",
        '  ztunnel x 0.3: 3 pod(s) of the 10 on a node share its ztunnel; each requests 200m CPU, 512Mi memory',
        '  waypoint x 1: one waypoint replica of its own, for the rules that need HTTP; each requests 100m CPU, 128Mi memory',
        'ambient saves 140m CPU, 102.4Mi memory of requests against sidecars',
        '  a waypoint is needed because: authorization.allow.0 allows callers by method or path; authorization.healthCheckPaths lets the ingress gateway probe paths; jwt checks end-user tokens; canary splits HTTP traffic between versions; telemetry traces requests',
      ],
    });
  });

  it.each([
    [{ dataPlane: 'hybrid' }, '--data-plane: must be one of sidecar, ambient, both, not "hybrid"'],
    [{ dataPlane: 'both', podsPerNode: '0' }, '--pods-per-node: must be a whole number of 1 or more, not "0"'],
  ])('refuses %j, naming the option', (options, message) => {
    expect(runOverhead({ policy: path.join(examples, 'payment-service.policy.yaml'), ...options })).toEqual({ exitCode: 2, stdout: [], stderr: [message] });
  });
});

describe('the shipped example policies', () => {
  it("are the library's examples", () => {
    const read = (name: string) => parseYaml(fs.readFileSync(path.join(examples, name), 'utf8'))[0];
    expect(read('payment-service.policy.yaml')).toEqual(paymentServicePolicyExample);
    expect(read('user-service.policy.yaml')).toEqual(minimalPolicyExample);
    expect(read('payments.namespace-policy.yaml')).toEqual(namespacePolicyExample);
  });
});

describe('the meshport executable', () => {
  it('runs from bin/ with exit codes and output on the right streams', () => {
    const bin = path.resolve(__dirname, '..', '..', 'bin', 'meshport');
    const dir = tempDir();
    const bad = writePolicy(dir, { service: { name: 'x', namespace: 'y', ports: [{ number: 70000 }] } });
    const run = spawnSync(process.execPath, [bin, 'render', '--policy', bad, '--out', path.join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('service.ports[0].number: must be at most 65535');
    const missing = spawnSync(process.execPath, [bin, 'overhead', '--policy', path.join(dir, 'nope.yaml')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^meshport: .*nope\.yaml/);
  });
});

describe('meshport status', () => {
  const snapshot = path.join(tempDir(), 'cluster-snapshot');
  beforeAll(() => writeDemoSnapshot(snapshot));
  afterAll(() => fs.rmSync(path.dirname(snapshot), { recursive: true, force: true }));

  /** The status lines of an app of the demo snapshot, once the command has succeeded. */
  const statusText = (namespace: string, app: string) => {
    const result = runStatus({ snapshot, namespace, selector: `app=${app}` });
    expect(result.exitCode).toBe(0);
    return result.stdout.join('\n');
  };

  it("reads payment-service's status from the demo snapshot: injection, mTLS per port, canary, overhead", () => {
    const text = statusText('payments', 'payment-service');
    expect(text).toContain('Sidecar injection: 4/4 pods injected; proxies 1.30.0; 0 not ready');
    expect(text).toContain('payment-service-v2-5f6b9d7c2-x7k2p: native proxy 1.30.0');
    expect(text).toContain('payment-service-v1 workload port 9090: PERMISSIVE (workload, PeerAuthentication payments/payment-service)');
    expect(text).toContain('Canary: v1 90% (3/3 pods ready), v2 10% (1/1 pods ready)');
    expect(text).toContain("Sidecar requests: 400m CPU, 512Mi memory; 40% of the app's cpu, 50% of its memory");
  });

  it("reads inventory-service's ambient enrollment from the demo snapshot: redirection, ztunnel per node, waypoint, where policies are enforced", () => {
    const lines = statusText('inventory', 'inventory-service').split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Data plane: ambient',
        'Ambient: 3/3 pods; 0 not redirected or without a ready ztunnel',
        '  waypoint inventory/inventory-service-waypoint (for service, bound by service): 1/1 pods ready',
        '  inventory-service-v1-7d9c5b8f4-x7k2p: ambient on node-1 (ztunnel istio-system/ztunnel-4kx9p), waypoint inventory/inventory-service-waypoint, 1 restarts',
      ]),
    );
    expect(lines.find(line => line.startsWith('Authorization policies:'))).toBe(
      'Authorization policies: inventory/inventory-service-callers (ALLOW, service, enforced by waypoint), inventory/inventory-service-waypoint-only (DENY, workload, enforced by ztunnel)',
    );
  });

  it('prints JSON with --json, the same shape the status API returns per cluster', () => {
    const result = runStatus({ snapshot, namespace: 'orders', selector: 'backstage.io/kubernetes-id=order-service', json: true });
    const status = JSON.parse(result.stdout[0]);
    expect(status.workloads).toMatchObject({ totalPods: 2, injectedPods: 2, notReadyProxies: 1 });
    expect(status.workloads.namespaces).toEqual([{ name: 'orders', injection: 'revision', revision: 'default' }]);
    expect(status.security.mtls[0].ports[0]).toEqual({ port: '*', mode: 'STRICT', source: 'workload', policy: 'PeerAuthentication orders/order-service' });
    expect(status.security.dryRun).toEqual({
      policies: ['orders/order-service-allow-callers', 'orders/order-service-deny-by-default'],
      window: expect.any(String),
      unavailable: expect.any(String),
    });
  });

  it('exits 1 when nothing matches, and the real binary exits 2 on a malformed selector', () => {
    const none = runStatus({ snapshot, namespace: 'payments', selector: 'app=no-such-app' });
    expect({ exitCode: none.exitCode, stderr: none.stderr }).toEqual({
      exitCode: 1,
      stderr: ['meshport: no pods or deployments match "app=no-such-app" in namespace payments'],
    });
    const bin = path.resolve(__dirname, '..', '..', 'bin', 'meshport');
    const malformed = spawnSync(process.execPath, [bin, 'status', '--snapshot', snapshot, '--selector', 'app in (a'], { encoding: 'utf8' });
    expect({ status: malformed.status, stderr: malformed.stderr }).toEqual({ status: 2, stderr: expect.stringContaining('label selector "app in (a"') });
  });
});
