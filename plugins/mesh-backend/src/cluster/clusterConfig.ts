import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER, SERVICEACCOUNT_CA_PATH } from '@backstage/plugin-kubernetes-common';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { trimEndOf } from '@meshport/istio-config';

export interface PrometheusConfig {
  url: string;
  headers: Record<string, string>;
}

/** How the backend reaches a cluster's istiod xDS port (`mesh.clusters[].istiod`). */
export interface IstiodAddress {
  xdsAddress: string;
  serverName?: string;
  caPem?: string;
}

/**
 * What Meshport adds to the clusters the Kubernetes plugin's locators find: each one's Prometheus
 * (`mesh.clusters`, by name), which may take a token over plain http, the snapshot of `mesh.snapshot`,
 * and, when no cluster is configured and the backend runs inside Kubernetes, the cluster it runs in.
 */
export interface MeshClusterSettings {
  prometheus: ReadonlyMap<string, PrometheusConfig>;
  istiod: ReadonlyMap<string, IstiodAddress>;
  allowInsecureHttp: ReadonlySet<string>;
  /** Every cluster name the configuration gives settings or trust to (`mesh.clusters`, the snapshot, `allowInsecureHttpClusters`). */
  configuredNames: ReadonlySet<string>;
  snapshot?: { name: string; directory: string };
  /** The cluster the backend runs in, with its pod's service account, when nothing else is configured. */
  inCluster?: ClusterDetails;
}

export function readMeshClusterSettings(config: Config, env: Record<string, string | undefined> = process.env): MeshClusterSettings {
  const prometheus = new Map<string, PrometheusConfig>();
  const istiod = new Map<string, IstiodAddress>();
  const named = new Set<string>();
  for (const settings of config.getOptionalConfigArray('mesh.clusters') ?? []) {
    const name = settings.getString('name');
    if (named.has(name)) throw new InputError(`mesh.clusters: "${name}" is listed twice`);
    named.add(name);
    const xds = settings.getOptionalConfig('istiod');
    if (xds) {
      const caData = xds.getOptionalString('caData');
      istiod.set(name, {
        xdsAddress: xds.getString('xdsAddress'),
        ...(xds.getOptionalString('serverName') ? { serverName: xds.getString('serverName') } : {}),
        ...(caData ? { caPem: Buffer.from(caData, 'base64').toString() } : {}),
      });
    }
    const section = settings.getOptionalConfig('prometheus');
    if (!section) continue;
    const headers = section.getOptionalConfig('headers');
    prometheus.set(name, {
      url: trimEndOf(section.getString('url'), '/'),
      headers: Object.fromEntries((headers?.keys() ?? []).map(key => [key, headers!.getString(key)])),
    });
  }
  const snapshotSection = config.getOptionalConfig('mesh.snapshot');
  const snapshot = snapshotSection && {
    name: snapshotSection.getOptionalString('clusterName') ?? 'snapshot',
    directory: snapshotSection.getString('directory'),
  };
  const located = config.has('kubernetes.clusterLocatorMethods');
  const inCluster: ClusterDetails | undefined =
    !located && !snapshot && env.KUBERNETES_SERVICE_HOST
      ? {
          name: 'in-cluster',
          url: `https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT ?? 443}`,
          // The Kubernetes plugin's serviceAccount strategy reads the pod's token when the cluster names none.
          authMetadata: { [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'serviceAccount' },
          caFile: SERVICEACCOUNT_CA_PATH,
        }
      : undefined;
  const allowInsecureHttp = new Set(config.getOptionalStringArray('mesh.status.allowInsecureHttpClusters') ?? []);
  return {
    prometheus,
    istiod,
    allowInsecureHttp,
    configuredNames: new Set([...named, ...allowInsecureHttp, ...(snapshot ? [snapshot.name] : [])]),
    ...(snapshot ? { snapshot } : {}),
    ...(inCluster ? { inCluster } : {}),
  };
}
