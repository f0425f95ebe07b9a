import { AnalyzedObject } from '@meshport/istio-config';
import { PolicyEffect } from './types';

/**
 * The attributes of a request as one proxy sees them. `principal` and `namespace` are the peer's mTLS
 * identity (absent for plaintext); `method` and `path` exist only for HTTP and only an L7 proxy reads them.
 */
export interface RequestAttributes {
  principal?: string;
  namespace?: string;
  port: number;
  host?: string;
  method?: string;
  path?: string;
  /** "<issuer>/<subject>" of a JWT a RequestAuthentication at this proxy accepted, and its claims. */
  requestPrincipal?: string;
  claims?: Record<string, string[]>;
}

/** The fields of a rule only an HTTP proxy can read (pilot/pkg/serviceregistry/ambient/authorization.go: httpOperations, httpSources, l4WhenAttributes). */
const L7_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const L7_SOURCE_FIELDS = ['requestPrincipals', 'notRequestPrincipals', 'remoteIpBlocks', 'notRemoteIpBlocks'];
const L4_CONDITION_KEYS = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);

/** Istio's string match: exact, "prefix*", "*suffix", or "*" for any present value (security/v1beta1 StringMatch). */
export function matchesIstioString(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return value !== '';
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

const anyMatches = (patterns: unknown, value: string | undefined) => Array.isArray(patterns) && patterns.some(p => matchesIstioString(String(p), value));

/** Whether a value list and its negation both hold: the positive list (when given) matches, the negative does not. */
function holds(positive: unknown, negative: unknown, value: string | undefined): boolean {
  if (Array.isArray(positive) && !anyMatches(positive, value)) return false;
  if (Array.isArray(negative) && anyMatches(negative, value)) return false;
  return true;
}

/** The L7 fields of one rule, as paths: what ztunnel cannot check. */
export function l7FieldsOfRule(rule: any): string[] {
  const fields: string[] = [];
  (rule?.from ?? []).forEach((from: any) => L7_SOURCE_FIELDS.forEach(field => from?.source?.[field] !== undefined && fields.push(`source.${field}`)));
  (rule?.to ?? []).forEach((to: any) => L7_OPERATION_FIELDS.forEach(field => to?.operation?.[field] !== undefined && fields.push(`operation.${field}`)));
  (rule?.when ?? []).forEach((condition: any) => !L4_CONDITION_KEYS.has(String(condition?.key)) && fields.push(`when ${condition?.key}`));
  return fields;
}

/** "ns/sa" of a principal "<trust domain>/ns/<ns>/sa/<sa>". */
function serviceAccountOf(principal: string | undefined): string | undefined {
  const parts = principal?.split('/') ?? [];
  return parts.length === 5 && parts[1] === 'ns' && parts[3] === 'sa' ? `${parts[2]}/${parts[4]}` : undefined;
}

/** Source serviceAccounts name "ns/sa", or "sa" in the policy's namespace (ambient/authorization.go, stringToServiceAccountMatch). */
function serviceAccountsHold(source: any, request: RequestAttributes, policyNamespace: string): boolean {
  const qualify = (values: unknown) => (Array.isArray(values) ? values.map(v => (String(v).includes('/') ? String(v) : `${policyNamespace}/${v}`)) : undefined);
  return holds(qualify(source?.serviceAccounts), qualify(source?.notServiceAccounts), serviceAccountOf(request.principal));
}

function sourceMatches(source: any, request: RequestAttributes, layer: 'L7' | 'L4', policyNamespace: string): boolean {
  if (!holds(source?.principals, source?.notPrincipals, request.principal)) return false;
  if (!serviceAccountsHold(source, request, policyNamespace)) return false;
  if (!holds(source?.namespaces, source?.notNamespaces, request.namespace)) return false;
  if (layer === 'L7' && !holds(source?.requestPrincipals, source?.notRequestPrincipals, request.requestPrincipal)) return false;
  // IP blocks are not part of the request as explained: a rule on them is taken not to match.
  if (Array.isArray(source?.ipBlocks) || (layer === 'L7' && Array.isArray(source?.remoteIpBlocks))) return false;
  return true;
}

function operationMatches(operation: any, request: RequestAttributes, layer: 'L7' | 'L4'): boolean {
  const port = String(request.port);
  if (!holds(operation?.ports, operation?.notPorts, port)) return false;
  if (layer === 'L4') return true;
  if (!holds(operation?.methods, operation?.notMethods, request.method)) return false;
  if (!holds(operation?.paths, operation?.notPaths, request.path)) return false;
  if (!holds(operation?.hosts, operation?.notHosts, request.host)) return false;
  return true;
}

/** The values a condition key has for the request: a claim may hold several. */
function conditionValues(key: string, request: RequestAttributes): Array<string | undefined> {
  if (key === 'source.principal') return [request.principal];
  if (key === 'source.namespace') return [request.namespace];
  if (key === 'destination.port') return [String(request.port)];
  if (key === 'request.auth.principal') return [request.requestPrincipal];
  const claim = key.startsWith('request.auth.claims[') && key.endsWith(']') ? key.slice('request.auth.claims['.length, -1) : undefined;
  if (claim !== undefined) return request.claims?.[claim] ?? [undefined];
  return [undefined];
}

/** A condition holds when a value of the key is among `values` (if given) and none is among `notValues` (pilot/pkg/security/authz/model). */
function conditionMatches(condition: any, request: RequestAttributes, layer: 'L7' | 'L4'): boolean {
  const key = String(condition?.key);
  if (layer === 'L4' && !L4_CONDITION_KEYS.has(key)) return true;
  const values = conditionValues(key, request);
  if (Array.isArray(condition?.values) && !values.some(value => anyMatches(condition.values, value))) return false;
  return !(Array.isArray(condition?.notValues) && values.some(value => anyMatches(condition.notValues, value)));
}

const L4_SOURCE_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'ipBlocks', 'notIpBlocks'];

