import { CanaryStep } from '../model/canarySteps';
import { MeshPolicy } from '../model/policy';
import { parseMeshPolicy, ParseResult } from '../model/validate';
import { renderPolicy, RenderedPolicy } from '../render/renderPolicy';
import { withCanaryStep } from './canaryStepInput';
import { editPolicy } from './editPolicy';
import { mergePolicyInput } from './mergePolicy';
import { NO_STORED_POLICY } from './policyFile';

/**
 * What a form asks of a service's stored policy: sections laid over it (a form's sections replace the stored
 * ones whole), sections removed, fields edited in place, a canary step.
 *
 * @public
 */
export interface ServicePolicyChange {
  /** The form's sections, as `policyFromForm` gives them. */
  policy: Record<string, unknown>;
  removeSections?: readonly string[];
  /** Fields of the stored policy to change, each kept as stored otherwise (see `editPolicy`); needs a stored policy. */
  edit?: Record<string, unknown>;
  canaryStep?: CanaryStep;
}

/**
 * A service's policy after a change: the document the folder will store, the policy it parses to, and what
 * it renders.
 *
 * @public
 */
export interface PolicyAfterChange {
  document: Record<string, unknown>;
  policy: MeshPolicy;
  rendered: RenderedPolicy;
  /** The stored policy as the model reads it, for who keeps access; undefined when there is none, or one it no longer reads (older or hand-edited: then only the new policy's callers count). */
  before?: MeshPolicy;
}

/**
 * The one pipeline from a form's change to files, which the form's preview and `mesh:render` both call:
 * the change laid over the stored policy (`stored`, undefined for a folder that holds none), edited, stepped,
 * checked and rendered; or the fields that stop it, named from the template input (`policy.…`, `edit`,
 * `canaryStep.…`).
 *
 * @public
 */
export function policyAfterChange(stored: unknown, change: ServicePolicyChange): ParseResult<PolicyAfterChange> {
  const merged = mergePolicyInput(stored, change.policy, change.removeSections);
  if (change.edit !== undefined && stored === undefined) return { ok: false, errors: [{ field: 'edit', message: NO_STORED_POLICY }] };
  const edited = change.edit ? editPolicy(merged, change.edit) : merged;
  const stepped = change.canaryStep ? withCanaryStep(edited, stored, change.canaryStep) : { ok: true as const, value: edited };
  if (!stepped.ok) return stepped;
  const parsed = parseMeshPolicy(stepped.value, 'policy');
  if (!parsed.ok) return parsed;
  const before = stored === undefined ? undefined : parseMeshPolicy(stored);
  return {
    ok: true,
    value: { document: stepped.value, policy: parsed.value, rendered: renderPolicy(parsed.value), ...(before?.ok ? { before: before.value } : {}) },
  };
}
