import { StatusSection } from '@meshport/plugin-mesh-common';
import { WORKLOAD_KINDS } from '@meshport/istio-config';

/**
 * The sections of the status each kind feeds. A kind that cannot be read leaves these incomplete and
 * the others whole; every kind also feeds the findings, whose analyzers need it.
 */
export const SECTIONS_BY_KIND: Record<string, StatusSection[]> = {
  Namespace: ['workloads', 'findings'],
  Pod: ['workloads', 'security', 'health', 'overhead', 'findings'],
  // The controllers: Deployments, StatefulSets, DaemonSets and Argo Rollouts.
  ...Object.fromEntries(WORKLOAD_KINDS.map(kind => [kind, ['workloads', 'security', 'findings'] as StatusSection[]])),
  Service: ['traffic', 'health', 'findings'],
  PeerAuthentication: ['security', 'findings'],
  AuthorizationPolicy: ['security', 'findings'],
  RequestAuthentication: ['security', 'findings'],
  VirtualService: ['traffic', 'findings'],
  DestinationRule: ['traffic', 'findings'],
  Gateway: ['traffic', 'findings'],
  KubernetesGateway: ['workloads', 'security', 'findings'],
  ConfigMap: ['overhead', 'findings'],
};

/**
 * The sections a kind feeds; kinds read only by analyzers feed the findings alone.
 *
 * @public
 */
export function sectionsFedBy(kind: string): StatusSection[] {
  return SECTIONS_BY_KIND[kind] ?? ['findings'];
}
