import { CanaryAnalysis, CanaryCheck, CanaryStatus, HealthStatus, VersionHealth } from '@meshport/plugin-mesh-common';

/**
 * What a canary is judged by, in Flagger's model: checks over the metrics window, then a step or a promotion.
 *
 * @public
 */
export interface CanaryThresholds {
  /** Percent of answers that are not 5xx. */
  minSuccessRate: number;
  maxP99Ms: number;
  /** Requests the canary must have served in the window before it is judged. */
  minRequests: number;
  stepWeight: number;
  maxWeight: number;
}

/** @public */
export const DEFAULT_CANARY_THRESHOLDS: CanaryThresholds = { minSuccessRate: 99, maxP99Ms: 500, minRequests: 100, stepWeight: 20, maxWeight: 50 };

/** The thresholds a route's annotation sets, each one only when it is a number in range; the rest are the defaults'. */
export function thresholdsFrom(annotation: string | undefined, defaults: CanaryThresholds): { thresholds: CanaryThresholds; source: 'route' | 'config' } {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = annotation ? (JSON.parse(annotation) as Record<string, unknown>) : {};
  } catch {
    return { thresholds: defaults, source: 'config' };
  }
  const pick = (key: keyof CanaryThresholds, max: number) => {
    const value = parsed?.[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max ? value : defaults[key];
  };
  const thresholds = {
    minSuccessRate: pick('minSuccessRate', 100),
    maxP99Ms: pick('maxP99Ms', 600_000),
    minRequests: pick('minRequests', 1e9),
    stepWeight: pick('stepWeight', 100),
    maxWeight: pick('maxWeight', 100),
  };
  const source = (Object.keys(thresholds) as Array<keyof CanaryThresholds>).some(key => thresholds[key] !== defaults[key]) ? 'route' : 'config';
  return { thresholds, source };
}

/** Seconds in a Prometheus window ("5m" → 300). */
function windowSeconds(window: string): number {
  const match = /^(\d+)(s|m|h)$/.exec(window);
  if (!match) return 300;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}

const successPercent = (version: VersionHealth | undefined) => (version?.errorShare === undefined ? undefined : 100 * (1 - version.errorShare));

/**
 * The canary against its thresholds and the stable version, as Flagger judges one step: too few requests
 * to judge (wait), a failed check (roll back), every check passed below the promotion weight (shift by
 * the step), or at it (promote). The change itself stays a reviewed change request.
 */
export function analyzeCanary(canary: CanaryStatus, health: HealthStatus, thresholds: CanaryThresholds, source: 'route' | 'config'): CanaryAnalysis {
  const canaryEntry = canary.split.find(s => s.subset === 'canary') ?? canary.split[canary.split.length - 1];
  const stableEntry = canary.split.find(s => s !== canaryEntry);
  const version = (entry: typeof canaryEntry | undefined) => health.perVersion.find(v => v.version === entry?.version);
  const ofCanary = version(canaryEntry);
  const ofStable = version(stableEntry);
  const base = { thresholds, source, canaryVersion: canaryEntry?.version, stableVersion: stableEntry?.version, weight: canaryEntry?.weight ?? 0 };
  if (health.state === 'unknown') return { ...base, checks: [], verdict: 'wait', reason: `health is unknown: ${health.reason ?? 'no metrics'}` };
  const requests = (ofCanary?.requestRate ?? 0) * windowSeconds(health.window);
  const checks: CanaryCheck[] = [
    {
      name: 'requests',
      canary: requests,
      stable: ofStable ? ofStable.requestRate * windowSeconds(health.window) : undefined,
      threshold: thresholds.minRequests,
      pass: requests >= thresholds.minRequests,
    },
    {
      name: 'success rate',
      canary: successPercent(ofCanary),
      stable: successPercent(ofStable),
      threshold: thresholds.minSuccessRate,
      pass: (successPercent(ofCanary) ?? 100) >= thresholds.minSuccessRate,
    },
    {
      name: 'p99',
      canary: ofCanary?.latencyMs.p99,
      stable: ofStable?.latencyMs.p99,
      threshold: thresholds.maxP99Ms,
      pass: (ofCanary?.latencyMs.p99 ?? 0) <= thresholds.maxP99Ms,
    },
  ];
  if (!checks[0].pass)
    return {
      ...base,
      checks,
      verdict: 'wait',
      reason: `the canary served ${Math.round(requests)} requests in ${health.window}, fewer than ${thresholds.minRequests} to judge it by`,
    };
  const failed = checks.filter(check => !check.pass);
  if (failed.length > 0) return { ...base, checks, verdict: 'rollback', reason: `${failed.map(f => f.name).join(' and ')} out of bounds` };
  if (base.weight >= thresholds.maxWeight)
    return { ...base, checks, verdict: 'promote', reason: `every check passed at ${base.weight}%, the promotion weight (${thresholds.maxWeight}%) reached` };
  const nextWeight = Math.min(base.weight + thresholds.stepWeight, thresholds.maxWeight);
  return { ...base, checks, verdict: 'shift', nextWeight, reason: `every check passed at ${base.weight}%: shift to ${nextWeight}%` };
}
