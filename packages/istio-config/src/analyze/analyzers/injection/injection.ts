import { finding, fullName } from '../../findings';
import {
  DATAPLANE_MODE_LABEL,
  INJECTION_LABEL,
  injectorConfigMapName,
  injectorValues,
  namespaceInjectionMode,
  PROXY_CONTAINER,
  REVISION_LABEL,
  SIDECAR_INJECT,
} from '../../../istio/meshMembership';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** The injector's sidecarInjectorWebhook.enableNamespacesByDefault, read from its ConfigMap's "values" JSON. */
export function injectsNamespacesByDefault(configMap: AnalyzedObject): boolean {
  return injectorValues(configMap as { data?: Record<string, string> }).sidecarInjectorWebhook?.enableNamespacesByDefault === true;
}

/** The injection labels a namespace carries, as IST0123 lists them. */
function injectionLabels(labels: Record<string, string>): string[] {
  const list: string[] = [];
  const hasInjection = INJECTION_LABEL in labels;
  if (hasInjection) list.push(`${INJECTION_LABEL}=${labels[INJECTION_LABEL]}`);
  for (const label of [REVISION_LABEL, DATAPLANE_MODE_LABEL]) {
    if (label in labels && (!hasInjection || labels[INJECTION_LABEL] === 'enabled')) list.push(`${label}=${labels[label]}`);
  }
  return list;
}

/** The image of a pod's proxy: a classic container or a native sidecar. */
export function proxyImage(pod: AnalyzedObject): string {
  const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c?.name === PROXY_CONTAINER);
  return container?.image ?? '';
}

/**
 * IST0102, IST0148 and IST0123 per namespace, then IST0103 for pods of injected namespaces without a
 * proxy (host-network pods and pods opting out skipped). Ambient namespaces are in the mesh: no IST0102.
 */
export const InjectionAnalyzer: Analyzer = {
  metadata: {
    name: 'injection.Analyzer',
    description: 'Checks conditions related to Istio sidecar injection',
    inputs: ['Namespace', 'Pod'],
    lookups: ['ConfigMap'],
  },
  analyze({ index, report }) {
    const injected = new Set<string>();
    let enabledByDefault = false;
    for (const namespace of index.ofKind('Namespace')) {
      const name = namespace.metadata.name;
      if (name === 'istio-system') continue;
      const labels = namespace.metadata.labels ?? {};
      const listed = injectionLabels(labels);
      if (listed.length > 1) report(finding('IST0123', namespace, messageFor('IST0123', listed)));
      if (labels[DATAPLANE_MODE_LABEL] === 'ambient') continue;
      const injector = index.ofKind('ConfigMap').find(cm => cm.metadata.name === injectorConfigMapName(labels[REVISION_LABEL]));
      if (injector) enabledByDefault = injectsNamespacesByDefault(injector);
      if (!labels[INJECTION_LABEL] && !(REVISION_LABEL in labels)) {
        if (enabledByDefault) report(finding('IST0148', namespace, messageFor('IST0148')));
        else report(finding('IST0102', namespace, messageFor('IST0102', name), 'metadata.name'));
        continue;
      }
      if (namespaceInjectionMode(labels).mode === 'label') injected.add(name);
    }
    for (const pod of index.ofKind('Pod')) {
      if (!injected.has(pod.metadata.namespace!)) continue;
      const labels = pod.metadata.labels ?? {};
      const inject = SIDECAR_INJECT in labels ? labels[SIDECAR_INJECT] : pod.metadata.annotations?.[SIDECAR_INJECT];
      if (inject?.toLowerCase() === 'false' || pod.spec?.hostNetwork) continue;
      if (!proxyImage(pod)) report(finding('IST0103', pod, messageFor('IST0103', fullName(pod))));
    }
  },
};
