import { normalizeObjects, AnalyzedObject } from '@meshport/istio-config';
import { policyScopeFor, policyTargets } from './policyScope';
import { workloadMtls } from './workloadMtls';
import { authorizationVerdict, policyEffect, RequestAttributes } from './authorization';
import { Destination, resolveDestination, TrafficObjects, trafficObjects } from './destination';
import { meshRoute, waypointRoute } from './routes';
import { TrafficExplanation, TrafficHop, TrafficRequest } from './types';
import { externalHops } from './egress';
import { outboundPolicy, sidecarScopeAdmits } from './visibility';

/**
 * What the explanation knows of the mesh besides the objects.
 *
 * @public
 */
export interface ExplainOptions {
  rootNamespace?: string;
  trustDomain?: string;
  clusterDomain?: string;
}

/** The proxy a caller's traffic leaves through. */
const CALLER_PROXY: Record<TrafficRequest['from']['dataPlane'], TrafficHop['proxy']> = { sidecar: 'sidecar', ambient: 'ztunnel', none: 'none' };

const principalOf = (trustDomain: string, namespace: string, serviceAccount: string) => `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;

type PolicyKind = 'AuthorizationPolicy' | 'RequestAuthentication';

/** The policies a sidecar or ztunnel applies to the destination's pods: by selector, namespace or the root namespace. */
function workloadPolicies(
  objects: TrafficObjects,
  destination: Destination,
  rootNamespace: string,
  kind: PolicyKind = 'AuthorizationPolicy',
): AnalyzedObject[] {
  const namespace = destination.service!.namespace;
  return objects.ofKind(kind).filter(policy => policyScopeFor(policy, namespace, destination.labels, rootNamespace) !== undefined);
}

/**
 * The AuthorizationPolicies a waypoint applies to a request for a Service: those attached with targetRefs to
 * the Service, to the waypoint's Gateway, or (in the root namespace) to the istio-waypoint GatewayClass.
 */
function waypointPolicies(
  objects: TrafficObjects,
  destination: Destination,
  rootNamespace: string,
  kind: PolicyKind = 'AuthorizationPolicy',
): AnalyzedObject[] {
  const { service, waypoint } = destination;
  return objects
    .ofKind(kind)
    .filter(policy =>
      policyTargets(policy).some(
        target =>
          (target.kind === 'Service' && target.group === '' && target.name === service!.name && target.namespace === service!.namespace) ||
          (target.kind === 'Gateway' && target.name === waypoint!.name && target.namespace === waypoint!.namespace) ||
          (target.kind === 'GatewayClass' && target.name === 'istio-waypoint' && target.namespace === rootNamespace),
      ),
    );
}

/** The destination's effective mTLS mode on the target port (ambient reads DISABLE as PERMISSIVE). */
function mtlsMode(objects: TrafficObjects, destination: Destination, rootNamespace: string): string {
  const workload = destination.workloads[0] ?? {
    kind: 'Pod',
    metadata: { name: destination.service!.name, namespace: destination.service!.namespace, labels: destination.labels },
  };
  const { ports } = workloadMtls(workload, objects.ofKind('PeerAuthentication'), rootNamespace);
  const mode = (ports.find(port => port.port === destination.service!.targetPort) ?? ports[0]).mode;
  return destination.dataPlane === 'ambient' && mode === 'DISABLE' ? 'PERMISSIVE' : mode;
}

/**
 * The request's JWT as an L7 proxy sees it: accepted when a RequestAuthentication that applies there
 * names its issuer (security/v1 RequestAuthentication); a token of another issuer is taken as none.
 */
function withToken(attributes: RequestAttributes, token: TrafficRequest['token'], authentications: AnalyzedObject[]): RequestAttributes {
  if (!token || !authentications.some(ra => (ra.spec?.jwtRules ?? []).some((rule: any) => rule?.issuer === token.issuer))) return attributes;
  const claims = Object.fromEntries(Object.entries(token.claims ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value : [value]]));
  return { ...attributes, requestPrincipal: `${token.issuer}/${token.subject}`, claims };
}

/** One enforcing hop: the policies it applies to the request as it sees it, and its verdict. */
function enforcingHop(
  proxy: TrafficHop['proxy'],
  at: string,
  policies: AnalyzedObject[],
  attributes: RequestAttributes,
  layer: 'L7' | 'L4',
  note?: string,
): TrafficHop {
  const effects = policies.map(policy => policyEffect(policy, attributes, layer));
  const decision = authorizationVerdict(effects);
  return {
    proxy,
    at,
    ...(attributes.principal ? { identity: attributes.principal } : {}),
    layer,
    policies: effects,
    verdict: decision.verdict,
    note: [note, decision.why].filter(Boolean).join('; '),
  };
}

function outcome(hops: TrafficHop[], explanation: Omit<TrafficExplanation, 'verdict' | 'reason' | 'hops'>, fallback: string): TrafficExplanation {
  const denied = hops.find(hop => hop.verdict === 'deny');
  if (denied) return { verdict: 'deny', reason: `${denied.proxy} at ${denied.at}: ${denied.note}`, hops, ...explanation };
  const last = [...hops].reverse().find(hop => hop.verdict === 'allow');
  return { verdict: 'allow', reason: last ? `${last.proxy} at ${last.at}: ${last.note}` : fallback, hops, ...explanation };
}

/**
 * How Istio handles one request over the objects: see {@link trafficExplainer}.
 *
 * @public
 */
export function explainTraffic(input: unknown[], request: TrafficRequest, options: ExplainOptions = {}): TrafficExplanation {
  return trafficExplainer(input, options)(request);
}

/**
 * How Istio handles one request, hop by hop, from the objects of a cluster or a GitOps folder: which
 * proxies it passes (the caller's sidecar or ztunnel, the destination's waypoint, its sidecar or
 * ztunnel), the identity each sees, the route, and which AuthorizationPolicy decides. Written from Istio's
 * source; each rule names the file it follows.
 *
 * The objects are read and indexed once, for every request the returned function is asked.
 *
 * @public
 */
export function trafficExplainer(input: unknown[], options: ExplainOptions = {}): (request: TrafficRequest) => TrafficExplanation {
  const objects = trafficObjects(normalizeObjects(input));
  return request => explainWith(objects, request, options);
}

function explainWith(objects: TrafficObjects, request: TrafficRequest, options: ExplainOptions): TrafficExplanation {
  const rootNamespace = options.rootNamespace ?? 'istio-system';
  const trustDomain = options.trustDomain ?? 'cluster.local';
  const clusterDomain = options.clusterDomain ?? 'cluster.local';
  const assumptions: string[] = [];
  const caller = request.from;
  const callerPrincipal = principalOf(trustDomain, caller.namespace, caller.serviceAccount);
  const destination = resolveDestination(objects, request.to.host, request.to.port, caller.namespace, clusterDomain, assumptions);
  const hops: TrafficHop[] = [];
  const callerHop: TrafficHop = { proxy: CALLER_PROXY[caller.dataPlane], at: 'caller', policies: [] };
  hops.push(callerHop);

  if (!destination.service) {
    const external = externalHops(objects, request, destination.serviceEntry, { rootNamespace, clusterDomain });
    return outcome(
      external.hops,
      { ...(external.route ? { route: external.route } : {}), assumptions },
      `${request.to.host} is outside the mesh: nothing enforces a policy on it`,
    );
  }

  const service = destination.service;
  const attributes: RequestAttributes = { port: service.targetPort, host: request.to.host, method: request.method, path: request.path };
  const mode = mtlsMode(objects, destination, rootNamespace);
  // A sidecar validates the JWT with the RequestAuthentications of its pods; ztunnel validates none.
  const tokenAttributes =
    destination.dataPlane === 'sidecar'
      ? withToken(attributes, request.token, workloadPolicies(objects, destination, rootNamespace, 'RequestAuthentication'))
      : attributes;
  const at = `${service.namespace}/${service.name}`;
  let route;

  if (caller.dataPlane === 'sidecar') {
    const scope = sidecarScopeAdmits(objects, caller, rootNamespace, { host: destination.host }, assumptions);
    if (!scope.admits) {
      // pilot/pkg/model/sidecar.go: a host outside the egress hosts has no cluster at the caller's proxy.
      const registryOnly = outboundPolicy(objects, rootNamespace) === 'REGISTRY_ONLY';
      callerHop.note = `${scope.sidecar} leaves ${destination.host} out of the caller's proxy scope`;
      if (registryOnly) {
        callerHop.verdict = 'deny';
        callerHop.note += ', and the outbound policy is REGISTRY_ONLY (BlackHoleCluster)';
        return outcome(hops, { assumptions }, '');
      }
      callerHop.note += ': the call leaves as plain TCP (PassthroughCluster), without mTLS';
    } else {
      route = meshRoute(objects, destination.host, { ...request, port: request.to.port, namespace: caller.namespace }, clusterDomain);
      if (route) callerHop.note = `routed by ${route.resource}`;
    }
    const plaintext = !scope.admits;
    return outcome(
      [
        ...hops,
        ...destinationHops(
          objects,
          destination,
          plaintext ? undefined : callerPrincipal,
          caller.namespace,
          tokenAttributes,
          mode,
          rootNamespace,
          at,
          'sidecar',
        ),
      ],
      { ...(route ? { route } : {}), assumptions },
      '',
    );
  }

  if (caller.dataPlane === 'ambient' && destination.dataPlane === 'ambient' && destination.waypoint) {
    // ztunnel sends a request for a Service with a waypoint to the waypoint (pilot/pkg/serviceregistry/ambient/waypoints.go).
    const waypoint = `${destination.waypoint.namespace}/${destination.waypoint.name}`;
    route = waypointRoute(objects, service, request);
    const waypointHop = enforcingHop(
      'waypoint',
      waypoint,
      waypointPolicies(objects, destination, rootNamespace),
      withToken(
        { ...attributes, principal: callerPrincipal, namespace: caller.namespace },
        request.token,
        waypointPolicies(objects, destination, rootNamespace, 'RequestAuthentication'),
      ),
      'L7',
      route ? `routed by ${route.resource}` : undefined,
    );
    hops.push(waypointHop);
    if (waypointHop.verdict === 'deny') return outcome(hops, { ...(route ? { route } : {}), assumptions }, '');
    const waypointPrincipal = principalOf(trustDomain, destination.waypoint.namespace, destination.waypoint.name);
    return outcome(
      [...hops, ...destinationHops(objects, destination, waypointPrincipal, destination.waypoint.namespace, attributes, mode, rootNamespace, at, 'waypoint')],
      { ...(route ? { route } : {}), assumptions },
      '',
    );
  }

  const peer = caller.dataPlane === 'none' ? undefined : callerPrincipal;
  return outcome(
    [...hops, ...destinationHops(objects, destination, peer, caller.namespace, tokenAttributes, mode, rootNamespace, at, caller.dataPlane)],
    { assumptions },
    '',
  );
}

