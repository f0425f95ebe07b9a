import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { trimEndOf } from '@meshport/istio-config';
import { matchesWildcard } from './wildcard';

/**
 * A GitOps repository a form or the configuration named, parsed and allowed.
 *
 * @public
 */
export interface GitOpsRepository {
  /** The repoUrl as given (validated), for resolving it again in a later step. */
  repoUrl: string;
  /** "integration": a host of `integrations` a GitOps provider serves (GitHub, GitLab, an installation's own); "git": any https remote; "local": file://. */
  kind: 'integration' | 'git' | 'local';
  /** "github.com", "git.example.com:8443"; empty for a local repository. */
  host: string;
  /** "acme/gitops", "group/sub/project"; the absolute path for a local repository. */
  path: string;
  /** For plain git and local repositories: the URL git fetches and pushes. */
  cloneUrl?: string;
  /** One string per repository, for telling whether two steps name the same one. */
  id: string;
}

/**
 * A `mesh.gitops.allowedRepositories` entry: a host with owner and repository patterns, or a local path pattern.
 *
 * @public
 */
export interface AllowedRepositoryPattern {
  host?: string;
  owner?: string;
  repo?: string;
  path?: string;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The longest repoUrl Meshport reads; checked before any pattern sees it. */
export const MAX_REPO_URL_LENGTH = 2048;

/** `owner` and `repo` of a repository path: the last segment is the repository, the rest its owner (GitLab's subgroups included). */
export function ownerAndRepo(path: string) {
  const slash = path.lastIndexOf('/');
  return { owner: path.slice(0, slash), repo: path.slice(slash + 1) };
}

function validPath(path: string): boolean {
  const segments = path.split('/');
  return segments.length >= 2 && segments.every(segment => SEGMENT.test(segment) && segment !== '..');
}

function refused(field: string, repoUrl: string, why: string): NotAllowedError {
  return new NotAllowedError(`${field}: "${repoUrl}" is not allowed: ${why}`);
}

/**
 * Which repositories the mesh templates may read and push: the configured default, those
 * `mesh.gitops.allowedRepositories` lists, and local ones only when `mesh.gitops.allowLocalRepositories`
 * is on. Every URL a form or template names is untrusted: ssh (the backend's own keys), other
 * transports, URLs with credentials and hosts the configuration does not name are refused before
 * anything is contacted.
 *
 * @public
 */
export class RepositoryPolicy {
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly options: {
      defaultRepoUrl?: string;
      allowed: AllowedRepositoryPattern[];
      allowLocal: boolean;
      /** The integration types a GitOps provider serves (`GitOpsProviders.integrationTypes`); GitHub and GitLab by default. */
      integrationTypes?: readonly string[];
    },
  ) {}

  static fromConfig(config: Config, integrations: ScmIntegrationRegistry, integrationTypes?: readonly string[]): RepositoryPolicy {
    const allowed = (config.getOptionalConfigArray('mesh.gitops.allowedRepositories') ?? []).map(entry => ({
      host: entry.getOptionalString('host')?.toLowerCase(),
      owner: entry.getOptionalString('owner'),
      repo: entry.getOptionalString('repo'),
      path: entry.getOptionalString('path'),
    }));
    return new RepositoryPolicy(integrations, {
      defaultRepoUrl: config.getOptionalString('mesh.gitops.defaultRepoUrl'),
      allowed,
      allowLocal: config.getOptionalBoolean('mesh.gitops.allowLocalRepositories') ?? false,
      ...(integrationTypes ? { integrationTypes } : {}),
    });
  }

  /** The repository a form names, or the default when it names none; refused unless allowed. */
  resolve(repoUrl: string | undefined, field = 'repoUrl'): GitOpsRepository {
    if (repoUrl && repoUrl.length > MAX_REPO_URL_LENGTH) {
      throw new InputError(`${field}: is ${repoUrl.length} characters long, over the limit of ${MAX_REPO_URL_LENGTH}`);
    }
    const given = repoUrl?.trim();
    if (!given) {
      if (!this.options.defaultRepoUrl) throw new InputError(`${field}: is required (the portal sets no mesh.gitops.defaultRepoUrl)`);
      return this.check(this.parse(this.options.defaultRepoUrl, 'mesh.gitops.defaultRepoUrl'), 'mesh.gitops.defaultRepoUrl', true);
    }
    const repository = this.parse(given, field);
    const isDefault = this.options.defaultRepoUrl !== undefined && this.safeId(this.options.defaultRepoUrl) === repository.id;
    return this.check(repository, field, isDefault);
  }

  private safeId(repoUrl: string): string | undefined {
    try {
      return this.parse(repoUrl, 'mesh.gitops.defaultRepoUrl').id;
    } catch {
      return undefined;
    }
  }

