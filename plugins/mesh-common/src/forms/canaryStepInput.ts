import { isRecord } from '@meshport/istio-config';
import { applyCanaryStep, CanaryStep } from '../model/canarySteps';
import type { CanaryPolicy } from '../model/policy';
import { FieldError, ParseResult, parseMeshPolicy } from '../model';
import { prune } from '../render/kubeObject';
import { withoutEmptyValues } from './formInput';
import { NO_STORED_POLICY } from './policyFile';

/**
 * A canary step as the canary form gives it: flat fields, empty ones not set.
 *
 * @public
 */
export interface CanaryStepInput {
  step: 'start' | 'shift' | 'promote' | 'rollback';
  stableVersion?: string;
  canaryVersion?: string;
  canaryWeight?: number;
  headerName?: string;
  headerValue?: string;
  analysis?: Record<string, unknown>;
}

const STEPS: ReadonlyArray<CanaryStepInput['step']> = ['start', 'shift', 'promote', 'rollback'];

/**
 * The form's canary step as the model's; each missing value named (canaryStep.<field>).
 *
 * @public
 */
export function canaryStepFromForm(input: CanaryStepInput): ParseResult<CanaryStep> {
  if (!STEPS.includes(input.step)) return { ok: false, errors: [{ field: 'canaryStep.step', message: `must be one of ${STEPS.join(', ')}` }] };
  const missing: FieldError[] = [];
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined || value === '') missing.push({ field: `canaryStep.${field}`, message: `is required for the "${input.step}" step` });
    return value as T;
  };
  let value: CanaryStep;
  if (input.step === 'start') {
    value = {
      step: 'start',
      stableVersion: need(input.stableVersion, 'stableVersion'),
      canaryVersion: need(input.canaryVersion, 'canaryVersion'),
      canaryWeight: need(input.canaryWeight, 'canaryWeight'),
      headerMatch: input.headerName ? { name: input.headerName, value: need(input.headerValue, 'headerValue') } : undefined,
      // Thresholds the form left empty are the portal's; the model checks the rest when the policy is parsed.
      analysis: withoutEmptyValues(input.analysis) as CanaryPolicy['analysis'],
    };
  } else if (input.step === 'shift') {
    value = { step: 'shift', canaryWeight: need(input.canaryWeight, 'canaryWeight') };
  } else {
    value = { step: input.step };
  }
  return missing.length > 0 ? { ok: false, errors: missing } : { ok: true, value };
}

/**
 * A stored policy with a canary step applied: a step edits the canary of a policy Git holds, and only a
 * start may begin one. Pure; errors name the field to change.
 *
 * @public
 */
export function withCanaryStep(merged: Record<string, unknown>, stored: unknown, step: CanaryStep): ParseResult<Record<string, unknown>> {
  if (!isRecord(stored)) {
    return {
      ok: false,
      errors: [
        {
          field: 'canaryStep.step',
          message: NO_STORED_POLICY,
        },
      ],
    };
  }
  if (step.step !== 'start' && !merged.canary) {
    return {
      ok: false,
      errors: [
        {
          field: 'canaryStep.step',
          message: `there is no canary to ${step.step} for this service in Git; start one first (a canary the cluster runs without Git: adopt it from the Mesh tab)`,
        },
      ],
    };
  }
  const parsed = parseMeshPolicy(merged, 'policy');
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...merged, canary: prune(applyCanaryStep(parsed.value, step).canary) } };
}
