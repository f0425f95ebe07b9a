export interface Config {
  /** Meshport */
  mesh?: {
    /**
     * Where the mesh templates propose their changes and what they may touch; the scaffolder actions and
     * the status (what is merged, open change requests) read the same repository with the same rules.
     */
    gitops?: {
      /**
       * The GitOps repository a template uses when the form leaves it empty: a Backstage repo URL
       * ("github.com?owner=o&repo=r" for a host under `integrations`), or an https git URL. Always allowed.
       */
      defaultRepoUrl?: string;
      /**
       * The other repositories a form may name. Each entry is a host of `integrations` (or any https
       * git host) with owner and repository patterns ("*" matches within one path segment), or a
       * local `path` pattern (which also needs allowLocalRepositories). Anything else is refused before
       * it is contacted.
       */
      allowedRepositories?: Array<{
        host?: string;
        /** Owner, group or "group/subgroup" pattern; default "*". */
        owner?: string;
        /** Repository pattern; default "*". */
        repo?: string;
        /** A local repository path pattern, e.g. "/srv/gitops/*.git". */
        path?: string;
      }>;
      /**
       * Lets `file://` repositories be used (the default one, and those allowedRepositories lists by
       * path). Off by default: it lets templates read repositories on the backend's own disk. The demo
       * portal turns it on for its local repository.
       */
      allowLocalRepositories?: boolean;
      /**
       * Namespaces otherwise protected (istio-system, kube-system, kube-public, kube-node-lease and
       * mesh.rootNamespace) that templates may change; each one opens mesh-wide or cluster-wide policy
       * to the owners of any component annotated with it.
       */
      allowProtectedNamespaces?: string[];
      /** The branch change requests target when the form names none; default: the repository's default branch. */
      targetBranch?: string;
      /** Folder layout inside the repository; "{namespace}" and "{service}" are replaced. */
      layout?: {
        /** Default "mesh/{namespace}/{service}". */
        service?: string;
        /** Default "mesh/{namespace}/_namespace". */
        namespace?: string;
      };
      /** The identity Meshport commits as; its commits are the only ones it will build on. */
      committer?: {
        name?: string;
        email?: string;
      };
      /** How long git may take and how much of a repository Meshport reads. */
      limits?: {
        /** Each git command and each request to a git host's API (GitHub, GitLab), in milliseconds. Default 60000. */
        timeoutMs?: number;
        /** What a fetch may bring in, and what the files Meshport reads may add up to. Default 268435456 (256 MiB). */
        maxRepositoryBytes?: number;
        /** Files under the folders Meshport reads. Default 20000. */
        maxFiles?: number;
        /** One file. Default 1048576 (1 MiB). */
        maxFileBytes?: number;
      };
    };
  };
}
