import { ClusterMeshStatus, HealthStatus } from '@meshport/plugin-mesh-common';
import { dataPlaneReach } from './dataPlaneReach';
import { percent } from './format';

/** Health in words: its assessment and error share, or why there is none. */
export function healthInWords(health: HealthStatus): string {
  if (health.state === 'unknown') return 'health unknown';
  if (health.state === 'no-traffic' || !health.overall) return `no requests in the last ${health.window}`;
  const state = health.assessment?.state ?? 'measured';
  return `${state}: ${percent(health.overall.errorShare, 1)} errors`;
}

/** The pods on the mesh, in words: how many of them, and through what. */
function meshInWords(cluster: ClusterMeshStatus): string {
  const { injectedPods, ambientPods, totalPods } = cluster.workloads;
  if (dataPlaneReach(cluster.workloads) === 'none') return `not on the mesh: ${injectedPods + ambientPods} of ${totalPods} pods have a proxy`;
  if (ambientPods === 0) return `${injectedPods} of ${totalPods} pods with a sidecar`;
  if (injectedPods === 0) return `${ambientPods} of ${totalPods} pods in ambient mode`;
  return `${injectedPods} of ${totalPods} pods with a sidecar, ${ambientPods} in ambient mode`;
}

/** Mutual TLS in words, only where a proxy applies it: pods without one accept plain text whatever the policy says. */
function mtlsInWords(cluster: ClusterMeshStatus): string | undefined {
  if (dataPlaneReach(cluster.workloads) === 'none') return undefined;
  const modes = [...new Set(cluster.security.mtls.flatMap(w => w.ports.filter(p => p.port === '*').map(p => p.mode)))];
  return modes.length > 0 ? `mTLS ${modes.join('/')}` : undefined;
}

/** What the proxies cost, where there are sidecars; ambient pods have none. */
function costInWords(cluster: ClusterMeshStatus): string | undefined {
  if (cluster.workloads.injectedPods === 0) return undefined;
  return `sidecars request ${percent(cluster.overhead.requestShare.cpu, 0)} of the app's CPU`;
}

/** One cluster's state in a line: the mesh's reach, mTLS where it applies, health and the sidecars' cost. */
export function clusterStateInWords(cluster: ClusterMeshStatus): string {
  if (cluster.error) return `could not be read (${cluster.error.reason})`;
  return [meshInWords(cluster), mtlsInWords(cluster), healthInWords(cluster.health), costInWords(cluster)].filter(Boolean).join(' · ');
}