  private check(repository: GitOpsRepository, field: string, isDefault: boolean): GitOpsRepository {
    if (repository.kind === 'local' && !this.options.allowLocal) {
      throw refused(field, repository.repoUrl, 'local repositories are off (mesh.gitops.allowLocalRepositories)');
    }
    if (isDefault || this.options.allowed.some(pattern => this.matches(pattern, repository))) return repository;
    throw refused(field, repository.repoUrl, 'only mesh.gitops.defaultRepoUrl and the repositories mesh.gitops.allowedRepositories lists may be used');
  }

  private matches(pattern: AllowedRepositoryPattern, repository: GitOpsRepository): boolean {
    if (repository.kind === 'local') return pattern.path !== undefined && matchesWildcard(pattern.path, repository.path);
    if (pattern.path !== undefined || pattern.host !== repository.host) return false;
    const { owner, repo } = ownerAndRepo(repository.path);
    return matchesWildcard(pattern.owner ?? '*', owner) && matchesWildcard(pattern.repo ?? '*', repo);
  }

  private parse(repoUrl: string, field: string): GitOpsRepository {
    if (/^[\w.-]+@[\w.-]+:/.test(repoUrl) || /^ssh:\/\//i.test(repoUrl) || /^git\+ssh:/i.test(repoUrl)) {
      throw refused(field, repoUrl, 'ssh is not supported; Meshport reaches git hosts over HTTPS with the credentials in integrations');
    }
    const scheme = repoUrl.match(/^([A-Za-z][A-Za-z0-9+.-]*):/)?.[1]?.toLowerCase();
    if (scheme && repoUrl.slice(scheme.length + 1).startsWith('//')) return this.parseUrl(repoUrl, scheme, field);
    if (scheme && !/^[\w.-]+\?/.test(repoUrl) && !/^[\w.-]+:\d+\?/.test(repoUrl)) throw refused(field, repoUrl, `the "${scheme}" transport is not supported`);
    return this.parseIntegrationUrl(repoUrl, field);
  }

  private parseUrl(repoUrl: string, scheme: string, field: string): GitOpsRepository {
    let url: URL;
    try {
      url = new URL(repoUrl);
    } catch {
      throw new InputError(`${field}: "${repoUrl}" is not a URL`);
    }
    if (url.username || url.password) throw new InputError(`${field}: must not carry credentials; they come from the portal's integrations`);
    if (url.search || url.hash) throw new InputError(`${field}: "${repoUrl}" must not have a query or fragment`);
    if (scheme === 'file') {
      const path = trimEndOf(decodeURIComponent(url.pathname), '/');
      if ((url.host && url.host !== 'localhost') || !path.startsWith('/') || path.split('/').some(segment => segment === '..' || segment === '.')) {
        throw new InputError(`${field}: "${repoUrl}" must name an absolute local path`);
      }
      return { repoUrl, kind: 'local', host: '', path, cloneUrl: `file://${path}`, id: `file://${path}` };
    }
    if (scheme !== 'https' && scheme !== 'http') throw refused(field, repoUrl, `the "${scheme}" transport is not supported`);
    const path = trimEndOf(url.pathname, '/').replace(/^\/+/, '');
    const bare = path.replace(/\.git$/, '');
    if (!validPath(bare)) throw new InputError(`${field}: "${repoUrl}" must name a repository such as https://git.example.com/team/gitops.git`);
    const host = url.host.toLowerCase();
    return { repoUrl, kind: 'git', host, path: bare, cloneUrl: `${scheme}://${host}/${path}`, id: `${host}/${bare}` };
  }

  private parseIntegrationUrl(repoUrl: string, field: string): GitOpsRepository {
    let url: URL;
    try {
      url = new URL(`https://${repoUrl}`);
    } catch {
      throw new InputError(`${field}: "${repoUrl}" is neither a git URL nor "host?owner=…&repo=…"`);
    }
    const host = url.host.toLowerCase();
    const owner = url.searchParams.get('owner') ?? '';
    const repo = url.searchParams.get('repo') ?? '';
    if (!owner || !repo || url.pathname !== '/' || !validPath(`${owner}/${repo}`)) {
      throw new InputError(`${field}: "${repoUrl}" needs owner and repo, as in "github.com?owner=acme&repo=gitops"`);
    }
    const integration = this.integrations.byHost(host);
    if (!integration) throw refused(field, repoUrl, `no integration is configured for ${host}`);
    const served = this.options.integrationTypes ?? ['github', 'gitlab'];
    if (!served.includes(integration.type)) {
      throw new InputError(
        `${field}: ${host} is a ${integration.type} integration; Meshport opens change requests on ${served.join(
          ', ',
        )} integrations or any plain git remote (an installation adds a host kind with meshGitOpsProvidersServiceFactory)`,
      );
    }
    const path = `${owner}/${repo}`;
    return { repoUrl, kind: 'integration', host, path, id: `${host}/${path}` };
  }
}
