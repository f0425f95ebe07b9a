import { trimEndOf } from '@meshport/istio-config';
import type { PolicySections } from './sections/policySections';

/** One reason a policy cannot run on its data plane, at the field that causes it. */
export interface DataPlaneIssue {
  path: Array<string | number>;
  message: string;
}

/** What a policy asks of the data plane that only an HTTP proxy can do, in words, with the field asking. */
export interface L7Need {
  path: string;
  what: string;
}

type PolicyParts = Pick<PolicySections, 'authorization' | 'jwt' | 'ingress' | 'traffic' | 'canary' | 'telemetry'>;

/**
 * The parts of a policy that need an HTTP (L7) proxy: ztunnel enforces identities, namespaces and ports
 * only; methods, paths, tokens and claims, HTTP routing and tracing need a sidecar or a waypoint.
 */
export function l7Needs(policy: PolicyParts): L7Need[] {
  const needs: L7Need[] = [];
  policy.authorization.allow.forEach((rule, index) => {
    if (rule.methods.length + rule.paths.length > 0) needs.push({ path: `authorization.allow.${index}`, what: 'allows callers by method or path' });
  });
  if (policy.authorization.healthCheckPaths.length > 0) needs.push({ path: 'authorization.healthCheckPaths', what: 'lets the ingress gateway probe paths' });
  if (policy.jwt) needs.push({ path: 'jwt', what: 'checks end-user tokens' });
  if (policy.ingress) needs.push({ path: 'ingress', what: 'lets the ingress gateway in on its paths only' });
  if (policy.traffic) needs.push({ path: 'traffic', what: 'sets an HTTP traffic policy' });
  if (policy.canary) needs.push({ path: 'canary', what: 'splits HTTP traffic between versions' });
  if (policy.telemetry) needs.push({ path: 'telemetry', what: 'traces requests' });
  return needs;
}

/** Whether the service runs in ambient mode with rules that need its waypoint. */
export function needsWaypoint(policy: Pick<PolicySections, 'dataPlane'> & PolicyParts): boolean {
  return policy.dataPlane.mode === 'ambient' && l7Needs(policy).length > 0;
}

const WAYPOINT_SUFFIX = '-waypoint';

/** The service's waypoint: the one named, else "<service>-waypoint" cut to a DNS label. */
export function waypointName(policy: Pick<PolicySections, 'dataPlane' | 'service'>): string {
  if (policy.dataPlane.waypoint) return policy.dataPlane.waypoint;
  return `${trimEndOf(policy.service.name.slice(0, 63 - WAYPOINT_SUFFIX.length), '-')}${WAYPOINT_SUFFIX}`;
}

/** The identity the waypoint's proxy runs as: Istio gives a waypoint a service account of its own name. */
export function waypointPrincipal(policy: Pick<PolicySections, 'dataPlane' | 'service'>): string {
  return `cluster.local/ns/${policy.service.namespace}/sa/${waypointName(policy)}`;
}

/** Whether the service's pods get a sidecar: injection on, in sidecar mode. */
export function getsSidecar(policy: Pick<PolicySections, 'dataPlane' | 'injection'>): boolean {
  return policy.injection.enabled && policy.dataPlane.mode === 'sidecar';
}

/** The error for a setting that means something in ambient mode only, given in sidecar mode. */
export const AMBIENT_ONLY = 'applies to ambient mode only: set dataPlane.mode to "ambient" or leave it out';

/** What the data-plane choice forbids elsewhere in the policy. */
export function dataPlaneIssues(policy: Pick<PolicySections, 'dataPlane' | 'injection' | 'mtls' | 'scope'> & PolicyParts): DataPlaneIssue[] {
  const { dataPlane, injection } = policy;
  const issues: DataPlaneIssue[] = [];
  const withWaypoint = needsWaypoint(policy);
  if (dataPlane.sidecarCallers.length > 0 && !withWaypoint) {
    issues.push({
      path: ['dataPlane', 'sidecarCallers'],
      message: 'applies to ambient mode with a waypoint only: without one, ztunnel sees every caller as it is',
    });
  }
  if (dataPlane.mode === 'ambient') {
    // pilot/pkg/serviceregistry/ambient/authorization.go (convertPeerAuthentication) reads DISABLE as PERMISSIVE.
    const disable = 'is DISABLE, which ambient mode reads as PERMISSIVE (ztunnel still speaks mTLS and also takes plaintext): say PERMISSIVE';
    if (policy.mtls.mode === 'DISABLE') issues.push({ path: ['mtls', 'mode'], message: disable });
    policy.mtls.portOverrides.forEach((override, index) => {
      if (override.mode === 'DISABLE') issues.push({ path: ['mtls', 'portOverrides', index, 'mode'], message: disable });
    });
    const noSidecar = 'configures the sidecar, and ambient pods have none: leave it out';
    if (Object.values(injection.proxyResources ?? {}).some(value => value !== undefined))
      issues.push({ path: ['injection', 'proxyResources'], message: noSidecar });
    if (injection.excludeInboundPorts.length > 0) issues.push({ path: ['injection', 'excludeInboundPorts'], message: noSidecar });
    if (injection.excludeOutboundPorts.length > 0) issues.push({ path: ['injection', 'excludeOutboundPorts'], message: noSidecar });
    if (policy.scope) issues.push({ path: ['scope'], message: 'limits what a sidecar learns of the mesh, and ambient pods have none: leave it out' });
    // A waypoint tries dry-run policies as a sidecar does; istiod sends ztunnel none unless AMBIENT_ENABLE_DRY_RUN_AUTHORIZATION_POLICY
    // is on (off in Istio 1.30: pilot/pkg/features/ambient.go), so without a waypoint nothing would be tried.
    if (policy.authorization.dryRun && !withWaypoint)
      issues.push({
        path: ['authorization', 'dryRun'],
        message:
          'needs a waypoint in ambient mode: ztunnel enforces these policies, and Istio 1.30 sends it no dry-run policy (AMBIENT_ENABLE_DRY_RUN_AUTHORIZATION_POLICY is off), so nothing would be tried',
      });
    // The waypoint routes with an HTTPRoute: no fault injection or Envoy retry conditions.
    const httpRoute =
      'has no HTTPRoute equivalent, and a waypoint routes with an HTTPRoute (VirtualServices are Alpha on waypoints): leave it out in ambient mode';
    if (policy.canary?.fault) issues.push({ path: ['canary', 'fault'], message: httpRoute });
    if (policy.traffic?.retries) issues.push({ path: ['traffic', 'retries'], message: httpRoute });
    // Gateway API's HTTPHeaderMatch value: no space at either end, none doubled.
    if (policy.canary?.headerMatch && !/^[!-~]+([\t ][!-~]+)*$/.test(policy.canary.headerMatch.value)) {
      issues.push({
        path: ['canary', 'headerMatch', 'value'],
        message: 'has a space at an end or two in a row, which an HTTPRoute header match (ambient mode) does not take',
      });
    }
    if (dataPlane.useExistingWaypoint && !dataPlane.waypoint)
      issues.push({ path: ['dataPlane', 'waypoint'], message: 'names no waypoint: useExistingWaypoint needs the name of the one to use' });
  } else {
    if (dataPlane.waypoint) issues.push({ path: ['dataPlane', 'waypoint'], message: AMBIENT_ONLY });
    if (dataPlane.useExistingWaypoint) issues.push({ path: ['dataPlane', 'useExistingWaypoint'], message: AMBIENT_ONLY });
  }
  return issues;
}
