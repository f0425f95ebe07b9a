import { isRecord } from '@meshport/istio-config';
import { withoutEmptyValues } from './formInput';

/** Lays `edit` over `stored`: records field by field, anything else (a value, a list) replaces the stored one. */
function laidOver(stored: unknown, edit: unknown): unknown {
  if (!isRecord(stored) || !isRecord(edit)) return edit;
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(edit)) out[key] = laidOver(stored[key], value);
  return out;
}

/**
 * A stored policy with only the fields a narrow form changes: `{ authorization: { dryRun: false } }` turns
 * the dry run off and keeps the allowed callers, health checks and every other section as stored. Empty
 * form values mean "not set" and change nothing. Pure; the parser validates the result.
 *
 * @public
 */
export function editPolicy(stored: Record<string, unknown>, edit: Record<string, unknown>): Record<string, unknown> {
  const cleaned = withoutEmptyValues(edit);
  return laidOver(stored, isRecord(cleaned) ? cleaned : {}) as Record<string, unknown>;
}
