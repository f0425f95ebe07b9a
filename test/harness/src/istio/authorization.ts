/**
 * A reference model of how Istio's proxy decides a request against AuthorizationPolicies and
 * RequestAuthentications (istio.io/latest/docs/reference/config/security/authorization-policy and
 * .../request_authentication), for tests that ask "would this request get through?". It covers what
 * Meshport renders: workload selectors, the CUSTOM/DENY/ALLOW order, every source and operation field,
 * `when` conditions on JWT claims, and the default BASE path normalization. Not product code.
 */

/** A request as the workload's proxy sees it. */
export interface MeshRequest {
  method: string;
  /** The path as the client sent it, before the proxy normalizes it (no query string). */
  path: string;
  host?: string;
  port?: number;
  /** The peer's mTLS identity, e.g. "cluster.local/ns/orders/sa/order-service". */
  sourcePrincipal?: string;
  sourceNamespace?: string;
  /** A bearer token: its issuer, subject and claims. */
  token?: { issuer: string; subject: string; claims?: Record<string, unknown> };
}

export type MeshDecision = 'allowed' | 'denied' | 'unauthenticated';

interface KubeObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: any;
}

/**
 * Istio's BASE path normalization (the mesh default): backslashes become slashes, percent-encoded
 * unreserved characters are decoded and dot segments removed, as RFC 3986 section 6 says. Slashes
 * are not merged and case is kept: that is what MERGE_SLASHES and the application may do differently.
 */
export function normalizeBase(path: string): string {
  const decoded = path.replace(/\\/g, '/').replace(/%([0-9A-Fa-f]{2})/g, (whole, hex) => {
    const character = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(character) ? character : whole.toUpperCase();
  });
  const output: string[] = [];
  const segments = decoded.split('/');
  segments.forEach((segment, index) => {
    if (segment === '.') {
      if (index === segments.length - 1) output.push('');
    } else if (segment === '..') {
      if (output.length > 1) output.pop();
      if (index === segments.length - 1) output.push('');
    } else {
      output.push(segment);
    }
  });
  return output.join('/') || '/';
}

/** Istio's string match: exact, "prefix*", "*suffix", or "*" for any non-empty value. */
function matchesValue(pattern: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/** A field with positive and negative lists: set positives must match, set negatives must not. */
function fieldMatches(positive: string[] | undefined, negative: string[] | undefined, value: string | undefined): boolean {
  if (positive && positive.length > 0 && !positive.some(pattern => matchesValue(pattern, value))) return false;
  if (negative && negative.length > 0 && negative.some(pattern => matchesValue(pattern, value))) return false;
  return true;
}

function requestPrincipalOf(request: MeshRequest, validIssuers: Set<string>): string | undefined {
  return request.token && validIssuers.has(request.token.issuer) ? `${request.token.issuer}/${request.token.subject}` : undefined;
}

function claimValue(claims: Record<string, unknown> | undefined, key: string): string[] {
  const path = [...key.matchAll(/\[([^[\]]+)\]/g)].map(match => match[1]);
  let current: unknown = claims;
  for (const part of path) current = (current as Record<string, unknown> | undefined)?.[part];
  if (current === undefined || current === null) return [];
  return Array.isArray(current) ? current.map(String) : [String(current)];
}

function conditionMatches(condition: any, request: MeshRequest, principal: string | undefined): boolean {
  const key: string = condition.key;
  let values: string[] = [];
  if (key.startsWith('request.auth.claims')) values = principal ? claimValue(request.token?.claims, key.slice('request.auth.claims'.length)) : [];
  else if (key === 'source.namespace') values = request.sourceNamespace ? [request.sourceNamespace] : [];
  else if (key === 'source.principal') values = request.sourcePrincipal ? [request.sourcePrincipal] : [];
  else if (key === 'request.auth.principal') values = principal ? [principal] : [];
  else throw new Error(`the reference model does not know the condition key ${key}`);
  const anyMatch = (patterns: string[]) => values.some(value => patterns.some(pattern => matchesValue(pattern, value)));
  if (condition.values && !anyMatch(condition.values)) return false;
  if (condition.notValues && anyMatch(condition.notValues)) return false;
  return true;
}

function ruleMatches(rule: any, request: MeshRequest, principal: string | undefined): boolean {
  const path = normalizeBase(request.path);
  const sourceOk = (source: any) =>
    fieldMatches(source.principals, source.notPrincipals, request.sourcePrincipal) &&
    fieldMatches(source.requestPrincipals, source.notRequestPrincipals, principal) &&
    fieldMatches(source.namespaces, source.notNamespaces, request.sourceNamespace);
  const operationOk = (operation: any) =>
    fieldMatches(operation.methods, operation.notMethods, request.method) &&
    fieldMatches(operation.paths, operation.notPaths, path) &&
    fieldMatches(operation.hosts, operation.notHosts, request.host) &&
    fieldMatches(operation.ports, operation.notPorts, request.port === undefined ? undefined : String(request.port));
  if (rule.from && !rule.from.some((entry: any) => sourceOk(entry.source ?? {}))) return false;
  if (rule.to && !rule.to.some((entry: any) => operationOk(entry.operation ?? {}))) return false;
  if (rule.when && !rule.when.every((condition: any) => conditionMatches(condition, request, principal))) return false;
  return true;
}

function appliesTo(object: KubeObject, namespace: string, labels: Record<string, string>, rootNamespace: string): boolean {
  const objectNamespace = object.metadata.namespace ?? 'default';
  if (objectNamespace !== namespace && objectNamespace !== rootNamespace) return false;
  const matchLabels: Record<string, string> = object.spec?.selector?.matchLabels ?? {};
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

/**
 * What the proxy of a workload (its namespace and pod labels) does with a request, given every
 * AuthorizationPolicy and RequestAuthentication that exists: a token from an issuer no
 * RequestAuthentication trusts is refused ("unauthenticated"); then DENY policies, then ALLOW ones.
 */
export function decideRequest(
  objects: KubeObject[],
  workload: { namespace: string; labels: Record<string, string> },
  request: MeshRequest,
  rootNamespace = 'istio-system',
): MeshDecision {
  const inScope = objects.filter(object => appliesTo(object, workload.namespace, workload.labels, rootNamespace));
  const issuers = new Set<string>(
    inScope.filter(object => object.kind === 'RequestAuthentication').flatMap(object => (object.spec?.jwtRules ?? []).map((rule: any) => rule.issuer)),
  );
  if (request.token && issuers.size > 0 && !issuers.has(request.token.issuer)) return 'unauthenticated';
  const principal = requestPrincipalOf(request, issuers);
  const policies = inScope.filter(object => object.kind === 'AuthorizationPolicy');
  const matches = (policy: KubeObject) => (policy.spec?.rules ?? []).some((rule: any) => ruleMatches(rule, request, principal));
  const action = (policy: KubeObject) => policy.spec?.action ?? 'ALLOW';
  if (policies.some(policy => action(policy) === 'DENY' && matches(policy))) return 'denied';
  const allowPolicies = policies.filter(policy => action(policy) === 'ALLOW');
  if (allowPolicies.length === 0) return 'allowed';
  return allowPolicies.some(matches) ? 'allowed' : 'denied';
}
