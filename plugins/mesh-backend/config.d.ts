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
      /**
       * istiod's xDS port as the backend reaches it, for proxy sync asked as istioctl proxy-status asks it on
       * Istio 1.30 (an authenticated xDS debug request for syncz), e.g. "istiod.istio-system.svc:15012". Without
       * it, the status tries istiod's HTTP /debug/syncz through the API server, which 1.30 refuses.
       */
      istiod?: {
        xdsAddress: string;
        /** The name istiod's certificate is checked for. Default istiod.<rootNamespace>.svc. */
        serverName?: string;
        /** The mesh's root CA, base64-encoded PEM as in a kubeconfig; default the root namespace's istio-ca-root-cert ConfigMap. */
        caData?: string;
      };
    }>;
    /** A directory of Kubernetes YAML (as `kubectl get -o yaml` writes it), served as one more cluster. */
    snapshot?: {
      directory: string;
      /** Default "snapshot". */
      clusterName?: string;
    };
    /**
     * Sidecar right-sizing: each service's proxies' use over a window, from Prometheus, turned into the
     * requests they should have (the percentile of CPU and the peak memory, times the headroom, never under
     * the floors; the memory limit twice the request).
     */
    rightSizing?: {
      /** A PromQL duration. Default "7d". */
      window?: string;
      /** Default 0.95. */
      percentile?: number;
      /** Default 1.25. */
      headroom?: number;
      /** Default 10. */
      cpuFloorMillicores?: number;
      /** Default 32. */
      memoryFloorMiB?: number;
      /** A change smaller than this share of the current request is not recommended. Default 0.2. */
      minChange?: number;
      /** Pods measured for less than this are left out. Default 24. */
      minHistoryHours?: number;
      /** How long one read of a cluster's history (shared by every entity) is used. Default 600000. */
      ttlMs?: number;
    };
    /**
     * How a canary is judged on the Mesh tab (Flagger's model), where its route's `meshport.io/canary-analysis`
     * annotation (the canary template's thresholds) does not say: too few requests waits, a failed check
     * rolls back, a pass below `maxWeight` shifts by `stepWeight`, a pass at it promotes.
     */
    canaryAnalysis?: {
      /** Percent of answers that are not 5xx. Default 99. */
      minSuccessRate?: number;
      /** Default 500. */
      maxP99Ms?: number;
      /** Requests the canary must serve in the 5-minute window to be judged. Default 100. */
      minRequests?: number;
      /** Default 20. */
      stepWeight?: number;
      /** Default 50. */
      maxWeight?: number;
    };
    /**
     * When a service counts as degraded or failing, by its share of 5xx answers (Kiali's defaults). A
     * component can set its own with the annotation meshport.io/error-rate-thresholds: "degraded=0.5,failing=5".
     */
    health?: {
      errorRate?: {
        /** Default 0.1. */
        degradedPercent?: number;
        /** Default 10. */
        failingPercent?: number;
      };
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
      /** How long a service's open change request, as the Git host answered it, is reused. Default 60000 on GitHub and GitLab, 5000 on a plain git remote. */
      pendingChangesTtlMs?: number;
      /** How long one read of a cluster's Prometheus (shared by every entity) is used. Default 15000. */
      metricsTtlMs?: number;
      /**
       * istiod's debug endpoint (/debug/syncz, what istioctl proxy-status reads), asked through the API
       * server's service proxy in the root namespace. istiod answers it only to callers it authenticates
       * (loopback, or an xDS credential): where it refuses, the Mesh tab says so. Default istiod, 15014.
       */
      istiodDebug?: {
        service?: string;
        port?: number;
        /**
         * The service account ("namespace/name") whose token (TokenRequest, audience istio-ca) the xDS debug request
         * carries; the backend needs create on its serviceaccounts/token. Default <rootNamespace>/default, as istioctl.
         */
        tokenServiceAccount?: string;
      };
      /** How long one fetch of the GitOps target branch (the merged configuration, shared by every entity) is used. Default 60000. */
      desiredTtlMs?: number;
      /**
       * How long a caller's read of an entity from the catalog (made with their credentials) is reused by
       * their next status requests; 0 reads the catalog every time. Default 5000.
       */
      entityCacheTtlMs?: number;
      /** Objects per list page (`limit`). Default 500. */
      pageSize?: number;
      /** How long a cluster's credential (from its authProvider's strategy) is used before it is asked for again. Default 300000. */
      credentialTtlMs?: number;
      /** How often the cluster locators (catalog clusters come and go) are asked again. Default 60000. */
      clusterRefreshIntervalMs?: number;
      /**
       * Clusters (by name) whose http: URL may carry their service account token in clear, e.g. a test
       * cluster on the loopback interface. Any other http: cluster with a token is refused at start-up.
       */
      allowInsecureHttpClusters?: string[];
      /**
       * Clusters registered in the catalog (the `catalog` locator of `kubernetes.clusterLocatorMethods`): anyone
       * who may register a Resource names their API server, and the status's watches send it the backend's
       * credential. Only hosts listed here are watched; none by default. A catalog cluster may never take the
       * name of a configured cluster.
       */
      catalogClusters?: {
        /** API server host names, or `*.domain` for any host under a domain, e.g. "*.gr7.eu-west-1.eks.amazonaws.com". */
        allowedHosts?: string[];
      };
    };
  };
}
