export interface Config {
  /** Meshport */
  mesh?: {
    /** Where the mesh templates propose their changes. */
    gitops?: {
      /**
       * The GitOps repository a template uses when the form leaves it empty: a Backstage repo URL
       * ("github.com?owner=o&repo=r"), or any git remote URL ("https://…/x.git", "file:///…").
       */
      defaultRepoUrl?: string;
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
    };
  };
}
