import type {
  AuthorizationPolicySpec,
  DestinationRuleSpec,
  EnvoyFilterSpec,
  GatewaySpec,
  KubernetesGatewaySpec,
  KubernetesGRPCRouteSpec,
  KubernetesHTTPRouteSpec,
  PeerAuthenticationSpec,
  RequestAuthenticationSpec,
  ServiceEntrySpec,
  SidecarSpec,
  TelemetrySpec,
  VirtualServiceSpec,
  WorkloadEntrySpec,
} from './crdTypes.generated';
import type { AnalyzedObject } from './kinds';

/**
 * Each Istio and Gateway API kind's spec, typed from its CRD; Gateway API kinds by `kindKey`'s name
 * (KubernetesGateway for a Gateway API Gateway).
 *
 * @public
 */
export interface IstioSpecs {
  AuthorizationPolicy: AuthorizationPolicySpec;
  DestinationRule: DestinationRuleSpec;
  EnvoyFilter: EnvoyFilterSpec;
  Gateway: GatewaySpec;
  KubernetesGateway: KubernetesGatewaySpec;
  GRPCRoute: KubernetesGRPCRouteSpec;
  HTTPRoute: KubernetesHTTPRouteSpec;
  PeerAuthentication: PeerAuthenticationSpec;
  RequestAuthentication: RequestAuthenticationSpec;
  ServiceEntry: ServiceEntrySpec;
  Sidecar: SidecarSpec;
  Telemetry: TelemetrySpec;
  VirtualService: VirtualServiceSpec;
  WorkloadEntry: WorkloadEntrySpec;
}

/**
 * An Istio or Gateway API object whose spec is typed by its CRD, as a renderer builds it: a misspelt or
 * misplaced field fails the type check rather than the API server.
 *
 * @public
 */
export type IstioObject<K extends keyof IstioSpecs> = {
  apiVersion: string;
  kind: string;
  metadata: AnalyzedObject['metadata'];
  spec: IstioSpecs[K];
};
