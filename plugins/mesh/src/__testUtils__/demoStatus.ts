import { Entity } from '@backstage/catalog-model';
import { ClusterMeshStatus, EntityMeshStatus, targetFromSelector } from '@meshport/plugin-mesh-common';
import { clusterStatusFromSlice, storeFromDocuments } from '@meshport/plugin-mesh-status-node';
import { demoClusterObjects } from '@meshport/test-harness/demo';

/** A cluster's status for a service of the demo cluster, computed by the real status core. */
export function demoClusterStatus(cluster: string, namespace: string, service: string): ClusterMeshStatus {
  const slice = storeFromDocuments(demoClusterObjects()).sliceFor(targetFromSelector(`backstage.io/kubernetes-id=${service}`, namespace), 'istio-system');
  return clusterStatusFromSlice(cluster, slice, 'istio-system');
}

/** An entity status as the API answers it. */
export function entityStatus(service: string, namespace: string, clusters: ClusterMeshStatus[]): EntityMeshStatus {
  return {
    entityRef: `component:default/${service}`,
    generatedAt: '2026-11-25T12:00:00.000Z',
    target: { namespace, selector: `backstage.io/kubernetes-id=${service}` },
    clusters,
    pendingChanges: { items: [] },
  };
}

/** A catalog component with the Kubernetes annotations the mesh plugin reads. */
export function demoComponent(name: string, namespace: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': namespace } },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  };
}
