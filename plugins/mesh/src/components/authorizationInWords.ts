import { AuthorizationPolicySummary } from '@meshport/plugin-mesh-common';

/** "cluster.local/ns/orders/sa/order-service" → "order-service (namespace orders)". */
export function principalInWords(principal: string): string {
  const match = /^(?:[^/]+\/)?ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal);
  return match ? `${match[2]} (namespace ${match[1]})` : principal;
}

function list(values: string[] | undefined, fallback: string): string {
  return values && values.length > 0 ? values.join(', ') : fallback;
}

/**
 * An AuthorizationPolicy in sentences a product engineer reads: "order-service (namespace orders) may
 * POST /api/v1/process-payment". One sentence per rule; an ALLOW policy with no rules denies everything.
 */
export function authorizationInWords(policy: AuthorizationPolicySummary): string[] {
  const verb = policy.action === 'DENY' ? 'may not' : 'may';
  if (policy.action === 'ALLOW' && policy.rules.length === 0) return ['Nobody may call (deny by default): only other ALLOW rules let requests in.'];
  if (policy.rules.length === 0) return [`${policy.action} applies to every request.`];
  return policy.rules.map((rule: any) => {
    const sources = (rule.from ?? []).flatMap((from: any) => [
      ...(from.source?.principals ?? []).map(principalInWords),
      ...(from.source?.namespaces ?? []).map((ns: string) => `anything in namespace ${ns}`),
      ...(from.source?.requestPrincipals ?? []).map((p: string) => `tokens from ${p}`),
    ]);
    const operations = (rule.to ?? []).map((to: any) => `${list(to.operation?.methods, 'any method')} ${list(to.operation?.paths, 'any path')}`);
    const conditions = (rule.when ?? []).map((when: any) => `when ${when.key} is ${list(when.values, 'set')}`);
    const what = operations.length > 0 ? operations.join(' or ') : 'call it (any method, any path)';
    return [`${list(sources, 'Anyone')} ${verb} ${what}`, ...conditions].join(' ');
  });
}
