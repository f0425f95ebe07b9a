import type { IstioObject } from '@meshport/istio-config';
import { INJECTION_LABEL, REVISION_LABEL } from '@meshport/istio-config';
import { keepsInjection, NamespacePolicy } from '../model';
import { KubeObject, prune } from './kubeObject';
import { managedLabels } from './names';
import { waypointGateway } from './waypoint';

/** The namespace's injection labels: a revision label, or the classic istio-injection label. */
export function injectionLabels(injection: NamespacePolicy['injection']): Record<string, string> {
  if (!injection.enabled) return { [INJECTION_LABEL]: 'disabled' };
  return injection.revision ? { [REVISION_LABEL]: injection.revision } : { [INJECTION_LABEL]: 'enabled' };
}

/** The name `istioctl waypoint apply --enroll-namespace` gives a namespace's waypoint. */
export const NAMESPACE_WAYPOINT = 'waypoint';

/** Whether the namespace is enrolled in ambient mode: ambient (from the enroll step on), or still, while injection is restored. */
function enrolled(policy: NamespacePolicy): boolean {
  const step = policy.dataPlane.migrationStep;
  if (policy.dataPlane.mode === 'sidecar') return step === 'restore-injection';
  return step !== 'deploy-waypoint' && step !== 'use-waypoint';
}

/** Whether the namespace waypoint exists: ambient with one, or still, while injection is restored. */
function hasWaypoint(policy: NamespacePolicy): boolean {
  return policy.dataPlane.waypoint && (policy.dataPlane.mode === 'ambient' || policy.dataPlane.migrationStep === 'restore-injection');
}

/**
 * The namespace's data-plane labels: injection for sidecars; enrollment, and its waypoint, for ambient;
 * and during a migration, what its step has reached (the injection label goes last on the way to ambient,
 * comes first on the way back, so that no pod is left without a sidecar or ztunnel).
 */
function dataPlaneLabels(policy: NamespacePolicy): Record<string, string> {
  const usesWaypoint = hasWaypoint(policy) && policy.dataPlane.migrationStep !== 'deploy-waypoint';
  return {
    ...(keepsInjection(policy) ? injectionLabels(policy.injection) : {}),
    ...(enrolled(policy) ? { 'istio.io/dataplane-mode': 'ambient' } : {}),
    ...(usesWaypoint ? { 'istio.io/use-waypoint': NAMESPACE_WAYPOINT } : {}),
  };
}

/** Objects that put a whole namespace on the mesh. */
export function renderNamespaceObjects(policy: NamespacePolicy): KubeObject[] {
  const metadata = (name: string) => ({ name, namespace: policy.namespace, labels: managedLabels({ namespace: policy.namespace }) });
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: policy.namespace, labels: { ...managedLabels({ namespace: policy.namespace }), ...dataPlaneLabels(policy) } },
    },
    // No selector: the namespace-wide default every workload inherits.
    prune<IstioObject<'PeerAuthentication'>>({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: metadata('default'),
      spec: { mtls: { mode: policy.mtlsMode } },
    }),
  ];
  if (hasWaypoint(policy)) {
    objects.push(waypointGateway(NAMESPACE_WAYPOINT, policy.namespace, managedLabels({ namespace: policy.namespace }), policy.injection.revision));
  }
  if (policy.denyAll) {
    const denyAll: IstioObject<'AuthorizationPolicy'> = {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: metadata('deny-all'),
      spec: {},
    };
    objects.push(denyAll);
  }
  if (policy.telemetry) {
    objects.push(
      prune<IstioObject<'Telemetry'>>({
        apiVersion: 'telemetry.istio.io/v1',
        kind: 'Telemetry',
        metadata: metadata('default'),
        spec: {
          tracing: [
            {
              providers: policy.telemetry.tracingProvider ? [{ name: policy.telemetry.tracingProvider }] : undefined,
              randomSamplingPercentage: policy.telemetry.samplingPercentage,
            },
          ],
        },
      }),
    );
  }
  return objects;
}
