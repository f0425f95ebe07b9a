import { InputError } from '@backstage/errors';
import { CanaryPolicy, MeshPolicy } from './policy';

/**
 * The steps of a canary release, as the canary template offers them.
 *
 * @public
 */
export type CanaryStep =
  | {
      step: 'start';
      stableVersion: string;
      canaryVersion: string;
      canaryWeight: number;
      headerMatch?: { name: string; value: string };
      analysis?: CanaryPolicy['analysis'];
    }
  | { step: 'shift'; canaryWeight: number }
  | { step: 'promote' }
  | { step: 'rollback' };

/**
 * A policy after one canary step. Pure: the input is not changed. Throws when the step needs a running canary.
 *
 * @public
 */
export function applyCanaryStep(policy: MeshPolicy, step: CanaryStep): MeshPolicy {
  if (step.step === 'start') {
    const { stableVersion, canaryVersion, canaryWeight, headerMatch, analysis } = step;
    return { ...policy, canary: { stableVersion, canaryVersion, canaryWeight, headerMatch, analysis } };
  }
  if (!policy.canary) {
    throw new InputError(`canary: there is no canary to ${step.step}; start one first`);
  }
  switch (step.step) {
    case 'shift':
      return { ...policy, canary: { ...policy.canary, canaryWeight: step.canaryWeight } };
    case 'promote':
      // Everything to the new version; testers' header route and faults have served their purpose.
      return { ...policy, canary: { ...policy.canary, canaryWeight: 100, headerMatch: undefined, fault: undefined } };
    case 'rollback':
      return { ...policy, canary: { ...policy.canary, canaryWeight: 0, headerMatch: undefined, fault: undefined } };
    default:
      return policy;
  }
}

/**
 * The annotation a canary's route carries its own thresholds in (JSON), rendered from the policy.
 *
 * @public
 */
export const CANARY_ANALYSIS_ANNOTATION = 'meshport.io/canary-analysis';
