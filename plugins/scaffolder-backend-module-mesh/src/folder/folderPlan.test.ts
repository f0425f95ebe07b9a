import { POLICY_FILE, renderPolicy } from '@meshport/plugin-mesh-common';
import { parseYaml } from '@meshport/istio-config';
import { OWNED_FILE, planFolder, storedPolicy } from './folderPlan';

const policy = { service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' as const }] } };
const withIngress = { ...policy, ingress: { hosts: ['pay.example.com'] } };

function folderFrom(plan: ReturnType<typeof planFolder>, before: Map<string, string>) {
  const after = new Map(before);
  for (const write of plan.writes) after.set(write.path, write.content);
  for (const path of plan.removes) after.delete(path);
  return after;
}

const render = (input: typeof policy, existing = new Map<string, string>()) => planFolder(existing, renderPolicy(input).files, input);

describe('planFolder', () => {
  it("writes every rendered file, the policy and Meshport's record of what it wrote into an empty folder", () => {
    const rendered = renderPolicy(policy);
    const plan = render(policy);
    expect(plan.writes.map(w => w.path).sort()).toEqual([...rendered.files.map(f => f.path), POLICY_FILE, OWNED_FILE].sort());
    expect(plan.writes.every(w => w.change === 'added')).toBe(true);
    const after = folderFrom(plan, new Map());
    expect(storedPolicy(after)).toEqual(policy);
    const [record] = parseYaml(after.get(OWNED_FILE)!) as any[];
    expect(Object.keys(record.files).sort()).toEqual(
      rendered.files
        .map(f => f.path)
        .filter(p => p !== 'kustomization.yaml')
        .sort(),
    );
    expect(Object.values(record.files).every(digest => /^sha256:[0-9a-f]{64}$/.test(digest as string))).toBe(true);
  });

  it("keeps the team's kustomization entries and files, and replaces only Meshport's", () => {
    const existing = new Map([
      ['kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: pay-\nresources:\n  - ../base\n  - extra.yaml\n'],
      ['extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n'],
      ['README.md', 'notes\n'],
    ]);
    const plan = render(policy, existing);
    const [kustomization] = parseYaml(plan.writes.find(w => w.path === 'kustomization.yaml')!.content) as any[];
    expect(kustomization.namePrefix).toBe('pay-');
    expect(kustomization.resources.slice(0, 2)).toEqual(['../base', 'extra.yaml']);
    expect(kustomization.resources).toContain('peerauthentication-payment-service.yaml');
    expect(plan.kept).toEqual(['README.md', 'extra.yaml']);
    expect(plan.removes).toEqual([]);
  });

  it('removes the files it wrote that a policy no longer needs, and drops them from the kustomization', () => {
    const afterFirst = folderFrom(render(withIngress), new Map());
    expect([...afterFirst.keys()]).toContain('gateway-payment-service-gateway.yaml');
    const second = render(policy, afterFirst);
    expect(second.removes).toEqual(expect.arrayContaining(['gateway-payment-service-gateway.yaml', 'virtualservice-payment-service-ingress.yaml']));
    const [kustomization] = parseYaml(second.writes.find(w => w.path === 'kustomization.yaml')!.content) as any[];
    expect(kustomization.resources).not.toContain('gateway-payment-service-gateway.yaml');
  });

  it("never deletes a file it did not write, even one that carries Meshport's label", () => {
    const labelled = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team\n  labels:\n    app.kubernetes.io/managed-by: meshport\n';
    const plan = render(policy, new Map([['team.yaml', labelled]]));
    expect(plan.removes).toEqual([]);
    expect(plan.kept).toEqual(['team.yaml']);
  });

  it('leaves a file it wrote and someone edited since, and says so', () => {
    const afterFirst = folderFrom(render(withIngress), new Map());
    afterFirst.set('gateway-payment-service-gateway.yaml', `${afterFirst.get('gateway-payment-service-gateway.yaml')}# edited by hand\n`);
    const second = render(policy, afterFirst);
    expect(second.removes).not.toContain('gateway-payment-service-gateway.yaml');
    expect(second.notes).toEqual([expect.stringContaining('gateway-payment-service-gateway.yaml was written by Meshport and edited since')]);
  });

  it("refuses to write over an edited file of its own, or over someone else's file of the same name", () => {
    const afterFirst = folderFrom(render(policy), new Map());
    afterFirst.set('peerauthentication-payment-service.yaml', 'kind: PeerAuthentication # mine now\n');
    expect(() => render({ ...policy, service: { ...policy.service, ports: [{ number: 9090, name: 'http', protocol: 'HTTP' }] } }, afterFirst)).toThrow(
      /peerauthentication-payment-service\.yaml: was edited by hand/,
    );
    expect(() => render(policy, new Map([['peerauthentication-payment-service.yaml', 'kind: ConfigMap\n']]))).toThrow(
      /peerauthentication-payment-service\.yaml: exists and is not Meshport's/,
    );
  });

  it('takes over a file that already holds exactly what it would write', () => {
    const first = folderFrom(render(policy), new Map());
    first.delete(OWNED_FILE);
    const again = render(policy, first);
    expect(again.writes.filter(w => w.change !== 'unchanged').map(w => w.path)).toEqual([OWNED_FILE]);
  });

  it('marks an identical re-render as unchanged', () => {
    const first = folderFrom(render(policy), new Map());
    const again = render(policy, first);
    expect(again.writes.filter(w => w.change !== 'unchanged')).toEqual([]);
    expect(again.removes).toEqual([]);
  });

  it.each([
    ['a stored policy that is a list', POLICY_FILE, '- a\n- b\n', /meshport-policy\.yaml: must hold one mapping/],
    ['a stored policy in two documents', POLICY_FILE, 'a: 1\n---\nb: 2\n', /meshport-policy\.yaml: must hold one mapping .*2 documents/],
    ['broken YAML in the kustomization', 'kustomization.yaml', 'resources: [\n', /kustomization\.yaml: cannot be read/],
    [
      'a record naming a file outside the folder',
      OWNED_FILE,
      'files:\n  ../other/x.yaml: sha256:00\n',
      /meshport-owned\.yaml: the entry "\.\.\/other\/x\.yaml"/,
    ],
    ['a record that is no mapping of files', OWNED_FILE, 'files: [a]\n', /meshport-owned\.yaml: "files" must map/],
  ])('refuses %s, naming the file', (_case, file, text, message) => {
    expect(() => render(policy, new Map([[file, text]]))).toThrow(message);
  });
});
