import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AuthenticationStrategy, KubernetesClusterSupplierFactory, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';

/**
 * Where an installation gives the mesh status backend its clusters and credentials, as it gives them to
 * Backstage's Kubernetes plugin (`kubernetesClusterSupplierExtensionPoint`, `kubernetesAuthStrategyExtensionPoint`):
 * the same `KubernetesClustersSupplier` and `AuthenticationStrategy` objects plug into both.
 *
 * @public
 */
export interface MeshClustersExtensionPoint {
  /**
   * Replaces the clusters of `kubernetes.clusterLocatorMethods` (read by the Kubernetes plugin's own locators); a
   * factory gets those as `getDefault()` to add to or filter.
   */
  addClusterSupplier(supplier: KubernetesClustersSupplier | KubernetesClusterSupplierFactory): void;
  /** An authentication strategy for the clusters whose `authProvider` is `key`, next to the Kubernetes plugin's. */
  addAuthStrategy(key: string, strategy: AuthenticationStrategy): void;
}

/**
 * The mesh status backend's clusters and credentials.
 *
 * @public
 */
export const meshClustersExtensionPoint = createExtensionPoint<MeshClustersExtensionPoint>({ id: 'mesh.clusters' });
