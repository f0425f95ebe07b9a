import { canaryWeight } from '@meshport/plugin-mesh-common';

/** Why a canary weight cannot be used (the policy model's rule, in its words), or undefined. */
export function canaryWeightError(value: unknown): string | undefined {
  const parsed = canaryWeight.safeParse(value);
  return parsed.success ? undefined : `${parsed.error.issues[0].message} (a percent from 0 to 100; the stable version gets the rest)`;
}
