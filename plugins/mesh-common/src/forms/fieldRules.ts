import type { ZodType } from 'zod';
import { dnsLabel, headerName, hostName, httpPath, istioDuration, kubernetesLabelValue, principal, resourceQuantity } from '../model/primitives';

/**
 * The model's rules a form field can be checked by as it is typed, by name (`ui:options.rule` of the
 * MeshText field): the same rules `mesh:render` applies, so the message under the field is the action's.
 *
 * @public
 */
export const FIELD_RULES = {
  dnsLabel,
  labelValue: kubernetesLabelValue,
  quantity: resourceQuantity,
  duration: istioDuration,
  httpPath,
  hostName,
  headerName,
  principal,
} as const satisfies Record<string, ZodType<string>>;

/**
 * A rule's name.
 *
 * @public
 */
export type FieldRuleName = keyof typeof FIELD_RULES;

/**
 * Why a field's value breaks the named rule, in the model's words; undefined when it holds (or is empty:
 * whether a field is required is the form's to say). An unknown rule name is said as such.
 *
 * @public
 */
export function fieldRuleError(rule: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const schema = (FIELD_RULES as Record<string, ZodType<string>>)[rule];
  if (!schema) return `no rule named "${rule}" (the template's ui:options.rule)`;
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0].message;
}
