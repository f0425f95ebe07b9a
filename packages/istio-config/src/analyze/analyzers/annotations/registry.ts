// Istio's annotations (istio/api annotation/annotations.gen.go): where each may be set, whether it is
// deprecated, and its feature status.

export interface AnnotationDefinition {
  resources: string[];
  deprecated?: boolean;
  status: 'Alpha' | 'Beta' | 'Stable';
}

const pod = (status: AnnotationDefinition['status'] = 'Alpha', deprecated = false): AnnotationDefinition => ({
  resources: ['Pod'],
  status,
  ...(deprecated ? { deprecated } : {}),
});

export const ISTIO_ANNOTATIONS: Record<string, AnnotationDefinition> = {
  'alpha.istio.io/canonical-serviceaccounts': { resources: ['Service'], status: 'Alpha', deprecated: true },
  'alpha.istio.io/kubernetes-serviceaccounts': { resources: ['Service'], status: 'Alpha', deprecated: true },
  'ambient.istio.io/bypass-inbound-capture': pod(),
  'ambient.istio.io/dns-capture': pod(),
  'ambient.istio.io/redirection': pod('Beta'),
  'ambient.istio.io/waypoint-inbound-binding': { resources: ['GatewayClass', 'Gateway'], status: 'Alpha' },
  'galley.istio.io/analyze-suppress': { resources: ['Any'], status: 'Alpha' },
  'gateway.istio.io/controller-version': { resources: ['Any'], status: 'Alpha' },
  'gateway.istio.io/name-override': { resources: ['Gateway'], status: 'Alpha' },
  'gateway.istio.io/service-account': { resources: ['Gateway'], status: 'Alpha' },
  'gateway.istio.io/tls-cipher-suites': { resources: ['Gateway'], status: 'Alpha' },
  'inject.istio.io/templates': pod(),
  'istio.io/autoRegistrationGroup': { resources: ['WorkloadEntry'], status: 'Alpha' },
  'istio.io/connectedAt': { resources: ['WorkloadEntry'], status: 'Alpha' },
  'istio.io/disconnectedAt': { resources: ['WorkloadEntry'], status: 'Alpha' },
  'istio.io/dry-run': { resources: ['AuthorizationPolicy'], status: 'Alpha' },
  'istio.io/reroute-virtual-interfaces': pod(),
  'istio.io/rev': pod(),
  'istio.io/workloadController': { resources: ['WorkloadEntry'], status: 'Alpha' },
  'kubernetes.io/ingress.class': { resources: ['Ingress'], status: 'Stable' },
  'networking.istio.io/exportTo': { resources: ['Service'], status: 'Alpha' },
  'networking.istio.io/service-type': { resources: ['Gateway'], status: 'Alpha' },
  'networking.istio.io/traffic-distribution': { resources: ['Service', 'ServiceEntry'], status: 'Alpha' },
  'prometheus.istio.io/merge-metrics': pod(),
  'proxy.istio.io/config': pod('Beta'),
  'proxy.istio.io/overrides': pod(),
  'readiness.status.sidecar.istio.io/applicationPorts': pod(),
  'readiness.status.sidecar.istio.io/failureThreshold': pod(),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': pod(),
  'readiness.status.sidecar.istio.io/periodSeconds': pod(),
  'sidecar.istio.io/agentLogLevel': pod(),
  'sidecar.istio.io/bootstrapOverride': pod(),
  'sidecar.istio.io/componentLogLevel': pod(),
  'sidecar.istio.io/discoveryAddress': pod('Alpha', true),
  'sidecar.istio.io/enableCoreDump': pod(),
  'sidecar.istio.io/extraStatTags': pod('Alpha', true),
  'sidecar.istio.io/inject': pod('Beta', true),
  'sidecar.istio.io/interceptionMode': pod(),
  'sidecar.istio.io/logLevel': pod(),
  'sidecar.istio.io/nativeSidecar': pod(),
  'sidecar.istio.io/proxyCPU': pod(),
  'sidecar.istio.io/proxyCPULimit': pod(),
  'sidecar.istio.io/proxyImage': pod(),
  'sidecar.istio.io/proxyImageType': pod(),
  'sidecar.istio.io/proxyMemory': pod(),
  'sidecar.istio.io/proxyMemoryLimit': pod(),
  'sidecar.istio.io/rewriteAppHTTPProbers': pod(),
  'sidecar.istio.io/statsEvictionInterval': pod(),
  'sidecar.istio.io/statsFlushInterval': pod(),
  'sidecar.istio.io/statsHistogramBuckets': pod(),
  'sidecar.istio.io/statsInclusionPrefixes': pod('Alpha', true),
  'sidecar.istio.io/statsInclusionRegexps': pod('Alpha', true),
  'sidecar.istio.io/statsInclusionSuffixes': pod('Alpha', true),
  'sidecar.istio.io/status': pod(),
  'sidecar.istio.io/userVolume': pod(),
  'sidecar.istio.io/userVolumeMount': pod(),
  'status.sidecar.istio.io/port': pod(),
  'topology.istio.io/controlPlaneClusters': { resources: ['Namespace'], status: 'Alpha' },
  'traffic.istio.io/nodeSelector': { resources: ['Service'], status: 'Stable' },
  'traffic.sidecar.istio.io/excludeInboundPorts': pod(),
  'traffic.sidecar.istio.io/excludeInterfaces': pod(),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': pod(),
  'traffic.sidecar.istio.io/excludeOutboundPorts': pod(),
  'traffic.sidecar.istio.io/includeInboundPorts': pod(),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': pod(),
  'traffic.sidecar.istio.io/includeOutboundPorts': pod(),
  'traffic.sidecar.istio.io/kubevirtInterfaces': pod('Alpha', true),
};

/** Never reported on, whatever they carry. */
export const ALWAYS_IGNORED_ANNOTATIONS = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);

/** Annotations istioctl checks: a prefix ending in istio.io, and kubernetes.io/ingress.class. */
export function isIstioAnnotation(annotation: string): boolean {
  return annotation === 'kubernetes.io/ingress.class' || annotation.split('/')[0].endsWith('istio.io');
}

/** What deprecation messages add for an annotation with a replacement. */
export const DEPRECATION_NOTES: Record<string, string> = { 'sidecar.istio.io/inject': ' in favor of the "sidecar.istio.io/inject" label' };
