import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Where a service's or a namespace's mesh files live inside the GitOps repository.
 *
 * @public
 */
export interface GitOpsLayout {
  service: string;
  namespace: string;
}

/** @public */
export const DEFAULT_LAYOUT: GitOpsLayout = {
  service: 'mesh/{namespace}/{service}',
  namespace: 'mesh/{namespace}/_namespace',
};

/**
 * The layout from `mesh.gitops.layout`, with defaults.
 *
 * @public
 */
export function layoutFromConfig(config: Config): GitOpsLayout {
  return {
    service: config.getOptionalString('mesh.gitops.layout.service') ?? DEFAULT_LAYOUT.service,
    namespace: config.getOptionalString('mesh.gitops.layout.namespace') ?? DEFAULT_LAYOUT.namespace,
  };
}

/**
 * The repository-relative folder a layout pattern gives. The names put in are already validated DNS
 * labels; the pattern is checked here, because it comes from config or from a template.
 *
 * @public
 */
export function folderFor(pattern: string, names: { namespace: string; service?: string }, field = 'layout'): string {
  const folder = pattern.replace(/\{namespace\}/g, names.namespace).replace(/\{service\}/g, names.service ?? '');
  const segments = folder.split('/');
  if (!folder || folder.startsWith('/') || segments.some(segment => segment === '' || segment === '.' || segment === '..')) {
    throw new InputError(`${field}: "${pattern}" must give a relative folder such as "mesh/{namespace}/{service}"`);
  }
  if (!/^[A-Za-z0-9._\-/]+$/.test(folder)) {
    throw new InputError(`${field}: "${pattern}" may only use letters, digits, ".", "_", "-" and "/"`);
  }
  return folder;
}

/**
 * The top folders a layout puts mesh files under ("mesh" for the defaults): what Meshport reads of a
 * repository to analyze the mesh as a whole. A layout that starts with a placeholder reads everything ("").
 *
 * @public
 */
export function meshRootsOf(layout: GitOpsLayout): string[] {
  const roots = [layout.service, layout.namespace].map(pattern => pattern.split('/')[0]);
  return roots.some(root => root.includes('{')) ? [''] : [...new Set(roots)];
}
