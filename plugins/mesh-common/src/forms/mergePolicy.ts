import { isRecord } from '@meshport/istio-config';

/** The sections of a service policy a form may set or remove as a whole. */
export const POLICY_SECTIONS = [
  'service',
  'dataPlane',
  'injection',
  'mtls',
  'jwt',
  'authorization',
  'traffic',
  'canary',
  'ingress',
  'telemetry',
  'scope',
  'egress',
] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

/** Entries laid over stored ones: an entry replaces the stored one of its name, the rest are kept in order. */
function mergeByName(stored: unknown[], update: unknown[]): unknown[] {
  const nameOf = (entry: unknown) => (isRecord(entry) ? entry.name : undefined);
  const updated = new Map(update.map(entry => [nameOf(entry), entry]));
  const kept = stored.map(entry => (updated.has(nameOf(entry)) ? updated.get(nameOf(entry)) : entry));
  const added = update.filter(entry => !stored.some(old => nameOf(old) === nameOf(entry)));
  return [...kept, ...added];
}

/**
 * A stored policy (a service's or a namespace's) with a form's sections laid over it. A form owns the sections it sends: each replaces
 * the stored one whole, except `service`, whose fields are merged (a JWT form knows the service's name
 * and namespace from the catalog, not its ports), and `egress`, whose entries are merged by name (an
 * egress form adds or replaces one external service). `remove` drops sections, e.g. an ingress taken down.
 * Pure, and validation is left to the parser so that errors name the merged policy's fields.
 *
 * @public
 */
export function mergePolicyInput(stored: unknown, update: Record<string, unknown>, remove: readonly string[] = []): Record<string, unknown> {
  const merged: Record<string, unknown> = isRecord(stored) ? { ...stored } : {};
  for (const [section, value] of Object.entries(update)) {
    if (value === undefined) continue;
    if (section === 'service' && isRecord(value) && isRecord(merged.service)) merged.service = { ...merged.service, ...value };
    else if (section === 'egress' && Array.isArray(value) && Array.isArray(merged.egress)) merged.egress = mergeByName(merged.egress, value);
    else merged[section] = value;
  }
  for (const section of remove) delete merged[section];
  return merged;
}
