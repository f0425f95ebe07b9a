import { AnalyzedObject } from './types';

/** True when a namespace's labels turn injection on (classic label or revision label). */
export function namespaceInjects(namespace: AnalyzedObject | undefined): boolean {
  const labels = namespace?.metadata.labels ?? {};
  if (labels['istio-injection'] === 'disabled') return false;
  return labels['istio-injection'] === 'enabled' || Boolean(labels['istio.io/rev']);
}

/** True when the pod (or pod template) labels ask for injection on their own. */
export function podRequestsInjection(labels: Record<string, string>): boolean {
  return labels['sidecar.istio.io/inject'] === 'true' || Boolean(labels['istio.io/rev']);
}

/** True when the pod (or pod template) opts out. */
export function podRefusesInjection(labels: Record<string, string>, annotations: Record<string, string> = {}): boolean {
  return labels['sidecar.istio.io/inject'] === 'false' || annotations['sidecar.istio.io/inject'] === 'false';
}

/** The pod's Envoy container: a classic `istio-proxy` container or a native sidecar (init container, restartPolicy Always). */
export function findProxyContainer(pod: AnalyzedObject): { container: any; native: boolean } | undefined {
  const classic = (pod.spec?.containers ?? []).find((c: any) => c?.name === 'istio-proxy');
  if (classic) return { container: classic, native: false };
  const native = (pod.spec?.initContainers ?? []).find((c: any) => c?.name === 'istio-proxy' && c?.restartPolicy === 'Always');
  return native ? { container: native, native: true } : undefined;
}
