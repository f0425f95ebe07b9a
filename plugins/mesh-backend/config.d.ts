// Clusters themselves come from `kubernetes.clusterLocatorMethods`, declared by Backstage's Kubernetes plugin.
export interface Config {
  /** Meshport */
  mesh?: {
    /** Istio's root namespace, whose policies apply mesh-wide. Default istio-system. */
    rootNamespace?: string;
    /**
     * Per-cluster settings, matched by name to the clusters of `kubernetes.clusterLocatorMethods`
     * (the same clusters Backstage's Kubernetes plugin reads).
     */
    clusters?: Array<{
      name: string;
      /** The Prometheus that scrapes this cluster's Istio metrics. */
      prometheus?: {
        url: string;
        /**
         * Headers sent with every query, e.g. an Authorization header.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
    }>;
    /** A directory of Kubernetes YAML (as `kubectl get -o yaml` writes it), served as one more cluster. */
    snapshot?: {
      directory: string;
      /** Default "snapshot". */
      clusterName?: string;
    };
    status?: {
      /** How long a list or query may take before the cluster counts as timed out. Default 10000. */
      requestTimeoutMs?: number;
      /** How long a status request waits for a cluster's first sync. Default 10000. */
      syncWaitMs?: number;
      /** The longest wait between retries of a failing cluster. Default 30000. */
      maxBackoffMs?: number;
      /** The most pods one entity's selector may match in a cluster; more answers a "too-broad" error. Default 5000. */
      maxPodsPerEntity?: number;
      /** How long a service's open change request, as the Git host answered it, is reused. Default 60000. */
      pendingChangesTtlMs?: number;
      /** How long one read of a cluster's Prometheus (shared by every entity) is used. Default 15000. */
      metricsTtlMs?: number;
      /**
       * How long a caller's read of an entity from the catalog (made with their credentials) is reused by
       * their next status requests; 0 reads the catalog every time. Default 5000.
       */
      entityCacheTtlMs?: number;
      /** Objects per list page (`limit`). Default 500. */
      pageSize?: number;
      /**
       * Clusters (by name) whose http: URL may carry their service account token in clear, e.g. a test
       * cluster on the loopback interface. Any other http: cluster with a token is refused at start-up.
       */
      allowInsecureHttpClusters?: string[];
    };
  };
}
