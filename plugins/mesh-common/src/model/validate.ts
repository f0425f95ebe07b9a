import { z } from 'zod';
import { jwtSectionSchema, meshPolicySchema, MeshPolicy } from './policy';
import { namespacePolicySchema, NamespacePolicy } from './namespacePolicy';

/** One problem with an input, named by the dotted path of its field, e.g. "jwt.rules[0].jwksUri". */
export interface FieldError {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** "jwt.rules[0].jwksUri" from zod's ["jwt", "rules", 0, "jwksUri"]. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, root: string): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map(issue => ({
      field: fieldPath([...(root ? [root] : []), ...issue.path]) || '(policy)',
      message: issue.message,
    })),
  };
}

/** Parses a service policy; every error names its field. */
export function parseMeshPolicy(input: unknown, root = ''): ParseResult<MeshPolicy> {
  return parseWith(meshPolicySchema, input, root);
}

/** Parses the JWT section on its own (a form field's value); errors are named under `root`. */
export function parseJwtSection(input: unknown, root = 'jwt'): ParseResult<MeshPolicy['jwt']> {
  return parseWith(jwtSectionSchema, input, root);
}

/** Parses a namespace policy; every error names its field. */
export function parseNamespacePolicy(input: unknown, root = ''): ParseResult<NamespacePolicy> {
  return parseWith(namespacePolicySchema, input, root);
}

/** One line per error: "field: message". */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map(error => `${error.field}: ${error.message}`).join('\n');
}

/** Thrown where a caller asked for a valid policy and got an invalid one. */
export class PolicyValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid mesh policy:\n${formatFieldErrors(errors)}`);
    this.name = 'PolicyValidationError';
  }
}
