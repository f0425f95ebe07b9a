import { z } from 'zod';
import { meshPolicySchema } from './policy';
import { namespacePolicySchema } from './namespacePolicy';

/**
 * JSON Schema (draft 2020-12) of the service policy as a file or form gives it, for template authors and editors.
 *
 * @public
 */
export function meshPolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(meshPolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** JSON Schema of the namespace policy as a file or form gives it. */
export function namespacePolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(namespacePolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
