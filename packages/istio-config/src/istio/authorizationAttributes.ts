import { AnalyzedObject } from '../objects/kinds';

/** The request attributes ztunnel reads; every other `when` key is an HTTP one (ambient/authorization.go). */
const L4_CONDITION_KEYS = new Set(['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port']);
const HTTP_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const HTTP_SOURCE_FIELDS = ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'];

/**
 * The HTTP attributes an AuthorizationPolicy's rules match on, as "rules[i].to[j].operation.paths" paths.
 *
 * @public
 */
export function httpAttributes(policy: AnalyzedObject): string[] {
  const found: string[] = [];
  (policy.spec?.rules ?? []).forEach((rule: any, i: number) => {
    (rule?.to ?? []).forEach((to: any, j: number) =>
      HTTP_OPERATION_FIELDS.filter(field => to?.operation?.[field] !== undefined).forEach(field => found.push(`rules[${i}].to[${j}].operation.${field}`)),
    );
    (rule?.from ?? []).forEach((from: any, j: number) =>
      HTTP_SOURCE_FIELDS.filter(field => from?.source?.[field] !== undefined).forEach(field => found.push(`rules[${i}].from[${j}].source.${field}`)),
    );
    (rule?.when ?? []).forEach((condition: any, j: number) => {
      if (!L4_CONDITION_KEYS.has(String(condition?.key))) found.push(`rules[${i}].when[${j}] (${condition?.key})`);
    });
  });
  return found;
}
