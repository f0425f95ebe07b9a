// The policy's canary section. The canary: versions, weights, header match, fault injection, analysis thresholds.
import { z } from 'zod';
import { headerName, canaryWeight, istioDuration, kubernetesLabelValue, matchValue, percentage } from '../primitives';

export const fault = z
  .strictObject({
    delay: z.strictObject({ fixedDelay: istioDuration.describe('Added latency'), percentage: percentage.describe('Share of requests delayed') }).optional(),
    abort: z
      .strictObject({
        httpStatus: z.number().int().min(200).max(599).describe('Status returned'),
        percentage: percentage.describe('Share of requests aborted'),
      })
      .optional(),
  })
  .describe('Fault injection into canary traffic');

/** The thresholds a canary is judged by (Flagger's analysis model); unset ones come from the portal's config. */
export const canaryAnalysis = z
  .strictObject({
    minSuccessRate: percentage.optional().describe('Lowest share of non-5xx answers the canary may have, percent (default 99)'),
    maxP99Ms: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(600_000)
      .optional()
      .describe('Highest p99 latency the canary may have, milliseconds (default 500)'),
    minRequests: z
      .number()
      .int('must be a whole number')
      .min(0)
      .max(1_000_000_000)
      .optional()
      .describe('Requests the canary must have served in the window before it is judged (default 100)'),
    stepWeight: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(100)
      .optional()
      .describe('How much more traffic a passing canary gets per step, percent (default 20)'),
    maxWeight: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(100)
      .optional()
      .describe('The share at which a passing canary is promoted instead, percent (default 50)'),
  })
  .describe('How the canary is judged on the Mesh tab');

export const canary = z
  .strictObject({
    stableVersion: kubernetesLabelValue.describe('"version" label of the stable pods'),
    canaryVersion: kubernetesLabelValue.describe('"version" label of the canary pods'),
    canaryWeight: canaryWeight.describe('Percent of traffic sent to the canary'),
    headerMatch: z
      .strictObject({ name: headerName.describe('Header name'), value: matchValue.describe('Exact header value') })
      .optional()
      .describe('Requests with this header always go to the canary (internal testers)'),
    fault: fault.optional(),
    analysis: canaryAnalysis.optional(),
  })
  .refine(value => value.stableVersion !== value.canaryVersion, {
    message: 'must differ from stableVersion',
    path: ['canaryVersion'],
  })
  .refine(value => !value.fault || value.headerMatch, {
    message: "applies to the testers' header route only: set headerMatch too",
    path: ['fault'],
  })
  .describe('Canary release between two versions');
