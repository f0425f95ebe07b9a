import { Config } from '@backstage/config';
import { GitIdentity } from './git';

/** @public */
export const DEFAULT_COMMITTER: GitIdentity = { name: 'Meshport', email: 'meshport@noreply.meshport.io' };

/**
 * Who Meshport commits as, from `mesh.gitops.committer`.
 *
 * @public
 */
export function committerFromConfig(config: Config): GitIdentity {
  return {
    name: config.getOptionalString('mesh.gitops.committer.name') ?? DEFAULT_COMMITTER.name,
    email: config.getOptionalString('mesh.gitops.committer.email') ?? DEFAULT_COMMITTER.email,
  };
}

/**
 * How much of a GitOps repository Meshport reads, and how long git may take.
 *
 * @public
 */
export interface GitOpsLimits {
  /** Each git command; a host that stalls fails the step after this. */
  timeoutMs: number;
  /** What a fetch may bring in, and what the files Meshport reads may add up to. */
  maxRepositoryBytes: number;
  /** Files under the folders Meshport reads. */
  maxFiles: number;
  /** One file. */
  maxFileBytes: number;
}

/** @public */
export const DEFAULT_LIMITS: GitOpsLimits = { timeoutMs: 60_000, maxRepositoryBytes: 256 * 1024 * 1024, maxFiles: 20_000, maxFileBytes: 1024 * 1024 };

/**
 * `mesh.gitops.limits`, with defaults.
 *
 * @public
 */
export function limitsFromConfig(config: Config): GitOpsLimits {
  const read = (key: keyof GitOpsLimits) => config.getOptionalNumber(`mesh.gitops.limits.${key}`) ?? DEFAULT_LIMITS[key];
  return { timeoutMs: read('timeoutMs'), maxRepositoryBytes: read('maxRepositoryBytes'), maxFiles: read('maxFiles'), maxFileBytes: read('maxFileBytes') };
}

/**
 * Namespaces whose mesh policies act on the cluster or the mesh as a whole.
 *
 * @public
 */
export const ALWAYS_PROTECTED_NAMESPACES = ['istio-system', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The namespaces a mesh template may not change: Kubernetes' own, Istio's, and the mesh's root
 * namespace (`mesh.rootNamespace`), less those `mesh.gitops.allowProtectedNamespaces` lists.
 *
 * @public
 */
export function protectedNamespaces(config: Config): Set<string> {
  const root = config.getOptionalString('mesh.rootNamespace') ?? 'istio-system';
  const allowed = new Set(config.getOptionalStringArray('mesh.gitops.allowProtectedNamespaces') ?? []);
  return new Set([...ALWAYS_PROTECTED_NAMESPACES, root].filter(namespace => !allowed.has(namespace)));
}
