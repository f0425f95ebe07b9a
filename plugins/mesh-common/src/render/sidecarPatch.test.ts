import { renderPolicy } from './renderPolicy';

const service = { name: 'ledger', namespace: 'finance', ports: [{ number: 8080 }] };

describe('the sidecar patch', () => {
  it.each([
    ['Deployment', 'apps/v1', { group: 'apps', version: 'v1' }, 'deployment-patch.yaml'],
    ['StatefulSet', 'apps/v1', { group: 'apps', version: 'v1' }, 'statefulset-patch.yaml'],
    ['DaemonSet', 'apps/v1', { group: 'apps', version: 'v1' }, 'daemonset-patch.yaml'],
    ['Rollout', 'argoproj.io/v1alpha1', { group: 'argoproj.io', version: 'v1alpha1' }, 'rollout-patch.yaml'],
  ] as const)('targets a %s by kind, group and name, and patches its pod template', (workloadKind, apiVersion, target, file) => {
    const rendered = renderPolicy({ service: { ...service, workloadKind, workloadName: 'ledger-db' } });
    expect(rendered.sidecarPatch).toMatchObject({
      apiVersion,
      kind: workloadKind,
      metadata: { name: 'ledger-db', namespace: 'finance' },
      spec: { template: { metadata: { labels: { 'sidecar.istio.io/inject': 'true' } } } },
    });
    const component = rendered.files.find(f => f.path === 'sidecar/kustomization.yaml')!.objects[0] as any;
    expect(component.patches).toEqual([{ path: file, target: { ...target, kind: workloadKind, name: 'ledger-db' } }]);
    expect(rendered.files.map(f => f.path)).toContain(`sidecar/${file}`);
  });

  it('patches the Deployment named after the service by default', () => {
    expect(renderPolicy({ service }).sidecarPatch).toMatchObject({ kind: 'Deployment', metadata: { name: 'ledger' } });
  });
});
