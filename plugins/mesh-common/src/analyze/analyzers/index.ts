import { Analyzer } from '../types';
import { AuthorizationPathMatchAnalyzer } from './authorizationPathMatch';
import { CanarySubsetAnalyzer } from './canarySubsets';
import { ConflictingGatewayAnalyzer } from './conflictingGateways';
import { DenyAllWithoutAllowAnalyzer } from './denyAllWithoutAllow';
import { DestinationRuleTlsAnalyzer } from './destinationRuleTls';
import { JwtTransportAnalyzer } from './jwtTransport';
import { NamespaceInjectionAnalyzer } from './namespaceInjection';
import { PeerAuthenticationAnalyzer } from './peerAuthenticationPorts';
import { PodProxyAnalyzer } from './podProxy';
import { RouteWeightAnalyzer } from './routeWeights';
import { SelectorMatchAnalyzer } from './selectorMatches';
import { VirtualServiceDestinationAnalyzer } from './virtualServiceDestinations';
import { VirtualServiceGatewayAnalyzer } from './virtualServiceGateways';
import { VirtualServiceMatchAnalyzer } from './virtualServiceMatches';

/** Every analyzer, in the order they run. */
export const ALL_ANALYZERS: Analyzer[] = [
  VirtualServiceDestinationAnalyzer,
  VirtualServiceGatewayAnalyzer,
  VirtualServiceMatchAnalyzer,
  RouteWeightAnalyzer,
  NamespaceInjectionAnalyzer,
  PodProxyAnalyzer,
  SelectorMatchAnalyzer,
  DestinationRuleTlsAnalyzer,
  ConflictingGatewayAnalyzer,
  DenyAllWithoutAllowAnalyzer,
  AuthorizationPathMatchAnalyzer,
  JwtTransportAnalyzer,
  PeerAuthenticationAnalyzer,
  CanarySubsetAnalyzer,
];
