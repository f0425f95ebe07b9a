import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { trimEndOf } from '@meshport/plugin-mesh-common';

/** How to reach one cluster's API server. */
export interface KubernetesClusterConfig {
  name: string;
  url: string;
  serviceAccountToken?: string;
  caData?: string;
  skipTLSVerify: boolean;
  /** Use the pod's own service account (running inside Kubernetes). */
  inCluster?: boolean;
}

export interface PrometheusConfig {
  url: string;
  headers: Record<string, string>;
}

/** Everything the status backend knows about one cluster. */
export interface MeshClusterConfig {
  kubernetes?: KubernetesClusterConfig;
  snapshotDirectory?: string;
  name: string;
  prometheus?: PrometheusConfig;
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (types `config` and `localKubectlProxy`, as
 * Backstage's Kubernetes plugin reads them), the snapshot of `mesh.snapshot`, and, when none is
 * configured and the backend runs inside Kubernetes, the cluster it runs in; each with its Prometheus
 * from `mesh.clusters`.
 */
export function readMeshClusters(config: Config, env: Record<string, string | undefined> = process.env): MeshClusterConfig[] {
  const clusters: MeshClusterConfig[] = [];
  for (const method of config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []) {
    const type = method.getString('type');
    if (type === 'config') {
      for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
        const authProvider = cluster.getOptionalString('authProvider') ?? 'serviceAccount';
        if (authProvider !== 'serviceAccount') continue;
        clusters.push({
          name: cluster.getString('name'),
          kubernetes: {
            name: cluster.getString('name'),
            url: cluster.getString('url'),
            serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
            caData: cluster.getOptionalString('caData'),
            skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
          },
        });
      }
    } else if (type === 'localKubectlProxy') {
      clusters.push({ name: 'local', kubernetes: { name: 'local', url: 'http://127.0.0.1:8001', skipTLSVerify: false } });
    }
  }
  const snapshot = config.getOptionalConfig('mesh.snapshot');
  if (snapshot) clusters.push({ name: snapshot.getOptionalString('clusterName') ?? 'snapshot', snapshotDirectory: snapshot.getString('directory') });
  if (clusters.length === 0 && env.KUBERNETES_SERVICE_HOST) {
    clusters.push({
      name: 'in-cluster',
      kubernetes: {
        name: 'in-cluster',
        url: `https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT ?? 443}`,
        skipTLSVerify: false,
        inCluster: true,
      },
    });
  }
  const names = new Set<string>();
  const insecureAllowed = new Set(config.getOptionalStringArray('mesh.status.allowInsecureHttpClusters') ?? []);
  for (const cluster of clusters) {
    if (names.has(cluster.name)) throw new InputError(`kubernetes.clusterLocatorMethods: cluster name "${cluster.name}" is used twice`);
    names.add(cluster.name);
    // A bearer token over plain http is readable by anyone on the path: only where the operator says so.
    if (cluster.kubernetes?.url.startsWith('http:') && cluster.kubernetes.serviceAccountToken && !insecureAllowed.has(cluster.name)) {
      throw new InputError(
        `kubernetes.clusterLocatorMethods: cluster "${cluster.name}" has an http: URL and a serviceAccountToken, which would travel in clear; ` +
          'use https, or list the cluster in mesh.status.allowInsecureHttpClusters',
      );
    }
  }
  for (const settings of config.getOptionalConfigArray('mesh.clusters') ?? []) {
    const name = settings.getString('name');
    const cluster = clusters.find(c => c.name === name);
    if (!cluster) throw new InputError(`mesh.clusters: "${name}" is not a cluster of kubernetes.clusterLocatorMethods or mesh.snapshot`);
    const prometheus = settings.getOptionalConfig('prometheus');
    if (prometheus) {
      const headers = prometheus.getOptionalConfig('headers');
      cluster.prometheus = {
        url: trimEndOf(prometheus.getString('url'), '/'),
        headers: Object.fromEntries((headers?.keys() ?? []).map(key => [key, headers!.getString(key)])),
      };
    }
  }
  return clusters;
}
