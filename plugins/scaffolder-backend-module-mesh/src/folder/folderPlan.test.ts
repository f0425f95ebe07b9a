import { parseYaml, renderPolicy } from '@meshport/plugin-mesh-common';
import { planFolder, POLICY_FILE, storedPolicy } from './folderPlan';

const policy = { service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' as const }] } };
const withIngress = { ...policy, ingress: { hosts: ['pay.example.com'] } };

function folderFrom(plan: ReturnType<typeof planFolder>, before: Map<string, string>) {
  const after = new Map(before);
  for (const write of plan.writes) after.set(write.path, write.content);
  for (const path of plan.removes) after.delete(path);
  return after;
}

describe('planFolder', () => {
  it('writes every rendered file and the policy into an empty folder', () => {
    const rendered = renderPolicy(policy);
    const plan = planFolder(new Map(), rendered.files, policy);
    expect(plan.writes.map(w => w.path).sort()).toEqual([...rendered.files.map(f => f.path), POLICY_FILE].sort());
    expect(plan.writes.every(w => w.change === 'added')).toBe(true);
    expect(storedPolicy(folderFrom(plan, new Map()))).toEqual(policy);
  });

  it('keeps the team\'s kustomization entries and files, and replaces only Meshport\'s', () => {
    const existing = new Map([
      ['kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: pay-\nresources:\n  - ../base\n  - extra.yaml\n'],
      ['extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n'],
      ['README.md', 'notes\n'],
    ]);
    const plan = planFolder(existing, renderPolicy(policy).files, policy);
    const [kustomization] = parseYaml(plan.writes.find(w => w.path === 'kustomization.yaml')!.content) as any[];
    expect(kustomization.namePrefix).toBe('pay-');
    expect(kustomization.resources.slice(0, 2)).toEqual(['../base', 'extra.yaml']);
    expect(kustomization.resources).toContain('peerauthentication-payment-service.yaml');
    expect(plan.kept).toEqual(['README.md', 'extra.yaml']);
    expect(plan.removes).toEqual([]);
  });

  it('removes the files a policy no longer needs, and drops them from the kustomization', () => {
    const first = planFolder(new Map(), renderPolicy(withIngress).files, withIngress);
    const afterFirst = folderFrom(first, new Map());
    expect([...afterFirst.keys()]).toContain('gateway-payment-service-gateway.yaml');

    const second = planFolder(afterFirst, renderPolicy(policy).files, policy);
    expect(second.removes).toEqual(expect.arrayContaining(['gateway-payment-service-gateway.yaml', 'virtualservice-payment-service-ingress.yaml']));
    const [kustomization] = parseYaml(second.writes.find(w => w.path === 'kustomization.yaml')!.content) as any[];
    expect(kustomization.resources).not.toContain('gateway-payment-service-gateway.yaml');
  });

  it('marks an identical re-render as unchanged', () => {
    const first = folderFrom(planFolder(new Map(), renderPolicy(policy).files, policy), new Map());
    const again = planFolder(first, renderPolicy(policy).files, policy);
    expect(again.writes.filter(w => w.change !== 'unchanged')).toEqual([]);
    expect(again.removes).toEqual([]);
  });

  it('names the file when the repository holds broken YAML', () => {
    expect(() => planFolder(new Map([['kustomization.yaml', 'resources: [\n']]), renderPolicy(policy).files, policy)).toThrow(/kustomization\.yaml/);
  });
});
