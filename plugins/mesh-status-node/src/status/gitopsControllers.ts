import { GitOpsControllerStatus } from '@meshport/plugin-mesh-common';
import { AnalyzedObject, trimEndOf } from '@meshport/istio-config';

/** A repository path as controllers write it ("./mesh/", "mesh") in one form ("mesh"; "" for the root). */
function normalized(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return trimEndOf(path.replace(/^\.\/?/, ''), '/');
}

/** Whether a controller's path takes in the folder: the folder itself, a parent of it, or the repository's root. */
function covers(path: string | undefined, folder: string): boolean {
  const at = normalized(path);
  return at !== undefined && (at === '' || folder === at || folder.startsWith(`${at}/`));
}

/**
 * The Argo CD Applications and Flux Kustomizations that apply a folder of the GitOps repository, with
 * their sync and health (Argo CD) or Ready condition (Flux).
 *
 * @public
 */
export function gitopsControllersFor(folder: string, applications: AnalyzedObject[], kustomizations: AnalyzedObject[]): GitOpsControllerStatus[] {
  const argo = applications.flatMap(app => {
    const status: any = (app as any).status ?? {};
    const sources: Array<{ path?: string }> = [...(app.spec?.source ? [app.spec.source] : []), ...(app.spec?.sources ?? [])];
    const source = sources.find(s => covers(s?.path, folder));
    if (!source) return [];
    return [
      {
        kind: 'Application' as const,
        namespace: app.metadata.namespace ?? 'default',
        name: app.metadata.name,
        path: normalized(source.path) ?? '',
        sync: status.sync?.status,
        health: status.health?.status,
        revision: status.sync?.revision,
        message: status.health?.message,
      },
    ];
  });
  const flux = kustomizations.flatMap(kustomization => {
    if (!covers(kustomization.spec?.path, folder)) return [];
    const status: any = (kustomization as any).status ?? {};
    const ready = (status.conditions ?? []).find((c: any) => c?.type === 'Ready');
    return [
      {
        kind: 'Kustomization' as const,
        namespace: kustomization.metadata.namespace ?? 'default',
        name: kustomization.metadata.name,
        path: normalized(kustomization.spec?.path) ?? '',
        ready: ready?.status,
        revision: status.lastAppliedRevision,
        message: ready?.message,
      },
    ];
  });
  return [...argo, ...flux].map(c => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as GitOpsControllerStatus);
}
