import { HealthAssessment, HealthState, HealthStatus } from '@meshport/plugin-mesh-common';
import { InputError } from '@backstage/errors';

/**
 * The error rates (percent of 5xx answers) at which a service is degraded, and failing.
 *
 * @public
 */
export interface ErrorRateThresholds {
  degradedPercent: number;
  failingPercent: number;
}

/**
 * Kiali's defaults for HTTP 5xx: degraded from 0.1%, failing from 10%.
 *
 * @public
 */
export const DEFAULT_ERROR_RATE_THRESHOLDS: ErrorRateThresholds = { degradedPercent: 0.1, failingPercent: 10 };

/**
 * The catalog annotation a component sets its own thresholds with: "degraded=0.5,failing=5" (percent).
 *
 * @public
 */
export const HEALTH_THRESHOLDS_ANNOTATION = 'meshport.io/error-rate-thresholds';

/**
 * A component's thresholds from its annotation, else the defaults; an error naming the annotation when it cannot be read.
 *
 * @public
 */
export function errorRateThresholdsFrom(
  annotation: string | undefined,
  defaults: ErrorRateThresholds,
): { thresholds: ErrorRateThresholds; source: 'entity' | 'config' } {
  if (annotation === undefined) return { thresholds: defaults, source: 'config' };
  const values = new Map(
    annotation.split(',').map(part => {
      const [key, value] = part.split('=').map(s => s.trim());
      return [key, Number(value?.replace(/%$/, ''))] as const;
    }),
  );
  const degraded = values.get('degraded');
  const failing = values.get('failing');
  const valid = (n: number | undefined) => n !== undefined && Number.isFinite(n) && n >= 0 && n <= 100;
  if (![...values.keys()].every(key => key === 'degraded' || key === 'failing') || !valid(degraded) || !valid(failing) || degraded! > failing!) {
    throw new InputError(
      `annotation ${HEALTH_THRESHOLDS_ANNOTATION} "${annotation}" must read "degraded=<percent>,failing=<percent>", degraded at most failing, e.g. "degraded=0.1,failing=10"`,
    );
  }
  return { thresholds: { degradedPercent: degraded!, failingPercent: failing! }, source: 'entity' };
}

/** Kiali's rule: failing at or over the failing rate, degraded at or over the degraded one (any error when it is 0). */
function stateOf(errorShare: number | undefined, thresholds: ErrorRateThresholds): HealthState {
  if (errorShare === undefined) return 'idle';
  const percent = errorShare * 100;
  if (percent >= thresholds.failingPercent) return 'failing';
  if (percent > 0 && percent >= thresholds.degradedPercent) return 'degraded';
  return 'healthy';
}

/** The service and each version healthy, degraded or failing by their 5xx share against the thresholds. */
export function assessHealth(health: HealthStatus, thresholds: ErrorRateThresholds, source: 'entity' | 'config'): HealthAssessment {
  if (health.state === 'unknown') return { state: 'unknown', thresholds, source, perVersion: [] };
  if (health.state === 'no-traffic') return { state: 'idle', thresholds, source, perVersion: [] };
  return {
    state: stateOf(health.overall?.errorShare, thresholds),
    thresholds,
    source,
    perVersion: health.perVersion.map(v => ({ version: v.version, state: stateOf(v.errorShare, thresholds) })),
  };
}
