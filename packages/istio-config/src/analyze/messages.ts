import { goList, goQuote } from '../istio/goFormat';

// istioctl analyze's message templates (pkg/config/analysis/msg/messages.yaml), formatted as Go's fmt does.

export const istioMessages = {
  referencedResourceNotFound: (refType: string, refValue: string) => `Referenced ${refType} not found: ${goQuote(refValue)}`,
  namespaceNotInjected: (namespace: string) =>
    `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${namespace} istio-injection=enabled' to enable it, or 'kubectl label namespace ${namespace} istio-injection=disabled' to explicitly mark it as not needing injection.`,
  podMissingProxy: (pod: string) => `The pod ${pod} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`,
  misplacedAnnotation: (annotation: string, kinds: string) => `Misplaced annotation: ${annotation} can only be applied to ${kinds}`,
  unknownAnnotation: (annotation: string) => `Unknown annotation: ${annotation}`,
  conflictingMeshGatewayHosts: (virtualServices: string, host: string) =>
    `The VirtualServices ${virtualServices} associated with mesh gateway define the same host ${host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
  conflictingSidecarSelectors: (sidecars: string[], namespace: string, pod: string) =>
    `The Sidecars ${goList(sidecars)} in namespace ${goQuote(namespace)} select the same workload pod ${goQuote(pod)}, which can lead to undefined behavior.`,
  multipleSidecarsWithoutSelector: (sidecars: string[], namespace: string) =>
    `The Sidecars ${goList(sidecars)} in namespace ${goQuote(namespace)} have no workload selector, which can lead to undefined behavior.`,
  destinationPortRequired: (host: string, ports: number[]) =>
    `This VirtualService routes to a service ${goQuote(host)} that exposes multiple ports ${goList(
      ports,
    )}. Specifying a port in the destination is required to disambiguate.`,
  deploymentMultipleServices: (deployment: string, port: number, services: string[]) =>
    `This deployment ${deployment} is associated with multiple services using port ${port} but different protocols: ${goList(services)}`,
  portNameConvention: (name: string, port: number, targetPort: string) =>
    `Port name ${name} (port: ${port}, targetPort: ${targetPort}) doesn't follow the naming convention of Istio port.`,
  imageAutoWithoutInjection: (kind: string, name: string) =>
    `${kind} ${name} contains \`image: auto\` but does not match any Istio injection webhook selectors.`,
  invalidApplicationUid: () => 'User ID (UID) 1337 is reserved for the sidecar proxy.',
  externalNamePortName: () =>
    'Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly',
  multipleInjectionLabels: (labels: string[]) =>
    `The namespace has more than one type of injection labels ${goList(
      labels,
    )}, which may lead to undefined behavior. Make sure only one injection label exists.`,
  invalidAnnotation: (annotation: string, problem: string) => `Invalid annotation ${annotation}: ${problem}`,
  noMatchingWorkloads: (labels: string) => `No matching workloads for this resource with the following labels: ${labels}`,
  noCaDestinationLevel: (rule: string, namespace: string, mode: string, host: string) =>
    `DestinationRule ${rule} in namespace ${namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${host}`,
  noCaPortLevel: (rule: string, namespace: string, mode: string, host: string, port: string) =>
    `DestinationRule ${rule} in namespace ${namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${host} at port ${port}`,
  unreachableRule: (rule: string, reason: string) => `VirtualService rule ${rule} not used (${reason}).`,
  ineffectiveMatch: (rule: string, match: string, duplicateOf: string) =>
    `VirtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${duplicateOf}).`,
  hostNotInGateway: (hosts: string[], virtualService: string, gateway: string) =>
    `one or more host ${goList(hosts)} defined in VirtualService ${virtualService} not found in Gateway ${gateway}.`,
  serviceEntryAddressesRequired: () => 'ServiceEntry addresses are required for this protocol.',
  deprecatedAnnotation: (annotation: string, extra: string) =>
    `Annotation ${goQuote(annotation)} has been deprecated${extra} and may not work in future Istio versions.`,
  alphaAnnotation: (annotation: string) => `Annotation ${goQuote(annotation)} is part of an alpha-phase feature and may be incompletely supported.`,
  deploymentConflictingPorts: (deployment: string, services: string[], targetPort: string, ports: number[]) =>
    `This deployment ${deployment} is associated with multiple services ${goList(services)} using targetPort ${goQuote(
      targetPort,
    )} but different ports: ${goList(ports)}.`,
  gatewayDuplicateCertificate: (gateways: string[]) =>
    `Duplicate certificate in multiple gateways ${goList(gateways)} may cause 404s if clients re-use HTTP2 connections.`,
  conflictingGateways: (gateways: string, selector: string, port: string, hosts: string) =>
    `Conflict with gateways ${gateways} (workload selector ${selector}, port ${port}, hosts ${hosts}).`,
  namespaceInjectionEnabledByDefault: () => 'is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.',
  jwtClaimRouteWithoutRequestAuthentication: (key: string, gateway: string, pod: string) =>
    `The virtual service uses the JWT claim based routing (key: ${key}) but found no request authentication for the gateway (${gateway}) pod (${pod}). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.`,
  proxyImageMismatch: (pods: string[]) =>
    `The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: ${goList(
      pods,
    )}). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.`,
  conflictingTelemetrySelectors: (telemetries: string[], namespace: string, pod: string) =>
    `The Telemetries ${goList(telemetries)} in namespace ${goQuote(namespace)} select the same workload pod ${goQuote(
      pod,
    )}, which can lead to undefined behavior.`,
  multipleTelemetriesWithoutSelector: (telemetries: string[], namespace: string) =>
    `The Telemetries ${goList(telemetries)} in namespace ${goQuote(namespace)} have no workload selector, which can lead to undefined behavior.`,
  invalidGatewayCredential: (gateway: string, namespace: string) =>
    `The credential referenced by the Gateway ${gateway} in namespace ${namespace} is invalid, which can cause the traffic not to work as expected.`,
  gatewayPortNotOnService: (port: number, selector: string) =>
    `The gateway is listening on a target port (port ${port}) that is not defined in the Service associated with its workload instances (Pod selector ${selector}). If you need to access the gateway port through the gateway Service, it will not be available.`,
  ineffectiveSelector: (gateway: string) => `Ineffective selector on Kubernetes Gateway ${gateway}. Use the TargetRef field instead.`,
  ineffectivePolicy: (reason: string) => `The policy has no impact: ${reason}.`,
  subsetSelectsNoPods: (subset: string) =>
    `The Subset ${subset} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).`,
  unknownDestinationRuleHost: (host: string) => `The host ${host} defined in the DestinationRule does not match any services in the mesh.`,
  jwksUriFetchUnrestricted: (count: number, names: string) =>
    `BLOCKED_CIDRS_IN_JWKS_URIS is not configured but ${count} RequestAuthentication resource(s) exist (${names}). Consider configuring it to restrict JWKS URI fetches to trusted networks.`,
  conflictingServiceEntryProtocols: (names: string, host: string, port: number, protocols: string) =>
    `Multiple ServiceEntries (${names}) define the same host ${goQuote(host)} and port ${port} with conflicting protocols (${protocols}).`,
  deprecated: (detail: string) => `Deprecated: ${detail}`,
  invalidWebhook: (error: string) => error,
  envoyFilterUsesRelativeOperation: () =>
    'This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.',
  envoyFilterUsesReplaceOperationIncorrectly: () => 'The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.',
  envoyFilterUsesAddOperationIncorrectly: () => 'The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.',
  envoyFilterUsesRemoveOperationIncorrectly: () => 'The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.',
  envoyFilterUsesRelativeOperationWithProxyVersion: () =>
    'This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.',
  invalidTelemetryProvider: (name: string, namespace: string) =>
    `The Telemetry ${name} in namespace ${goQuote(namespace)} with empty providers will be ignored.`,
  negativeConditionStatus: (type: string, reason: string, message: string) =>
    `A condition with a negative status is present: type=${type}, reason=${reason}, message=${message}.`,
  gatewayApiCrdVersionBelowMinimum: (crd: string, installed: string, minimum: string) =>
    `Gateway API CRD ${goQuote(crd)} is at version ${goQuote(installed)} but Istio requires at least ${goQuote(
      minimum,
    )}; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.`,
};
