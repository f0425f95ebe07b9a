import { DATAPLANE_MODE_LABEL, PROXY_RESOURCE_ANNOTATIONS, REVISION_LABEL, SIDECAR_INJECT } from '@meshport/istio-config';
import { getsSidecar, MeshPolicy } from '../model';
import { KubeObject, prune } from './kubeObject';
import { appLabel } from './names';

function podAnnotations(policy: MeshPolicy): Record<string, string | undefined> {
  const { injection } = policy;
  const resources = injection.proxyResources ?? {};
  const annotations: Record<string, string | undefined> = {};
  for (const [field, annotation] of Object.entries(PROXY_RESOURCE_ANNOTATIONS)) {
    annotations[annotation] = resources[field as keyof typeof resources];
  }
  if (injection.excludeInboundPorts.length > 0) {
    annotations['traffic.sidecar.istio.io/excludeInboundPorts'] = injection.excludeInboundPorts.join(',');
  }
  if (injection.excludeOutboundPorts.length > 0) {
    annotations['traffic.sidecar.istio.io/excludeOutboundPorts'] = injection.excludeOutboundPorts.join(',');
  }
  // ProxyConfig travels as a JSON document inside the annotation.
  annotations['proxy.istio.io/config'] = JSON.stringify({ holdApplicationUntilProxyStarts: injection.holdApplicationUntilProxyStarts });
  return annotations;
}

function podLabels(policy: MeshPolicy): Record<string, string | undefined> {
  const { injection, service } = policy;
  const identity = { app: appLabel(policy), version: service.versionLabel };
  if (policy.dataPlane.mode === 'ambient') {
    // The pod joins ambient whatever its namespace says, and gets no sidecar even in an injected namespace.
    return { ...identity, [DATAPLANE_MODE_LABEL]: 'ambient', [SIDECAR_INJECT]: 'false', [REVISION_LABEL]: injection.revision };
  }
  // A pod label injects whatever the namespace says; a revision label picks the control plane.
  return { ...identity, [SIDECAR_INJECT]: injection.enabled ? 'true' : 'false', [REVISION_LABEL]: injection.enabled ? injection.revision : undefined };
}

/** The API group and version of each controller kind Meshport patches. */
export const WORKLOAD_API_VERSIONS: Record<MeshPolicy['service']['workloadKind'], string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Rollout: 'argoproj.io/v1alpha1',
};

/**
 * A patch for the service's controller (Deployment, StatefulSet, DaemonSet or Argo Rollout): injection
 * labels and proxy annotations on its pod template (in ambient mode the enrollment label and no sidecar),
 * which every one of these kinds has at spec.template.
 */
export function renderSidecarPatch(policy: MeshPolicy): KubeObject {
  return prune({
    apiVersion: WORKLOAD_API_VERSIONS[policy.service.workloadKind],
    kind: policy.service.workloadKind,
    metadata: { name: policy.service.workloadName ?? policy.service.name, namespace: policy.service.namespace },
    spec: {
      template: {
        metadata: {
          labels: podLabels(policy),
          annotations: getsSidecar(policy) ? podAnnotations(policy) : undefined,
        },
        spec: policy.service.serviceAccount ? { serviceAccountName: policy.service.serviceAccount } : undefined,
      },
    },
  });
}
