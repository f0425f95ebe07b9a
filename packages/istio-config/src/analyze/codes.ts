import { goList, goQuote } from '../istio/goFormat';
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
  /** istioctl's message for it (pkg/config/analysis/msg/messages.yaml, formatted as Go's fmt does); Meshport's codes word theirs where they are found. */
  message?: (...args: never[]) => string;
}

/** IST0146 and IST0147 share istioctl's text. */
const imageAutoWithoutInjection = (kind: string, name: string) =>
  `${kind} ${name} contains \`image: auto\` but does not match any Istio injection webhook selectors.`;

/** The table: each code's level, name, title, what to do, and istioctl's message. */
const CODE_TABLE = {
  IST0002: {
    level: 'warning',
    name: 'Deprecated',
    title: 'Deprecated Istio type or field',
    fix: 'Use the replacement the message names, or remove the field or resource.',
    message: (detail: string) => `Deprecated: ${detail}`,
  },
  IST0101: {
    level: 'error',
    name: 'ReferencedResourceNotFound',
    title: 'A referenced resource does not exist',
    fix: 'Create the host, subset, gateway, selector target, secret or namespace it names, or fix the reference.',
    message: (refType: string, refValue: string) => `Referenced ${refType} not found: ${goQuote(refValue)}`,
  },
  IST0102: {
    level: 'info',
    name: 'NamespaceNotInjected',
    title: 'Namespace not enabled for sidecar injection',
    fix: 'Label the namespace istio-injection=enabled (or istio-injection=disabled to say it needs none), or onboard it with the namespace template.',
    message: (namespace: string) =>
      `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${namespace} istio-injection=enabled' to enable it, or 'kubectl label namespace ${namespace} istio-injection=disabled' to explicitly mark it as not needing injection.`,
  },
  IST0103: {
    level: 'warning',
    name: 'PodMissingProxy',
    title: 'Pod is missing the Istio proxy',
    fix: 'Restart the pod so that the injector adds the sidecar.',
    message: (pod: string) => `The pod ${pod} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`,
  },
  IST0107: {
    level: 'warning',
    name: 'MisplacedAnnotation',
    title: 'Annotation on the wrong kind of resource',
    fix: 'Move the annotation to the resource kind it applies to (for pod annotations: the pod template).',
    message: (annotation: string, kinds: string) => `Misplaced annotation: ${annotation} can only be applied to ${kinds}`,
  },
  IST0108: {
    level: 'warning',
    name: 'UnknownAnnotation',
    title: 'Unknown Istio annotation',
    fix: 'Fix the annotation name, or remove it.',
    message: (annotation: string) => `Unknown annotation: ${annotation}`,
  },
  IST0109: {
    level: 'error',
    name: 'ConflictingMeshGatewayVirtualServiceHosts',
    title: 'VirtualServices for the mesh define the same host',
    fix: 'Merge the VirtualServices into one.',
    message: (virtualServices: string, host: string) =>
      `The VirtualServices ${virtualServices} associated with mesh gateway define the same host ${host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
  },
  IST0110: {
    level: 'error',
    name: 'ConflictingSidecarWorkloadSelectors',
    title: 'Sidecars select the same pod',
    fix: 'Give each pod at most one Sidecar resource.',
    message: (sidecars: string[], namespace: string, pod: string) =>
      `The Sidecars ${goList(sidecars)} in namespace ${goQuote(namespace)} select the same workload pod ${goQuote(pod)}, which can lead to undefined behavior.`,
  },
  IST0111: {
    level: 'error',
    name: 'MultipleSidecarsWithoutWorkloadSelectors',
    title: 'Several Sidecars without a workload selector',
    fix: 'Keep one namespace-wide Sidecar; give the others a workloadSelector.',
    message: (sidecars: string[], namespace: string) =>
      `The Sidecars ${goList(sidecars)} in namespace ${goQuote(namespace)} have no workload selector, which can lead to undefined behavior.`,
  },
  IST0112: {
    level: 'error',
    name: 'VirtualServiceDestinationPortSelectorRequired',
    title: 'Destination port needed',
    fix: 'Set destination.port: the service has several ports.',
    message: (host: string, ports: number[]) =>
      `This VirtualService routes to a service ${goQuote(host)} that exposes multiple ports ${goList(
        ports,
      )}. Specifying a port in the destination is required to disambiguate.`,
  },
  IST0116: {
    level: 'warning',
    name: 'DeploymentAssociatedToMultipleServices',
    title: 'Deployment behind services with different protocols on one port',
    fix: 'Use one protocol per port across the services that select the deployment.',
    message: (deployment: string, port: number, services: string[]) =>
      `This deployment ${deployment} is associated with multiple services using port ${port} but different protocols: ${goList(services)}`,
  },
  IST0118: {
    level: 'info',
    name: 'PortNameIsNotUnderNamingConvention',
    title: 'Service port name does not say its protocol',
    fix: 'Name the port "<protocol>[-suffix]" (http, grpc, tcp, ...) or set appProtocol.',
    message: (name: string, port: number, targetPort: string) =>
      `Port name ${name} (port: ${port}, targetPort: ${targetPort}) doesn't follow the naming convention of Istio port.`,
  },
  IST0123: {
    level: 'warning',
    name: 'NamespaceMultipleInjectionLabels',
    title: 'Namespace with more than one injection label',
    fix: 'Keep one of istio-injection, istio.io/rev and istio.io/dataplane-mode.',
    message: (labels: string[]) =>
      `The namespace has more than one type of injection labels ${goList(
        labels,
      )}, which may lead to undefined behavior. Make sure only one injection label exists.`,
  },
  IST0125: {
    level: 'warning',
    name: 'InvalidAnnotation',
    title: 'Invalid annotation value',
    fix: 'Fix the value as the message says.',
    message: (annotation: string, problem: string) => `Invalid annotation ${annotation}: ${problem}`,
  },
  IST0127: {
    level: 'warning',
    name: 'NoMatchingWorkloadsFound',
    title: 'Policy selects no workload',
    fix: 'Match the selector to the labels of pods in the mesh.',
    message: (labels: string) => `No matching workloads for this resource with the following labels: ${labels}`,
  },
  IST0128: {
    level: 'warning',
    name: 'NoServerCertificateVerificationDestinationLevel',
    title: 'DestinationRule TLS without a CA (destination level)',
    fix: 'Set caCertificates (or credentialName with a workloadSelector) so that the server certificate is verified.',
    message: (rule: string, namespace: string, mode: string, host: string) =>
      `DestinationRule ${rule} in namespace ${namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${host}`,
  },
  IST0129: {
    level: 'warning',
    name: 'NoServerCertificateVerificationPortLevel',
    title: 'DestinationRule TLS without a CA (port level)',
    fix: 'Set caCertificates on the port-level TLS settings.',
    message: (rule: string, namespace: string, mode: string, host: string, port: string) =>
      `DestinationRule ${rule} in namespace ${namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${host} at port ${port}`,
  },
  IST0130: {
    level: 'warning',
    name: 'VirtualServiceUnreachableRule',
    title: 'VirtualService rule never used',
    fix: 'Move the catch-all rule last, or remove the unreachable rule.',
    message: (rule: string, reason: string) => `VirtualService rule ${rule} not used (${reason}).`,
  },
  IST0131: {
    level: 'info',
    name: 'VirtualServiceIneffectiveMatch',
    title: 'VirtualService match never used',
    fix: 'Remove the duplicate match, or move it above the rule that covers it.',
    message: (rule: string, match: string, duplicateOf: string) =>
      `VirtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${duplicateOf}).`,
  },
  IST0132: {
    level: 'warning',
    name: 'VirtualServiceHostNotFoundInGateway',
    title: 'VirtualService host not served by its Gateway',
    fix: "Add the host to the Gateway's servers, or remove it from the VirtualService.",
    message: (hosts: string[], virtualService: string, gateway: string) =>
      `one or more host ${goList(hosts)} defined in VirtualService ${virtualService} not found in Gateway ${gateway}.`,
  },
  IST0134: {
    level: 'warning',
    name: 'ServiceEntryAddressesRequired',
    title: 'ServiceEntry needs addresses',
    fix: 'Set addresses, or let Istio allocate them (DNS capture with auto-allocation).',
    message: () => 'ServiceEntry addresses are required for this protocol.',
  },
  IST0135: {
    level: 'info',
    name: 'DeprecatedAnnotation',
    title: 'Deprecated annotation',
    fix: 'Use what replaces it (for sidecar.istio.io/inject: the label).',
    message: (annotation: string, extra: string) => `Annotation ${goQuote(annotation)} has been deprecated${extra} and may not work in future Istio versions.`,
  },
  IST0136: {
    level: 'info',
    name: 'AlphaAnnotation',
    title: 'Alpha annotation',
    fix: 'Expect the feature to change; reported by upgrade prechecks only.',
    message: (annotation: string) => `Annotation ${goQuote(annotation)} is part of an alpha-phase feature and may be incompletely supported.`,
  },
  IST0137: {
    level: 'warning',
    name: 'DeploymentConflictingPorts',
    title: 'Services map different ports to one target port',
    fix: 'Use one service port per target port.',
    message: (deployment: string, services: string[], targetPort: string, ports: number[]) =>
      `This deployment ${deployment} is associated with multiple services ${goList(services)} using targetPort ${goQuote(
        targetPort,
      )} but different ports: ${goList(ports)}.`,
  },
  IST0138: {
    level: 'warning',
    name: 'GatewayDuplicateCertificate',
    title: 'Gateways share a certificate',
    fix: 'Give each gateway its own certificate, or merge the gateways.',
    message: (gateways: string[]) => `Duplicate certificate in multiple gateways ${goList(gateways)} may cause 404s if clients re-use HTTP2 connections.`,
  },
  IST0139: {
    level: 'error',
    name: 'InvalidWebhook',
    title: 'Injection webhooks overlap, or one names a missing service',
    fix: "Give each injection webhook selectors that no other one matches, and point it at the control plane's existing Service.",
    message: (error: string) => error,
  },
  IST0144: {
    level: 'warning',
    name: 'InvalidApplicationUID',
    title: 'Application runs as UID 1337',
    fix: "Run the application as another user: 1337 is the sidecar's, and its traffic bypasses the proxy.",
    message: () => 'User ID (UID) 1337 is reserved for the sidecar proxy.',
  },
  IST0145: {
    level: 'error',
    name: 'ConflictingGateways',
    title: 'Conflicting Gateways',
    fix: 'Give each Gateway on the same workload and port its own hosts.',
    message: (gateways: string, selector: string, port: string, hosts: string) =>
      `Conflict with gateways ${gateways} (workload selector ${selector}, port ${port}, hosts ${hosts}).`,
  },
  IST0146: {
    level: 'warning',
    name: 'ImageAutoWithoutInjectionWarning',
    title: 'Deployment with image: auto that no injection webhook selects',
    fix: 'Enable injection for its namespace or pods, or set a real proxy image.',
    message: imageAutoWithoutInjection,
  },
  IST0147: {
    level: 'error',
    name: 'ImageAutoWithoutInjectionError',
    title: 'Pod with image: auto',
    fix: 'Recreate the pod where the injection webhook selects it: `auto` is not an image.',
    message: imageAutoWithoutInjection,
  },
  IST0148: {
    level: 'info',
    name: 'NamespaceInjectionEnabledByDefault',
    title: 'Namespace injected by default',
    fix: 'Nothing to do unless the namespace should have no sidecars (label it istio-injection=disabled).',
    message: () => 'is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.',
  },
  IST0149: {
    level: 'error',
    name: 'JwtClaimBasedRoutingWithoutRequestAuthN',
    title: 'JWT claim routing without RequestAuthentication',
    fix: 'Apply a RequestAuthentication to the gateway pods.',
    message: (key: string, gateway: string, pod: string) =>
      `The virtual service uses the JWT claim based routing (key: ${key}) but found no request authentication for the gateway (${gateway}) pod (${pod}). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.`,
  },
  IST0150: {
    level: 'warning',
    name: 'ExternalNameServiceTypeInvalidPortName',
    title: 'ExternalName Service port name without a protocol',
    fix: 'Name the port after its protocol ("http", "https-…", "tls-…"); for plain TCP, not just "tcp".',
    message: () =>
      'Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly',
  },
  IST0151: {
    level: 'warning',
    name: 'EnvoyFilterUsesRelativeOperation',
    title: 'Relative EnvoyFilter patch without a priority',
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD, so that the patch applies in a known order.',
    message: () =>
      'This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.',
  },
  IST0152: {
    level: 'error',
    name: 'EnvoyFilterUsesReplaceOperationIncorrectly',
    title: 'EnvoyFilter REPLACE on an object it cannot replace',
    fix: 'Use REPLACE only on HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST patches; patch other objects with MERGE.',
    message: () => 'The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.',
  },
  IST0153: {
    level: 'error',
    name: 'EnvoyFilterUsesAddOperationIncorrectly',
    title: 'EnvoyFilter ADD that is ignored',
    fix: 'Patch ROUTE_CONFIGURATION and HTTP_ROUTE objects with another operation (MERGE, or INSERT_* for routes): ADD is ignored there.',
    message: () => 'The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.',
  },
  IST0154: {
    level: 'error',
    name: 'EnvoyFilterUsesRemoveOperationIncorrectly',
    title: 'EnvoyFilter REMOVE that is ignored',
    fix: 'Drop the patch or change it another way: REMOVE is ignored on ROUTE_CONFIGURATION and HTTP_ROUTE.',
    message: () => 'The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.',
  },
  IST0155: {
    level: 'warning',
    name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion',
    title: 'Relative EnvoyFilter patch without a priority, next to a proxyVersion match',
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD, so that the patch still applies while proxies upgrade.',
    message: () =>
      'This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.',
  },
  IST0157: {
    level: 'warning',
    name: 'InvalidTelemetryProvider',
    title: 'Telemetry access logging without providers',
    fix: 'Name the providers in each accessLogging entry, or set meshConfig.defaultProviders.accessLogging.',
    message: (name: string, namespace: string) => `The Telemetry ${name} in namespace ${goQuote(namespace)} with empty providers will be ignored.`,
  },
  IST0158: {
    level: 'warning',
    name: 'PodsIstioProxyImageMismatchInNamespace',
    title: "Proxies older than the injector's",
    fix: 'Restart the pods so that they get the current proxy image.',
    message: (pods: string[]) =>
      `The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: ${goList(
        pods,
      )}). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.`,
  },
  IST0159: {
    level: 'error',
    name: 'ConflictingTelemetryWorkloadSelectors',
    title: 'Telemetries select the same pod',
    fix: 'Give each pod at most one Telemetry with a selector.',
    message: (telemetries: string[], namespace: string, pod: string) =>
      `The Telemetries ${goList(telemetries)} in namespace ${goQuote(namespace)} select the same workload pod ${goQuote(
        pod,
      )}, which can lead to undefined behavior.`,
  },
  IST0160: {
    level: 'error',
    name: 'MultipleTelemetriesWithoutWorkloadSelectors',
    title: 'Several Telemetries without a selector',
    fix: 'Keep one namespace-wide Telemetry.',
    message: (telemetries: string[], namespace: string) =>
      `The Telemetries ${goList(telemetries)} in namespace ${goQuote(namespace)} have no workload selector, which can lead to undefined behavior.`,
  },
  IST0161: {
    level: 'error',
    name: 'InvalidGatewayCredential',
    title: 'Gateway certificate invalid',
    fix: 'Put a valid, current certificate and key in the secret.',
    message: (gateway: string, namespace: string) =>
      `The credential referenced by the Gateway ${gateway} in namespace ${namespace} is invalid, which can cause the traffic not to work as expected.`,
  },
  IST0162: {
    level: 'warning',
    name: 'GatewayPortNotDefinedOnService',
    title: 'Gateway port not on its Service',
    fix: "Add the port to the gateway's Service, or listen on a port the Service has.",
    message: (port: number, selector: string) =>
      `The gateway is listening on a target port (port ${port}) that is not defined in the Service associated with its workload instances (Pod selector ${selector}). If you need to access the gateway port through the gateway Service, it will not be available.`,
  },
  IST0166: {
    level: 'warning',
    name: 'IneffectiveSelector',
    title: 'Selector ineffective on a Kubernetes Gateway',
    fix: 'Attach the policy with targetRefs instead of a selector.',
    message: (gateway: string) => `Ineffective selector on Kubernetes Gateway ${gateway}. Use the TargetRef field instead.`,
  },
  IST0167: {
    level: 'warning',
    name: 'IneffectivePolicy',
    title: 'Policy without effect',
    fix: 'Remove the policy, or use the ambient mode equivalent.',
    message: (reason: string) => `The policy has no impact: ${reason}.`,
  },
  IST0171: {
    level: 'warning',
    name: 'NegativeConditionStatus',
    title: 'Status reports a failed condition',
    fix: "Fix what the condition's reason and message describe; the controller clears it once it accepts the resource.",
    message: (type: string, reason: string, message: string) =>
      `A condition with a negative status is present: type=${type}, reason=${reason}, message=${message}.`,
  },
  IST0173: {
    level: 'error',
    name: 'DestinationRuleSubsetNotSelectPods',
    title: 'DestinationRule subset selects no pods',
    fix: "Deploy pods with the subset's labels before sending traffic to it, or fix the labels.",
    message: (subset: string) => `The Subset ${subset} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).`,
  },
  IST0174: {
    level: 'warning',
    name: 'UnknownDestinationRuleHost',
    title: 'DestinationRule host matches no service',
    fix: 'Fix the host, or create the Service or ServiceEntry.',
    message: (host: string) => `The host ${host} defined in the DestinationRule does not match any services in the mesh.`,
  },
  IST0175: {
    level: 'warning',
    name: 'JwksUriFetchUnrestricted',
    title: 'JWKS fetches unrestricted',
    fix: 'Set BLOCKED_CIDRS_IN_JWKS_URIS on istiod.',
    message: (count: number, names: string) =>
      `BLOCKED_CIDRS_IN_JWKS_URIS is not configured but ${count} RequestAuthentication resource(s) exist (${names}). Consider configuring it to restrict JWKS URI fetches to trusted networks.`,
  },
  IST0176: {
    level: 'warning',
    name: 'GatewayAPICRDVersionBelowMinimum',
    title: 'Gateway API CRD older than Istio requires',
    fix: 'Upgrade the Gateway API CRDs to at least the version the message names.',
    message: (crd: string, installed: string, minimum: string) =>
      `Gateway API CRD ${goQuote(crd)} is at version ${goQuote(installed)} but Istio requires at least ${goQuote(
        minimum,
      )}; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.`,
  },
  IST0177: {
    level: 'warning',
    name: 'ConflictingServiceEntryProtocol',
    title: "ServiceEntries disagree on a port's protocol",
    fix: 'Use one protocol for each host and port.',
    message: (names: string, host: string, port: number, protocols: string) =>
      `Multiple ServiceEntries (${names}) define the same host ${goQuote(host)} and port ${port} with conflicting protocols (${protocols}).`,
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
} as const satisfies Record<string, CodeDescription>;

/**
 * Every code the analyzers report. IST codes are istioctl analyze's, with its levels, names and messages
 * (pkg/config/analysis/msg/messages.yaml); MP codes are Meshport's own, for checks Istio does not have. The
 * code list, the messages and the README's table all come from this one table.
 *
 * @public
 */
export const FINDING_CODES: Record<string, CodeDescription> = CODE_TABLE;

/** A code of the table. */
export type FindingCode = keyof typeof CODE_TABLE;

type Messaged = { [C in FindingCode]: (typeof CODE_TABLE)[C] extends { message: (...args: any[]) => string } ? C : never }[FindingCode];

/** A code's istioctl message, from the arguments its template takes. */
export function messageFor<C extends Messaged>(code: C, ...args: Parameters<(typeof CODE_TABLE)[C]['message']>): string {
  return (CODE_TABLE[code].message as (...values: unknown[]) => string)(...args);
}

/**
 * A code's level, name, title and one-line fix.
 *
 * @public
 */
export function describeCode(code: string): CodeDescription | undefined {
  return FINDING_CODES[code];
}
