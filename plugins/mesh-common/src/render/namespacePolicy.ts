import { NamespacePolicy } from '../model';
import { KubeObject, prune } from './kubeObject';

function managed(policy: NamespacePolicy) {
  return { 'app.kubernetes.io/managed-by': 'meshport', 'meshport.io/namespace': policy.namespace };
}

/** The namespace's injection labels: a revision label, or the classic istio-injection label. */
export function injectionLabels(injection: NamespacePolicy['injection']): Record<string, string> {
  if (!injection.enabled) return { 'istio-injection': 'disabled' };
  return injection.revision ? { 'istio.io/rev': injection.revision } : { 'istio-injection': 'enabled' };
}

/** Objects that put a whole namespace on the mesh. */
export function renderNamespaceObjects(policy: NamespacePolicy): KubeObject[] {
  const metadata = (name: string) => ({ name, namespace: policy.namespace, labels: managed(policy) });
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: policy.namespace, labels: { ...managed(policy), ...injectionLabels(policy.injection) } } },
    // No selector: the namespace-wide default every workload inherits.
    prune({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: metadata('default'), spec: { mtls: { mode: policy.mtlsMode } } }),
  ];
  if (policy.denyAll) {
    objects.push({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: metadata('deny-all'), spec: {} });
  }
  if (policy.telemetry) {
    objects.push(
      prune({
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
