/**
 * How a caller's traffic leaves it: through its sidecar, through its node's ztunnel (ambient), or with no proxy.
 *
 * @public
 */
export type CallerDataPlane = 'sidecar' | 'ambient' | 'none';

/**
 * One request to explain: who calls (namespace, service account and data plane), what it calls, and, for
 * HTTP, the method and path.
 *
 * @public
 */
export interface TrafficRequest {
  from: { namespace: string; serviceAccount: string; dataPlane: CallerDataPlane };
  to: { host: string; port: number };
  method?: string;
  path?: string;
  /** A valid JWT the request carries: its issuer, subject and claims. */
  token?: { issuer: string; subject: string; claims?: Record<string, string | string[]> };
}

/**
 * What one AuthorizationPolicy did to the request at one proxy.
 *
 * @public
 */
export interface PolicyEffect {
  /** "AuthorizationPolicy namespace/name". */
  policy: string;
  action: 'ALLOW' | 'DENY' | 'CUSTOM' | 'AUDIT';
  /** Whether a rule matched; "skipped" for a policy this proxy does not apply. */
  matched: boolean;
  /** Dry-run (istio.io/dry-run): reported, not enforced. */
  dryRun?: true;
  /** Why it matched, did not, or what this proxy left out of it. */
  note?: string;
}

/**
 * One proxy the request passes, what it saw of the caller, and what it decided.
 *
 * @public
 */
export interface TrafficHop {
  proxy: 'sidecar' | 'ztunnel' | 'waypoint' | 'gateway' | 'none';
  /** Where the proxy runs: "caller", or the workload, waypoint or node it serves. */
  at: string;
  /** The peer identity this proxy authenticates, if any (a SPIFFE principal without "spiffe://"). */
  identity?: string;
  /** Whether the proxy evaluates HTTP attributes (sidecars and waypoints) or only L4 ones (ztunnel). */
  layer?: 'L7' | 'L4';
  policies: PolicyEffect[];
  /** This hop's verdict, when it enforces anything. */
  verdict?: 'allow' | 'deny';
  note?: string;
}

/**
 * Istio's verdict for a request, hop by hop, with the reason in words.
 *
 * @public
 */
export interface TrafficExplanation {
  verdict: 'allow' | 'deny';
  reason: string;
  hops: TrafficHop[];
  /** The route that sends the request on, when a VirtualService or HTTPRoute applies. */
  route?: { resource: string; destinations: string[] };
  /** What the explanation assumed for lack of objects (a data plane, a workload's labels). */
  assumptions: string[];
}
