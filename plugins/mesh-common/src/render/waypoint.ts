import type { IstioObject } from '@meshport/istio-config';
import { MeshPolicy, needsWaypoint, waypointName } from '../model';
import { KubeObject } from './kubeObject';
import { managedLabels } from './names';

/** Istio's port for HBONE, the tunnel ztunnel and waypoints speak. */
export const HBONE_PORT = 15008;

/**
 * A waypoint as `istioctl waypoint generate --for service [--revision r]` writes it: a Gateway API Gateway
 * of class istio-waypoint with one HBONE listener, labelled with the control plane revision that runs it
 * (istioctl/pkg/waypoint/waypoint.go).
 */
export function waypointGateway(name: string, namespace: string, labels: Record<string, string>, revision?: string): IstioObject<'KubernetesGateway'> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, labels: { ...labels, 'istio.io/waypoint-for': 'service', ...(revision ? { 'istio.io/rev': revision } : {}) } },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }] },
  };
}

/** The service's own waypoint: rendered only in ambient mode, when a rule needs HTTP and the waypoint is not an existing one. */
export function renderWaypoint(policy: MeshPolicy): IstioObject<'KubernetesGateway'> | undefined {
  if (!needsWaypoint(policy) || policy.dataPlane.useExistingWaypoint) return undefined;
  return waypointGateway(waypointName(policy), policy.service.namespace, managedLabels({ service: policy.service.name }), policy.injection.revision);
}

/**
 * A patch for the Service in ambient mode. With a waypoint, `istio.io/use-waypoint` sends its traffic
 * through the waypoint, and, where the ingress gateway calls it, `istio.io/ingress-use-waypoint` makes the
 * gateway's traffic go through it too (else the gateway would reach the pods directly, past the L7 rules).
 * Without one, `istio.io/use-waypoint: none` keeps a namespace waypoint out of the way of its L4 rules.
 */
export function renderServicePatch(policy: MeshPolicy): KubeObject | undefined {
  if (policy.dataPlane.mode === 'ambient' && !needsWaypoint(policy)) {
    // A namespace waypoint would carry every call to the Service (pilot/pkg/serviceregistry/ambient/waypoints.go),
    // and ztunnel would then see the waypoint instead of the callers its L4 rules name: opt out.
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: policy.service.name, namespace: policy.service.namespace, labels: { 'istio.io/use-waypoint': 'none' } },
    };
  }
  if (!needsWaypoint(policy)) return undefined;
  const ingressCalls = Boolean(policy.ingress) || policy.authorization.healthCheckPaths.length > 0;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: policy.service.name,
      namespace: policy.service.namespace,
      labels: { 'istio.io/use-waypoint': waypointName(policy), ...(ingressCalls ? { 'istio.io/ingress-use-waypoint': 'true' } : {}) },
    },
  };
}