/**
 * The destination side: its sidecar (L7) or its node's ztunnel (L4), with the identity that reaches it
 * (none for plaintext, which STRICT refuses), and its verdict.
 */
function destinationHops(
  objects: TrafficObjects,
  destination: Destination,
  principal: string | undefined,
  namespace: string,
  attributes: RequestAttributes,
  mode: string,
  rootNamespace: string,
  at: string,
  from: string,
): TrafficHop[] {
  if (destination.dataPlane === 'none') {
    return [{ proxy: 'none', at, policies: [], note: 'the destination has no proxy: nothing there enforces a policy' }];
  }
  const proxy = destination.dataPlane === 'sidecar' ? 'sidecar' : 'ztunnel';
  const layer = proxy === 'sidecar' ? 'L7' : 'L4';
  if (!principal && mode === 'STRICT') {
    return [{ proxy, at, layer, policies: [], verdict: 'deny', note: `mTLS is STRICT on port ${attributes.port}: a plaintext request is refused` }];
  }
  const bypass =
    from === 'sidecar' && destination.waypoint
      ? `the caller's sidecar sends to the destination's ztunnel directly, not through waypoint ${destination.waypoint.namespace}/${destination.waypoint.name}`
      : undefined;
  return [
    enforcingHop(
      proxy,
      at,
      workloadPolicies(objects, destination, rootNamespace),
      { ...attributes, ...(principal ? { principal, namespace } : {}) },
      layer,
      [bypass, principal ? undefined : `plaintext accepted (mTLS ${mode})`].filter(Boolean).join('; ') || undefined,
    ),
  ];
}
