import { isHttpProtocol, MeshPolicy } from '../model';
import { ExplainOptions, trafficExplainer } from './explain';
import { TrafficRequest } from './types';

/**
 * A caller Meshport knows of for a service, and the request that stands for its access.
 *
 * @public
 */
export interface KnownCaller {
  /** How the caller is named to people: "orders/order-service". */
  name: string;
  from: TrafficRequest['from'];
  request: { port: number; method?: string; path?: string };
  /** Why Meshport knows it: "allowed caller", "ingress gateway". */
  why: string;
  /** Whether Prometheus saw it call the service over the window. */
  seen?: boolean;
}

/**
 * A caller the portal knows of without a policy naming it: seen calling in Prometheus, or depending on the
 * service in the catalog (the status API's security.callers).
 *
 * @public
 */
export interface ObservedCaller {
  principal: string;
  /** Requests per second over the window, when it called. */
  rate?: number;
  observed: boolean;
  dependsOn?: boolean;
}

/**
 * One known caller's access before and after a change.
 *
 * @public
 */
export interface AccessChange {
  caller: string;
  request: string;
  before: 'allow' | 'deny';
  after: 'allow' | 'deny';
  /** Why the verdict after the change is what it is (the deciding proxy and policy). */
  reason: string;
  why: string;
  /** Whether Prometheus saw the caller call over the window. */
  seen?: boolean;
}

/** "cluster.local/ns/<ns>/sa/<sa>" → namespace and service account. */
function principalParts(principal: string): { namespace: string; serviceAccount: string } | undefined {
  const parts = principal.split('/');
  return parts.length === 5 && parts[1] === 'ns' && parts[3] === 'sa' ? { namespace: parts[2], serviceAccount: parts[4] } : undefined;
}

/** The port a known caller's request goes to: the service's first HTTP port, else its first. */
function callerPort(policy: MeshPolicy): number {
  return (policy.service.ports.find(p => isHttpProtocol(p.protocol ?? 'HTTP')) ?? policy.service.ports[0]).number;
}

/** A caller's data plane as the policy says: in ambient, ambient unless it is listed as still on sidecars. */
function callerDataPlane(policy: MeshPolicy, principal: string): TrafficRequest['from']['dataPlane'] {
  return policy.dataPlane.mode === 'ambient' && !policy.dataPlane.sidecarCallers.includes(principal) ? 'ambient' : 'sidecar';
}

/** A concrete request a path pattern allows: "/api/*" → "/api/x". */
const concretePath = (pattern: string | undefined) => (pattern ? pattern.replace('*', 'x') : '/');

/**
 * The callers a policy names: each allowed caller (its first method and path), callers still on sidecars,
 * and the ingress gateway on its health-check paths. Callers of both policies count, so that one the
 * change removes is still asked about.
 *
 * @public
 */
export function knownCallers(...policies: Array<MeshPolicy | undefined>): KnownCaller[] {
  const callers = new Map<string, KnownCaller>();
  for (const policy of policies) {
    if (!policy) continue;
    const port = callerPort(policy);
    const add = (principal: string, request: KnownCaller['request'], why: string) => {
      const parts = principalParts(principal);
      const name = parts ? `${parts.namespace}/${parts.serviceAccount}` : principal;
      if (!parts || callers.has(`${name} ${request.method ?? ''} ${request.path ?? ''}`)) return;
      callers.set(`${name} ${request.method ?? ''} ${request.path ?? ''}`, {
        name,
        from: { ...parts, dataPlane: callerDataPlane(policy, principal) },
        request,
        why,
      });
    };
    for (const rule of policy.authorization.allow) {
      const request = { port, method: rule.methods[0] ?? 'GET', path: concretePath(rule.paths[0]) };
      for (const principal of rule.principals) add(principal, request, 'allowed caller');
      for (const namespace of rule.namespaces) add(`cluster.local/ns/${namespace}/sa/default`, request, `allowed namespace ${namespace}`);
    }
    for (const path of policy.authorization.healthCheckPaths)
      add(policy.authorization.ingressGatewayPrincipal, { port, method: 'GET', path }, 'ingress gateway health check');
  }
  return [...callers.values()];
}

/** Why an observed caller is known, in words. */
function observedWhy(caller: ObservedCaller): string {
  const seen = caller.observed ? `seen calling${caller.rate === undefined ? '' : ` at ${Number(caller.rate.toPrecision(2))} requests/s`}` : undefined;
  return [seen, caller.dependsOn ? 'depends on it in the catalog' : undefined].filter(Boolean).join(', ');
}

/**
 * The known callers with those Prometheus saw and the catalog's dependents: a caller a policy names is
 * marked seen (its requests stay the policy's); any other is asked for GET / on the service's first HTTP
 * port, as the request that stands for "may it call at all".
 *
 * @public
 */
export function withObservedCallers(known: KnownCaller[], observed: ObservedCaller[], policy: MeshPolicy): KnownCaller[] {
  const out = [...known];
  for (const caller of observed) {
    const principal = caller.principal.replace(/^spiffe:\/\//, '');
    const parts = principalParts(principal);
    const why = observedWhy(caller);
    if (!parts || !why) continue;
    const name = `${parts.namespace}/${parts.serviceAccount}`;
    const named = out.filter(entry => entry.name === name);
    for (const entry of named) out[out.indexOf(entry)] = { ...entry, why: `${entry.why}, ${why}`, seen: entry.seen || caller.observed };
    if (named.length > 0) continue;
    out.push({
      name,
      from: { ...parts, dataPlane: callerDataPlane(policy, principal) },
      request: { port: callerPort(policy), method: 'GET', path: '/' },
      why,
      seen: caller.observed,
    });
  }
  return out;
}

/**
 * Each known caller's verdict before and after a change, over the objects the cluster would hold before
 * and after it (the whole mesh folder of the GitOps repository, so that namespace policies count too).
 *
 * @public
 */
export function accessChanges(before: unknown[], after: unknown[], host: string, callers: KnownCaller[], options: ExplainOptions = {}): AccessChange[] {
  const explainBefore = trafficExplainer(before, options);
  const explainAfter = trafficExplainer(after, options);
  return callers.map(caller => {
    const request: TrafficRequest = { from: caller.from, to: { host, port: caller.request.port }, method: caller.request.method, path: caller.request.path };
    const was = explainBefore(request);
    const is = explainAfter(request);
    return {
      caller: caller.name,
      request: `${caller.request.method ?? ''} ${caller.request.path ?? ''}`.trim(),
      before: was.verdict,
      after: is.verdict,
      reason: is.reason,
      why: caller.why,
      ...(caller.seen ? { seen: true } : {}),
    };
  });
}

/**
 * A change in words: "orders/order-service: POST /api/v1/pay allowed before, denied after (sidecar at …: denied by …)".
 *
 * @public
 */
export function describeAccessChange(change: AccessChange): string {
  const verdict = (value: 'allow' | 'deny') => (value === 'allow' ? 'allowed' : 'denied');
  const when =
    change.before === change.after ? `${verdict(change.after)} before and after` : `${verdict(change.before)} before, ${verdict(change.after)} after`;
  return `${change.caller}: ${change.request} ${when} (${change.reason})`;
}
