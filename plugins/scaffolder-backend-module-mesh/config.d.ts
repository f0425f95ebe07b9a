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
      /** What the task states may hold; each goes when its task ends, and a sweep removes what is left. */
      state?: {
        /** A state older than this is removed. Default 360 (six hours). */
        maxAgeMinutes?: number;
        /** All states together; past it the oldest go, and new checkouts wait. Default 2147483648 (2 GiB). */
        maxTotalBytes?: number;
        /** How often the sweep runs, on Backstage's scheduler. Default 60. */
        sweepSeconds?: number;
      };
      /**
       * Who may change a whole namespace (scope: namespace), as entity refs of users or groups, by namespace.
       * A namespace listed here is decided by this list alone; any other needs its requester to own every
       * catalog entity that names the namespace.
       */
      namespaceOwners?: { [namespace: string]: string[] };
    };
    /** Egress (the mesh-egress template). */
    egress?: {
      /** Namespaces the mesh's egress gateways run in: the only ones a ServiceEntry is exported to besides its own. Default ["istio-system"]. */
      gatewayNamespaces?: string[];
    };
  };
}
