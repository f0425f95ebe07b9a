import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { minimalPolicyExample, namespacePolicyExample, parseYaml, paymentServicePolicyExample, toYaml } from '@meshport/plugin-mesh-common';
import { runAnalyze } from './analyze';
import { runOverhead } from './overhead';
import { runRender } from './render';

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
    const policy = { ...minimalPolicyExample, service: { ...minimalPolicyExample.service, name: 'Bad Name' }, canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 101 } };
    const result = runRender({ policy: writePolicy(dir, policy), out: path.join(dir, 'out') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toEqual([expect.stringContaining('invalid policy'), expect.stringMatching(/^service\.name: /), expect.stringMatching(/^canary\.canaryWeight: must be at most 100/)]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('meshport analyze', () => {
  it('prints findings as JSON with "Kind namespace/name" resources and exits 1 on an error', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'vs.yaml'),
      toYaml([
        { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'cart', namespace: 'shop' }, spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart' }, weight: 90 }, { destination: { host: 'cart' }, weight: 20 }] }] } },
        { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'shop' }, spec: { mtls: { mode: 'PERMISSIVE' } } },
      ]),
    );
    const result = runAnalyze({ paths: [dir], json: true });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout[0])).toEqual([
      { code: 'MP0001', level: 'error', resource: 'VirtualService shop/cart', message: 'The weights of http route 0 add up to 110, not 100', path: 'spec.http[0].route' },
      { code: 'MP0006', level: 'info', resource: 'PeerAuthentication shop/default', message: expect.any(String), path: 'spec.mtls.mode' },
    ]);
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
});

describe('the shipped example policies', () => {
  it('are the library\'s examples', () => {
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
