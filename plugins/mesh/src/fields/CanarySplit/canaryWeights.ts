/** The stable and canary weights for a canary weight: they always sum to 100. */
export function splitFor(canaryWeight: number): { stable: number; canary: number } {
  const canary = Math.min(100, Math.max(0, Math.round(canaryWeight)));
  return { stable: 100 - canary, canary };
}

/** Why a canary weight cannot be used, or undefined. */
export function canaryWeightError(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    return 'must be a whole number from 0 to 100 (the stable version gets the rest)';
  }
  return undefined;
}