/**
 * What is left of a from, to or when entry for ztunnel: an entry with no L4 field becomes an empty match,
 * which ztunnel skips, so it matches nothing (Istio's testdata/deny-groups.yaml "Only L7" → `matches: [{}]`;
 * ztunnel src/rbac.rs: `if mg.is_empty() { continue; }`).
 */
function emptyForZtunnel(part: 'from' | 'to' | 'when', entry: any): boolean {
  if (part === 'from') return !L4_SOURCE_FIELDS.some(field => entry?.source?.[field] !== undefined);
  if (part === 'to') return entry?.operation?.ports === undefined && entry?.operation?.notPorts === undefined;
  return !L4_CONDITION_KEYS.has(String(entry?.key));
}

/**
 * Whether one rule matches: any of its sources, any of its operations, all of its conditions (a rule with
 * none of them matches everything). At an L4 proxy the HTTP fields are left out, and an entry left with
 * nothing matches nothing.
 */
export function ruleMatches(rule: any, request: RequestAttributes, layer: 'L7' | 'L4', policyNamespace = 'default'): boolean {
  const from: any[] = rule?.from ?? [];
  const to: any[] = rule?.to ?? [];
  const when: any[] = rule?.when ?? [];
  const usable = (part: 'from' | 'to' | 'when', entry: any) => layer === 'L7' || !emptyForZtunnel(part, entry);
  if (from.length > 0 && !from.some(f => usable('from', f) && sourceMatches(f?.source, request, layer, policyNamespace))) return false;
  if (to.length > 0 && !to.some(t => usable('to', t) && operationMatches(t?.operation, request, layer))) return false;
  return when.every(condition => usable('when', condition) && conditionMatches(condition, request, layer));
}

const isDryRun = (policy: AnalyzedObject) => policy.metadata.annotations?.['istio.io/dry-run'] === 'true';
const nameOf = (policy: AnalyzedObject) => `AuthorizationPolicy ${policy.metadata.namespace ?? 'default'}/${policy.metadata.name}`;

/**
 * One policy against a request at a proxy. ztunnel (L4) converts a policy before it enforces it
 * (pilot/pkg/serviceregistry/ambient/authorization.go, convertAuthorizationPolicy and handleRule): an ALLOW rule that names an HTTP attribute is
 * dropped, so it admits no one; a DENY rule is kept without its HTTP attributes: broader where an entry
 * also names ports or sources, never matching where an entry named only HTTP attributes.
 */
export function policyEffect(policy: AnalyzedObject, request: RequestAttributes, layer: 'L7' | 'L4'): PolicyEffect {
  const action = (policy.spec?.action ?? 'ALLOW') as PolicyEffect['action'];
  const rules: any[] = policy.spec?.rules ?? [];
  const namespace = policy.metadata.namespace ?? 'default';
  const notes: string[] = [];
  const dryRun = isDryRun(policy) ? { dryRun: true as const } : {};
  let matched: boolean;
  if (layer === 'L4' && (action === 'CUSTOM' || action === 'AUDIT')) {
    return { policy: nameOf(policy), action, matched: false, ...dryRun, note: `ztunnel does not support the ${action} action: not applied here` };
  }
  if (layer === 'L4') {
    const kept = rules.filter(rule => action !== 'ALLOW' || l7FieldsOfRule(rule).length === 0);
    const dropped = rules.length - kept.length;
    if (dropped > 0) notes.push(`ztunnel drops ${dropped} ALLOW rule(s) with HTTP attributes`);
    if (action === 'DENY' && rules.some(rule => l7FieldsOfRule(rule).length > 0)) {
      notes.push('ztunnel applies its DENY rules without their HTTP attributes; an entry with nothing else matches nothing');
    }
    // A policy whose rules all went admits nobody (an ALLOW) rather than everybody.
    matched = kept.some(rule => ruleMatches(rule, request, layer, namespace));
  } else {
    // No rules: an ALLOW admits nothing, a DENY denies nothing (security/v1 AuthorizationPolicy).
    matched = rules.some(rule => ruleMatches(rule, request, layer, namespace));
  }
  return { policy: nameOf(policy), action, matched, ...dryRun, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/**
 * The verdict of the policies one proxy applies, in Istio's order: CUSTOM, then DENY, then ALLOW (an ALLOW
 * policy in force means only a matching rule gets in). Dry-run policies are reported and ignored.
 */
export function authorizationVerdict(effects: PolicyEffect[]): { verdict: 'allow' | 'deny'; decidedBy?: string; why: string } {
  const enforced = effects.filter(effect => !effect.dryRun);
  const custom = enforced.find(effect => effect.action === 'CUSTOM' && effect.matched);
  if (custom)
    return { verdict: 'allow', decidedBy: custom.policy, why: `${custom.policy} hands the request to its external authorizer, which Meshport cannot ask` };
  const deny = enforced.find(effect => effect.action === 'DENY' && effect.matched);
  if (deny) return { verdict: 'deny', decidedBy: deny.policy, why: `denied by ${deny.policy}` };
  const allows = enforced.filter(effect => effect.action === 'ALLOW');
  if (allows.length === 0) return { verdict: 'allow', why: 'no ALLOW policy applies, so every request not denied is allowed' };
  const allow = allows.find(effect => effect.matched);
  if (allow) return { verdict: 'allow', decidedBy: allow.policy, why: `allowed by ${allow.policy}` };
  return {
    verdict: 'deny',
    decidedBy: allows.map(effect => effect.policy).join(', '),
    why: `no rule of the ALLOW policies in force (${allows.map(effect => effect.policy).join(', ')}) matches`,
  };
}
