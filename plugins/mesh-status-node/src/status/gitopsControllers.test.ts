import { gitopsControllersFor } from './gitopsControllers';

const application = (name: string, source: Record<string, unknown>, status: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  spec: source,
  status,
});
const kustomization = (name: string, path: string, ready: string, message: string) => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace: 'flux-system' },
  spec: { path },
  status: { lastAppliedRevision: 'main@sha1:abc', conditions: [{ type: 'Ready', status: ready, message }] },
});

describe('the GitOps controllers that apply a folder', () => {
  it('finds Argo CD Applications and Flux Kustomizations whose path takes in the folder, with how they stand', () => {
    const apps = [
      application(
        'mesh',
        { source: { repoURL: 'https://git.example.com/gitops', path: 'mesh' } },
        { sync: { status: 'OutOfSync', revision: 'abc' }, health: { status: 'Healthy' } },
      ),
      application('other', { source: { path: 'apps/other' } }, {}),
      application('multi', { sources: [{ path: 'charts' }, { path: './mesh/payments/' }] }, { sync: { status: 'Synced' } }),
    ];
    const flux = [kustomization('payments', './mesh/payments', 'False', 'kustomize build failed'), kustomization('root', './', 'True', 'Applied')];
    expect(gitopsControllersFor('mesh/payments/payment-service', apps as any, flux as any)).toEqual([
      { kind: 'Application', namespace: 'argocd', name: 'mesh', path: 'mesh', sync: 'OutOfSync', health: 'Healthy', revision: 'abc' },
      { kind: 'Application', namespace: 'argocd', name: 'multi', path: 'mesh/payments', sync: 'Synced' },
      {
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'payments',
        path: 'mesh/payments',
        ready: 'False',
        revision: 'main@sha1:abc',
        message: 'kustomize build failed',
      },
      { kind: 'Kustomization', namespace: 'flux-system', name: 'root', path: '', ready: 'True', revision: 'main@sha1:abc', message: 'Applied' },
    ]);
    // A folder of another name beginning alike is not taken in.
    expect(gitopsControllersFor('mesh-old/payments', apps as any, [])).toEqual([]);
  });
});
