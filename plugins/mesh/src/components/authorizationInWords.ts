import { AuthorizationPolicySummary, principalInWords } from '@meshport/plugin-mesh-common';

/** How a rule names a principal: by default in words; the Mesh tab passes the catalog's names. */
type NameOf = (principal: string) => string;

function either(values: string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function tokenPhrase(requestPrincipals: string[] | undefined, negative: boolean): string[] {
  if (!requestPrincipals?.length) return [];
  if (requestPrincipals.includes('*')) return [negative ? 'without a valid token' : 'with a valid token'];
  return [`${negative ? 'without' : 'with'} a token from ${either(requestPrincipals)}`];
}

/** Who a rule's source is: every field of one source must hold. */
function sourceInWords(source: any, nameOf: NameOf): string {
  const who = [...(source.principals ?? []).map(nameOf), ...(source.namespaces ?? []).map((ns: string) => `anything in namespace ${ns}`)];
  const qualifiers = [
    ...(source.notPrincipals?.length ? [`other than ${either(source.notPrincipals.map(nameOf))}`] : []),
    ...(source.notNamespaces?.length ? [`outside namespace ${either(source.notNamespaces)}`] : []),
    ...tokenPhrase(source.requestPrincipals, false),
    ...tokenPhrase(source.notRequestPrincipals, true),
    ...(source.ipBlocks?.length ? [`from ${either(source.ipBlocks)}`] : []),
    ...(source.notIpBlocks?.length ? [`not from ${either(source.notIpBlocks)}`] : []),
  ];
  return [who.length > 0 ? either(who) : 'Anyone', ...qualifiers].join(' ');
}

function pathsInWords(operation: any): string {
  return field(operation.paths, operation.notPaths, { is: v => v, isNot: v => `any path except ${v}`, unset: 'any path' });
}

/** One operation field in words: its positive list, its negative list, or what it says when unset. */
function field(
  positive: string[] | undefined,
  negative: string[] | undefined,
  words: { is: (v: string) => string; isNot: (v: string) => string; unset: string },
): string {
  if (positive?.length) return words.is(either(positive));
  if (negative?.length) return words.isNot(either(negative));
  return words.unset;
}

function operationInWords(operation: any): string {
  const methods = field(operation.methods, operation.notMethods, { is: v => v, isNot: v => `call (with any method but ${v})`, unset: 'call' });
  const hosts = field(operation.hosts, operation.notHosts, { is: v => ` on ${v}`, isNot: v => ` on hosts other than ${v}`, unset: '' });
  const ports = field(operation.ports, operation.notPorts, { is: v => ` on port ${v}`, isNot: v => ` on ports other than ${v}`, unset: '' });
  return `${methods} ${pathsInWords(operation)}${hosts}${ports}`;
}

function conditionInWords(condition: any): string {
  const key = String(condition.key)
    .replace(/^request\.auth\.claims/, "the token's claim ")
    .replace(/\]\[/g, '.')
    .replace(/[[\]]/g, '');
  if (condition.values?.length) return `when ${key} is ${either(condition.values)}`;
  if (condition.notValues?.length) return `when ${key} is not ${either(condition.notValues)} (or is missing)`;
  return `when ${key} is set`;
}

const SENTENCES: Record<string, (who: string, what: string) => string> = {
  ALLOW: (who, what) => `${who} may ${what}`,
  DENY: (who, what) => `${who} may not ${what}`,
  AUDIT: (who, what) => `Audited: ${who} when they ${what}`,
  CUSTOM: (who, what) => `Checked by the external authorizer: ${who} when they ${what}`,
};

const NO_RULES: Record<string, string> = {
  ALLOW: 'Nobody may call (deny by default): only other ALLOW rules let requests in.',
  DENY: 'Denies nothing: a DENY policy without rules matches no request.',
  AUDIT: 'Audits nothing: an AUDIT policy without rules matches no request.',
  CUSTOM: 'Sends nothing to the external authorizer: a CUSTOM policy without rules matches no request.',
};

/**
 * An AuthorizationPolicy in sentences a product engineer reads: "order-service (namespace orders) may
 * POST /api/v1/process-payment". One sentence per rule, every negative field said as such ("any path
 * except /healthz", "without a valid token", "is not customer (or is missing)").
 */
export function authorizationInWords(policy: AuthorizationPolicySummary, nameOf: NameOf = principalInWords): string[] {
  const action = policy.action ?? 'ALLOW';
  if (policy.rules.length === 0) return [NO_RULES[action] ?? NO_RULES.ALLOW];
  return policy.rules.map((rule: any) => {
    const sources = (rule.from ?? []).map((from: any) => sourceInWords(from.source ?? {}, nameOf));
    const operations = (rule.to ?? []).map((to: any) => operationInWords(to.operation ?? {}));
    const conditions = (rule.when ?? []).map(conditionInWords);
    const who = sources.length > 0 ? sources.join('; or ') : 'Anyone';
    const what = operations.length > 0 ? operations.join(', or ') : 'call any path';
    return [(SENTENCES[action] ?? SENTENCES.ALLOW)(who, what), ...conditions].join(', ');
  });
}
