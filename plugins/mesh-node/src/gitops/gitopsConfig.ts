import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GitIdentity } from './git';

export const DEFAULT_COMMITTER: GitIdentity = { name: 'Meshport', email: 'meshport@noreply.meshport.io' };

/** The repository a form's repoUrl names, or the portal's default one. */
export function repoUrlOrDefault(config: Config, repoUrl: string | undefined): string {
  const chosen = repoUrl?.trim() || config.getOptionalString('mesh.gitops.defaultRepoUrl');
  if (!chosen) throw new InputError('repoUrl: is required (the portal sets no mesh.gitops.defaultRepoUrl)');
  return chosen;
}

/** Who Meshport commits as, from `mesh.gitops.committer`. */
export function committerFromConfig(config: Config): GitIdentity {
  return {
    name: config.getOptionalString('mesh.gitops.committer.name') ?? DEFAULT_COMMITTER.name,
    email: config.getOptionalString('mesh.gitops.committer.email') ?? DEFAULT_COMMITTER.email,
  };
}
