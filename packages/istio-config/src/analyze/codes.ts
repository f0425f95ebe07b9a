import { FindingLevel } from './types';

/**
 * What a code means: its level, istioctl's message name (or Meshport's), a title and what to do.
 *
 * @public
 */
export interface CodeDescription {
  level: FindingLevel;
  name: string;
  title: string;
  fix: string;
  /** Raised by the status from observed traffic (Prometheus), not by an analyzer over objects. */
  fromTraffic?: true;
}

/**
 * Every code the analyzers report. IST codes are istioctl analyze's, with its levels and names
 * (pkg/config/analysis/msg/messages.yaml); MP codes are Meshport's own, for checks Istio does not have.
 *
 * @public
 */
export const FINDING_CODES: Record<string, CodeDescription> = {
  IST0002: {
    level: 'warning',
    name: 'Deprecated',
    title: 'Deprecated Istio type or field',
    fix: 'Use the replacement the message names, or remove the field or resource.',
  },
  IST0101: {
    level: 'error',
    name: 'ReferencedResourceNotFound',
    title: 'A referenced resource does not exist',
    fix: 'Create the host, subset, gateway, selector target, secret or namespace it names, or fix the reference.',
  },
  IST0102: {
    level: 'info',
    name: 'NamespaceNotInjected',
    title: 'Namespace not enabled for sidecar injection',
    fix: 'Label the namespace istio-injection=enabled (or istio-injection=disabled to say it needs none), or onboard it with the namespace template.',
  },
  IST0103: {
    level: 'warning',
    name: 'PodMissingProxy',
    title: 'Pod is missing the Istio proxy',
    fix: 'Restart the pod so that the injector adds the sidecar.',
  },
  IST0107: {
    level: 'warning',
    name: 'MisplacedAnnotation',
    title: 'Annotation on the wrong kind of resource',
    fix: 'Move the annotation to the resource kind it applies to (for pod annotations: the pod template).',
  },
  IST0108: { level: 'warning', name: 'UnknownAnnotation', title: 'Unknown Istio annotation', fix: 'Fix the annotation name, or remove it.' },
  IST0109: {
    level: 'error',
    name: 'ConflictingMeshGatewayVirtualServiceHosts',
    title: 'VirtualServices for the mesh define the same host',
    fix: 'Merge the VirtualServices into one.',
  },
  IST0110: {
    level: 'error',
    name: 'ConflictingSidecarWorkloadSelectors',
    title: 'Sidecars select the same pod',
    fix: 'Give each pod at most one Sidecar resource.',
  },
  IST0111: {
    level: 'error',
    name: 'MultipleSidecarsWithoutWorkloadSelectors',
    title: 'Several Sidecars without a workload selector',
    fix: 'Keep one namespace-wide Sidecar; give the others a workloadSelector.',
  },
  IST0112: {
    level: 'error',
    name: 'VirtualServiceDestinationPortSelectorRequired',
    title: 'Destination port needed',
    fix: 'Set destination.port: the service has several ports.',
  },
  IST0116: {
    level: 'warning',
    name: 'DeploymentAssociatedToMultipleServices',
    title: 'Deployment behind services with different protocols on one port',
    fix: 'Use one protocol per port across the services that select the deployment.',
  },
  IST0118: {
    level: 'info',
    name: 'PortNameIsNotUnderNamingConvention',
    title: 'Service port name does not say its protocol',
    fix: 'Name the port "<protocol>[-suffix]" (http, grpc, tcp, ...) or set appProtocol.',
  },
  IST0123: {
    level: 'warning',
    name: 'NamespaceMultipleInjectionLabels',
    title: 'Namespace with more than one injection label',
    fix: 'Keep one of istio-injection, istio.io/rev and istio.io/dataplane-mode.',
  },
  IST0125: { level: 'warning', name: 'InvalidAnnotation', title: 'Invalid annotation value', fix: 'Fix the value as the message says.' },
  IST0127: {
    level: 'warning',
    name: 'NoMatchingWorkloadsFound',
    title: 'Policy selects no workload',
    fix: 'Match the selector to the labels of pods in the mesh.',
  },
  IST0128: {
    level: 'warning',
    name: 'NoServerCertificateVerificationDestinationLevel',
    title: 'DestinationRule TLS without a CA (destination level)',
    fix: 'Set caCertificates (or credentialName with a workloadSelector) so that the server certificate is verified.',
  },
  IST0129: {
    level: 'warning',
    name: 'NoServerCertificateVerificationPortLevel',
    title: 'DestinationRule TLS without a CA (port level)',
    fix: 'Set caCertificates on the port-level TLS settings.',
  },
  IST0130: {
    level: 'warning',
    name: 'VirtualServiceUnreachableRule',
    title: 'VirtualService rule never used',
    fix: 'Move the catch-all rule last, or remove the unreachable rule.',
  },
  IST0131: {
    level: 'info',
    name: 'VirtualServiceIneffectiveMatch',
    title: 'VirtualService match never used',
    fix: 'Remove the duplicate match, or move it above the rule that covers it.',
  },
  IST0132: {
    level: 'warning',
    name: 'VirtualServiceHostNotFoundInGateway',
    title: 'VirtualService host not served by its Gateway',
    fix: "Add the host to the Gateway's servers, or remove it from the VirtualService.",
  },
  IST0134: {
    level: 'warning',
    name: 'ServiceEntryAddressesRequired',
    title: 'ServiceEntry needs addresses',
    fix: 'Set addresses, or let Istio allocate them (DNS capture with auto-allocation).',
  },
  IST0135: {
    level: 'info',
    name: 'DeprecatedAnnotation',
    title: 'Deprecated annotation',
    fix: 'Use what replaces it (for sidecar.istio.io/inject: the label).',
  },
  IST0136: { level: 'info', name: 'AlphaAnnotation', title: 'Alpha annotation', fix: 'Expect the feature to change; reported by upgrade prechecks only.' },
  IST0137: {
    level: 'warning',
    name: 'DeploymentConflictingPorts',
    title: 'Services map different ports to one target port',
    fix: 'Use one service port per target port.',
  },
  IST0138: {
    level: 'warning',
    name: 'GatewayDuplicateCertificate',
    title: 'Gateways share a certificate',
    fix: 'Give each gateway its own certificate, or merge the gateways.',
  },
  IST0139: {
    level: 'error',
    name: 'InvalidWebhook',
    title: 'Injection webhooks overlap, or one names a missing service',
    fix: "Give each injection webhook selectors that no other one matches, and point it at the control plane's existing Service.",
  },
  IST0144: {
    level: 'warning',
    name: 'InvalidApplicationUID',
    title: 'Application runs as UID 1337',
    fix: "Run the application as another user: 1337 is the sidecar's, and its traffic bypasses the proxy.",
  },
  IST0145: {
    level: 'error',
    name: 'ConflictingGateways',
    title: 'Conflicting Gateways',
    fix: 'Give each Gateway on the same workload and port its own hosts.',
  },
  IST0146: {
    level: 'warning',
    name: 'ImageAutoWithoutInjectionWarning',
    title: 'Deployment with image: auto that no injection webhook selects',
    fix: 'Enable injection for its namespace or pods, or set a real proxy image.',
  },
  IST0147: {
    level: 'error',
    name: 'ImageAutoWithoutInjectionError',
    title: 'Pod with image: auto',
    fix: 'Recreate the pod where the injection webhook selects it: `auto` is not an image.',
  },
  IST0148: {
    level: 'info',
    name: 'NamespaceInjectionEnabledByDefault',
    title: 'Namespace injected by default',
    fix: 'Nothing to do unless the namespace should have no sidecars (label it istio-injection=disabled).',
  },
  IST0149: {
    level: 'error',
    name: 'JwtClaimBasedRoutingWithoutRequestAuthN',
    title: 'JWT claim routing without RequestAuthentication',
    fix: 'Apply a RequestAuthentication to the gateway pods.',
  },
  IST0150: {
    level: 'warning',
    name: 'ExternalNameServiceTypeInvalidPortName',
    title: 'ExternalName Service port name without a protocol',
    fix: 'Name the port after its protocol ("http", "https-…", "tls-…"); for plain TCP, not just "tcp".',
  },
  IST0151: {
    level: 'warning',
    name: 'EnvoyFilterUsesRelativeOperation',
    title: 'Relative EnvoyFilter patch without a priority',
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD, so that the patch applies in a known order.',
  },
  IST0152: {
    level: 'error',
    name: 'EnvoyFilterUsesReplaceOperationIncorrectly',
    title: 'EnvoyFilter REPLACE on an object it cannot replace',
    fix: 'Use REPLACE only on HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST patches; patch other objects with MERGE.',
  },
  IST0153: {
    level: 'error',
    name: 'EnvoyFilterUsesAddOperationIncorrectly',
    title: 'EnvoyFilter ADD that is ignored',
    fix: 'Patch ROUTE_CONFIGURATION and HTTP_ROUTE objects with another operation (MERGE, or INSERT_* for routes): ADD is ignored there.',
  },
  IST0154: {
    level: 'error',
    name: 'EnvoyFilterUsesRemoveOperationIncorrectly',
    title: 'EnvoyFilter REMOVE that is ignored',
    fix: 'Drop the patch or change it another way: REMOVE is ignored on ROUTE_CONFIGURATION and HTTP_ROUTE.',
  },
  IST0155: {
    level: 'warning',
    name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion',
    title: 'Relative EnvoyFilter patch without a priority, next to a proxyVersion match',
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD, so that the patch still applies while proxies upgrade.',
  },
  IST0157: {
    level: 'warning',
    name: 'InvalidTelemetryProvider',
    title: 'Telemetry access logging without providers',
    fix: 'Name the providers in each accessLogging entry, or set meshConfig.defaultProviders.accessLogging.',
  },
  IST0158: {
    level: 'warning',
    name: 'PodsIstioProxyImageMismatchInNamespace',
    title: "Proxies older than the injector's",
    fix: 'Restart the pods so that they get the current proxy image.',
  },
  IST0159: {
    level: 'error',
    name: 'ConflictingTelemetryWorkloadSelectors',
    title: 'Telemetries select the same pod',
    fix: 'Give each pod at most one Telemetry with a selector.',
  },
  IST0160: {
    level: 'error',
    name: 'MultipleTelemetriesWithoutWorkloadSelectors',
    title: 'Several Telemetries without a selector',
    fix: 'Keep one namespace-wide Telemetry.',
  },
  IST0161: {
    level: 'error',
    name: 'InvalidGatewayCredential',
    title: 'Gateway certificate invalid',
    fix: 'Put a valid, current certificate and key in the secret.',
  },
  IST0162: {
    level: 'warning',
    name: 'GatewayPortNotDefinedOnService',
    title: 'Gateway port not on its Service',
    fix: "Add the port to the gateway's Service, or listen on a port the Service has.",
  },
  IST0166: {
    level: 'warning',
    name: 'IneffectiveSelector',
    title: 'Selector ineffective on a Kubernetes Gateway',
    fix: 'Attach the policy with targetRefs instead of a selector.',
  },
  IST0167: { level: 'warning', name: 'IneffectivePolicy', title: 'Policy without effect', fix: 'Remove the policy, or use the ambient mode equivalent.' },
  IST0171: {
    level: 'warning',
    name: 'NegativeConditionStatus',
    title: 'Status reports a failed condition',
    fix: "Fix what the condition's reason and message describe; the controller clears it once it accepts the resource.",
  },
  IST0173: {
    level: 'error',
    name: 'DestinationRuleSubsetNotSelectPods',
    title: 'DestinationRule subset selects no pods',
    fix: "Deploy pods with the subset's labels before sending traffic to it, or fix the labels.",
  },
  IST0174: {
    level: 'warning',
    name: 'UnknownDestinationRuleHost',
    title: 'DestinationRule host matches no service',
    fix: 'Fix the host, or create the Service or ServiceEntry.',
  },
  IST0175: { level: 'warning', name: 'JwksUriFetchUnrestricted', title: 'JWKS fetches unrestricted', fix: 'Set BLOCKED_CIDRS_IN_JWKS_URIS on istiod.' },
  IST0176: {
    level: 'warning',
    name: 'GatewayAPICRDVersionBelowMinimum',
    title: 'Gateway API CRD older than Istio requires',
    fix: 'Upgrade the Gateway API CRDs to at least the version the message names.',
  },
  IST0177: {
    level: 'warning',
    name: 'ConflictingServiceEntryProtocol',
    title: "ServiceEntries disagree on a port's protocol",
    fix: 'Use one protocol for each host and port.',
  },
  MP0001: {
    level: 'error',
    name: 'RouteWeightsDoNotSumTo100',
    title: 'Route weights do not sum to 100',
    fix: 'Make the destination weights of each route add up to 100.',
  },
  MP0002: {
    level: 'warning',
    name: 'DenyAllWithoutAllow',
    title: 'Deny-all with no allow rule',
    fix: 'Add an ALLOW AuthorizationPolicy with the callers that need in, or every request is refused.',
  },
  MP0003: {
    level: 'error',
    name: 'JwtKeysNotHttps',
    title: 'JWT issuer or JWKS URI not https',
    fix: 'Fetch signing keys over https so that they cannot be swapped in transit.',
  },
  MP0004: {
    level: 'error',
    name: 'PortLevelMtlsWithoutSelector',
    title: 'Port-level mTLS without a workload selector',
    fix: 'Add a selector with matchLabels; Istio ignores port-level settings without one.',
  },
  MP0006: { level: 'info', name: 'MtlsNotStrict', title: 'mTLS is not STRICT', fix: 'Move to STRICT once every client has a sidecar.' },
  MP0007: {
    level: 'warning',
    name: 'EscapablePathMatch',
    title: 'Path match that other spellings of a path escape',
    fix: 'Use ALLOW with paths, or DENY with notPaths; and set meshConfig.pathNormalization to MERGE_SLASHES or stricter.',
  },
  MP0008: {
    level: 'warning',
    name: 'PortLevelMtlsOnUnknownPort',
    title: 'Port-level mTLS on a port no container exposes',
    fix: 'Key portLevelMtls by the container (target) port, not the Service port.',
  },
  MP0009: {
    level: 'error',
    name: 'ExcludedInboundTargetPort',
    title: 'Service target port excluded from the sidecar',
    fix: 'Do not exclude the port: traffic to it would bypass mTLS and authorization.',
  },
  MP0010: {
    level: 'error',
    name: 'ConflictingGatewaysInFiles',
    title: 'Gateways in the files claim the same selector, port and host',
    fix: 'Give each Gateway on the same workload and port its own hosts.',
  },
  MP0011: {
    level: 'error',
    name: 'HttpRulesWithoutWaypoint',
    title: 'HTTP rules on ambient workloads without a waypoint',
    fix: 'Give the service a waypoint (istio.io/use-waypoint) and attach the policy to it with targetRefs; ztunnel enforces identities, namespaces and ports only.',
  },
  MP0012: {
    level: 'warning',
    fromTraffic: true,
    name: 'EgressBlocked',
    title: 'Calls refused for want of a ServiceEntry (outbound policy REGISTRY_ONLY)',
    fix: 'Declare the host with a ServiceEntry (the mesh-egress template), or stop calling it.',
  },
  MP0013: {
    level: 'warning',
    fromTraffic: true,
    name: 'CallsOutsideProxyScope',
    title: 'Calls to hosts the proxy scope leaves out',
    fix: "Add the host to the service's Sidecar egress hosts (scope.hosts), or its dependsOn in the catalog; its proxies know nothing of it.",
  },
  MP0014: {
    level: 'error',
    name: 'ServiceEntryExportedToOtherNamespaces',
    title: 'ServiceEntry exported into namespaces its folder does not own',
    fix: 'Export it only to its own namespace (".") and the egress gateway\'s (mesh.egress.gatewayNamespaces): elsewhere it steers other teams\' calls.',
  },
  MP0015: {
    level: 'warning',
    name: 'GatewayRouteNotVisible',
    title: 'VirtualService bound to a Gateway that cannot see it',
    fix: 'Export the VirtualService to the gateway\'s namespace as well (exportTo: [".", "istio-system"]).',
  },
  MP0016: {
    level: 'warning',
    name: 'NamespaceWaypointHidesCallers',
    title: 'Identity rules behind a namespace waypoint, enforced by ztunnel',
    fix: 'Attach the policy to the waypoint with targetRefs, or label the Service istio.io/use-waypoint=none so that ztunnel sees the callers.',
  },
  MP0017: {
    level: 'warning',
    name: 'PermissivePortDenied',
    title: 'Plaintext on a PERMISSIVE port refused by a negative identity match',
    fix: 'Add the port to notPorts in the DENY rule (or drop the port-level PERMISSIVE).',
  },
};

/**
 * A code's level, name, title and one-line fix.
 *
 * @public
 */
export function describeCode(code: string): CodeDescription | undefined {
  return FINDING_CODES[code];
}
