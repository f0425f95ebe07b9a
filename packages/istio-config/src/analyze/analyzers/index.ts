import { Analyzer } from '../types';
import { AlphaAnnotationAnalyzer, AnnotationAnalyzer } from './annotations/annotations';
import { BlockedCidrsAnalyzer } from './authn/blockedCidrs';
import { AuthorizationPoliciesAnalyzer } from './authz/authorizationPolicies';
import { ConditionAnalyzer } from './conditions/conditions';
import { DeprecationAnalyzer } from './deprecation/deprecation';
import { DeploymentServicesAnalyzer } from './deployment/services';
import { CaCertificateAnalyzer } from './destinationRule/caCertificates';
import { SubsetSelectsPodsAnalyzer } from './destinationRule/subsets';
import { EnvoyFilterAnalyzer } from './envoyFilter/envoyFilter';
import { GatewayCertificateAnalyzer } from './gateway/certificates';
import { ConflictingGatewayAnalyzer } from './gateway/conflictingGateways';
import { IngressGatewayPortAnalyzer } from './gateway/ingressGatewayPort';
import { GatewaySecretAnalyzer } from './gateway/secret';
import { ApplicationUidAnalyzer } from './deployment/applicationUid';
import { ImageAutoAnalyzer } from './injection/imageAuto';
import { InjectionAnalyzer } from './injection/injection';
import { ProxyImageAnalyzer } from './injection/proxyImage';
import { GatewayApiCrdVersionAnalyzer } from './kubernetesGateway/crdVersion';
import { KubernetesGatewaySelectorAnalyzer } from './kubernetesGateway/selector';
import { AuthorizationPathMatchAnalyzer } from './meshport/authorizationPathMatch';
import { DenyAllWithoutAllowAnalyzer } from './meshport/denyAllWithoutAllow';
import { ExcludedTargetPortAnalyzer } from './meshport/excludedTargetPorts';
import { GatewayConflictsInFilesAnalyzer } from './meshport/gatewayConflictsInFiles';
import { HttpRulesWithoutWaypointAnalyzer } from './meshport/httpRulesWithoutWaypoint';
import { JwtTransportAnalyzer } from './meshport/jwtTransport';
import { PeerAuthenticationAnalyzer } from './meshport/peerAuthenticationPorts';
import { PortLevelMtlsAnalyzer } from './meshport/portLevelMtls';
import { RouteWeightAnalyzer } from './meshport/routeWeights';
import { GatewayRouteVisibilityAnalyzer } from './meshport/gatewayRouteVisibility';
import { NamespaceWaypointL4RulesAnalyzer } from './meshport/namespaceWaypointL4Rules';
import { PermissivePortUnderDenyAnalyzer } from './meshport/permissivePortUnderWaypoint';
import { ServiceEntryExportAnalyzer } from './meshport/serviceEntryExport';
import { PortNameAnalyzer } from './service/portName';
import { ServiceEntryAddressesAnalyzer } from './serviceEntry/addresses';
import { ConflictingServiceEntryProtocolAnalyzer } from './serviceEntry/conflictingProtocols';
import { SidecarSelectorAnalyzer } from './sidecar/selector';
import { TelemetryProviderAnalyzer } from './telemetry/providers';
import { TelemetryDefaultSelectorAnalyzer, TelemetrySelectorAnalyzer } from './telemetry/selector';
import { ConflictingMeshGatewayHostsAnalyzer } from './virtualService/conflictingMeshGatewayHosts';
import { DestinationHostAnalyzer } from './virtualService/destinationHosts';
import { DestinationRuleAnalyzer } from './virtualService/destinationRules';
import { GatewayAnalyzer } from './virtualService/gateways';
import { JwtClaimRouteAnalyzer } from './virtualService/jwtClaimRoutes';
import { UnreachableRuleAnalyzer } from './virtualService/unreachableRules';
import { WebhookAnalyzer } from './webhook/webhook';

/** Istio's analyzers (pkg/config/analysis/analyzers/all.go) that read kinds Meshport writes or reads. */
export const ISTIO_ANALYZERS: Analyzer[] = [
  AnnotationAnalyzer,
  AlphaAnnotationAnalyzer,
  AuthorizationPoliciesAnalyzer,
  BlockedCidrsAnalyzer,
  ConditionAnalyzer,
  DeprecationAnalyzer,
  DeploymentServicesAnalyzer,
  CaCertificateAnalyzer,
  SubsetSelectsPodsAnalyzer,
  EnvoyFilterAnalyzer,
  IngressGatewayPortAnalyzer,
  GatewaySecretAnalyzer,
  ConflictingGatewayAnalyzer,
  GatewayCertificateAnalyzer,
  InjectionAnalyzer,
  ImageAutoAnalyzer,
  ApplicationUidAnalyzer,
  ProxyImageAnalyzer,
  KubernetesGatewaySelectorAnalyzer,
  GatewayApiCrdVersionAnalyzer,
  PortNameAnalyzer,
  ServiceEntryAddressesAnalyzer,
  ConflictingServiceEntryProtocolAnalyzer,
  SidecarSelectorAnalyzer,
  TelemetrySelectorAnalyzer,
  TelemetryDefaultSelectorAnalyzer,
  TelemetryProviderAnalyzer,
  ConflictingMeshGatewayHostsAnalyzer,
  DestinationHostAnalyzer,
  DestinationRuleAnalyzer,
  GatewayAnalyzer,
  JwtClaimRouteAnalyzer,
  UnreachableRuleAnalyzer,
  WebhookAnalyzer,
];

/** Meshport's own checks, for what Istio does not check (MP codes). */
export const MESHPORT_ANALYZERS: Analyzer[] = [
  RouteWeightAnalyzer,
  DenyAllWithoutAllowAnalyzer,
  JwtTransportAnalyzer,
  PeerAuthenticationAnalyzer,
  AuthorizationPathMatchAnalyzer,
  PortLevelMtlsAnalyzer,
  ExcludedTargetPortAnalyzer,
  GatewayConflictsInFilesAnalyzer,
  HttpRulesWithoutWaypointAnalyzer,
  ServiceEntryExportAnalyzer,
  GatewayRouteVisibilityAnalyzer,
  NamespaceWaypointL4RulesAnalyzer,
  PermissivePortUnderDenyAnalyzer,
];

/** Every analyzer, in the order they run. */
export const ALL_ANALYZERS: Analyzer[] = [...ISTIO_ANALYZERS, ...MESHPORT_ANALYZERS];
