export interface Config {
  /** Meshport */
  mesh?: {
    /** The rest of mesh.gitops is declared by @meshport/plugin-mesh-node, which reads it for every Meshport plugin. */
    gitops?: {
      /**
       * Where each task's private copy of the repository lives; default a new folder under the system's
       * temporary folder. Must not be inside the scaffolder's working directory.
       */
      stateDirectory?: string;
    };
  };
}
