import { WorkloadsStatus } from '@meshport/plugin-mesh-common';

/** How far the mesh reaches into the service's pods: none of them has a proxy, some do, or all do (sidecar or ambient). */
export function dataPlaneReach(workloads: WorkloadsStatus): 'none' | 'partial' | 'full' {
  const meshed = workloads.injectedPods + workloads.ambientPods;
  if (meshed === 0) return 'none';
  return workloads.pods.some(p => p.dataPlane === 'none') ? 'partial' : 'full';
}
