import { callerName, AuthorizationPolicySummary, CallerCheck, DryRunStatus } from '@meshport/plugin-mesh-common';

/** A principal as AuthorizationPolicies name it: Istio's metrics prefix it with "spiffe://". */
const bare = (principal: string) => principal.replace(/^spiffe:\/\//, '');

/** Who the ALLOW policies in force admit for at least some requests: named principals, whole namespaces, or anyone. */
interface Admission {
  anyone: boolean;
  principals: Set<string>;
  namespaces: Set<string>;
}

function admission(policies: AuthorizationPolicySummary[]): Admission {
  const allow = policies.filter(p => p.action === 'ALLOW' && !p.dryRun);
  // No ALLOW policy: nothing is denied for want of one.
  if (allow.length === 0) return { anyone: true, principals: new Set(), namespaces: new Set() };
  const rules = allow.flatMap(p => p.rules as any[]);
  const sources = rules.flatMap(rule => (rule?.from ?? []).map((from: any) => from?.source ?? {}));
  // A rule without a source, or a source naming neither principals nor namespaces, admits every caller (for its operations).
  const anyone = rules.some(rule => !rule?.from?.length) || sources.some((source: any) => !source.principals && !source.namespaces);
  return {
    anyone,
    principals: new Set(
      sources
        .flatMap((source: any) => source.principals ?? [])
        .map(String)
        .map(bare),
    ),
    namespaces: new Set(sources.flatMap((source: any) => source.namespaces ?? []).map(String)),
  };
}

function admits(admitted: Admission, principal: string): boolean {
  const namespace = /\/ns\/([^/]+)\//.exec(principal)?.[1];
  return admitted.anyone || admitted.principals.has(principal) || (namespace !== undefined && admitted.namespaces.has(namespace));
}

/** One caller in words: what it did, whether it may, and what the catalog says (when it was read). */
function callerInWords(caller: { name: string; rate?: number; allowed: boolean; dependsOn?: boolean; window: string }): string {
  const { name, rate, allowed, dependsOn, window } = caller;
  if (rate !== undefined) {
    const denied = allowed ? '' : ' but no ALLOW rule admits it: its requests are denied';
    const catalog = dependsOn === false ? `${allowed ? ',' : ';'} and the catalog does not say it depends on you` : '';
    return `${name} calls you (${rate.toFixed(2)} req/s)${denied}${catalog}`;
  }
  if (dependsOn) return `the catalog says ${name} depends on you, but it did not call in the last ${window}${allowed ? '' : ', and no ALLOW rule admits it'}`;
  return `${name} may call you but did not in the last ${window}`;
}

/**
 * Who calls against who may: each principal seen calling the entity, and each one the ALLOW policies name,
 * with what is wrong in words ("calls you but no ALLOW rule admits it", "may call but did not").
 */
export function callerChecks(
  policies: AuthorizationPolicySummary[],
  callers: Array<{ principal: string; rate: number }>,
  window: string,
  dependents?: Array<{ ref: string; principal: string }>,
): CallerCheck[] {
  const admitted = admission(policies);
  const seen = new Map(callers.filter(c => c.principal !== 'unknown' && c.rate > 0).map(c => [bare(c.principal), c.rate]));
  const catalog = new Map((dependents ?? []).map(d => [d.principal, d.ref]));
  const principals = [...new Set([...seen.keys(), ...admitted.principals, ...catalog.keys()])].filter(p => !p.includes('*')).sort();
  return principals.map(principal => {
    const rate = seen.get(principal);
    const isAllowed = admits(admitted, principal);
    const dependent = catalog.get(principal);
    const name = callerName(principal, dependent);
    const words = callerInWords({ name, rate, allowed: isAllowed, dependsOn: dependents ? Boolean(dependent) : undefined, window });
    return {
      principal,
      ...(rate !== undefined ? { rate } : {}),
      allowed: isAllowed,
      observed: rate !== undefined,
      ...(dependents ? { dependsOn: Boolean(dependent) } : {}),
      ...(dependent ? { entityRef: dependent } : {}),
      words,
    };
  });
}

/** The dry-run policies in force and what they would have denied, or why that is not known. */
export function dryRunStatus(
  policies: AuthorizationPolicySummary[],
  deniedPerSecond: number | undefined,
  window: string,
  unavailable?: string,
): DryRunStatus | undefined {
  const tried = policies.filter(p => p.dryRun).map(p => `${p.namespace}/${p.name}`);
  if (tried.length === 0) return undefined;
  if (unavailable) return { policies: tried, window, unavailable };
  return { policies: tried, window, deniedPerSecond: deniedPerSecond ?? 0 };
}
