/** The sections of a service policy a form may set or remove as a whole. */
export const POLICY_SECTIONS = ['service', 'injection', 'mtls', 'jwt', 'authorization', 'traffic', 'canary', 'ingress', 'telemetry'] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored policy with a form's sections laid over it. A form owns the sections it sends: each replaces
 * the stored one whole, except `service`, whose fields are merged (a JWT form knows the service's name
 * and namespace from the catalog, not its ports). `remove` drops sections, e.g. an ingress taken down.
 * Pure, and validation is left to the parser so that errors name the merged policy's fields.
 */
export function mergePolicyInput(stored: unknown, update: Record<string, unknown>, remove: readonly string[] = []): Record<string, unknown> {
  const merged: Record<string, unknown> = isRecord(stored) ? { ...stored } : {};
  for (const [section, value] of Object.entries(update)) {
    if (value === undefined) continue;
    merged[section] = section === 'service' && isRecord(value) && isRecord(merged.service) ? { ...merged.service, ...value } : value;
  }
  for (const section of remove) delete merged[section];
  return merged;
}
