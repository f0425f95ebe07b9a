import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { jwtSectionSchema, meshPolicySchema, MeshPolicy } from './policy';
import { namespacePolicySchema, NamespacePolicy } from './namespacePolicy';
import { closestField, knownFieldsAt, RENAMED_FIELDS } from './unknownFields';

/**
 * One problem with an input, named by the dotted path of its field, e.g. "jwt.rules[0].jwksUri".
 *
 * @public
 */
export interface FieldError {
  field: string;
  message: string;
}

/** @public */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * "jwt.rules[0].jwksUri" from zod's ["jwt", "rules", 0, "jwksUri"].
 *
 * @public
 */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  if (!jsonSchemas.has(schema)) jsonSchemas.set(schema, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  return jsonSchemas.get(schema)!;
}

/** One error per field a schema does not know, with the name that was probably meant. */
function unknownFieldErrors(schema: z.ZodType, issue: z.core.$ZodIssueUnrecognizedKeys, root: string, modelRoot: string): FieldError[] {
  const known = knownFieldsAt(jsonSchemaOf(schema), issue.path);
  return issue.keys.map(key => {
    const within = fieldPath([...issue.path, key]);
    const renamed = RENAMED_FIELDS[modelRoot ? `${modelRoot}.${within}` : within];
    const suggestion = closestField(key, known);
    const message = renamed ?? `is not a field Meshport knows${suggestion ? `; did you mean "${suggestion}"?` : ` (known here: ${known.join(', ')})`}`;
    return { field: fieldPath([...(root ? [root] : []), ...issue.path, key]), message };
  });
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, root: string, modelRoot = ''): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.flatMap(issue =>
      issue.code === 'unrecognized_keys'
        ? unknownFieldErrors(schema, issue, root, modelRoot)
        : [{ field: fieldPath([...(root ? [root] : []), ...issue.path]) || '(policy)', message: issue.message }],
    ),
  };
}

/**
 * Parses a service policy; every error names its field.
 *
 * @public
 */
export function parseMeshPolicy(input: unknown, root = ''): ParseResult<MeshPolicy> {
  return parseWith(meshPolicySchema, input, root);
}

/**
 * Parses the JWT section on its own (a form field's value); errors are named under `root`.
 *
 * @public
 */
export function parseJwtSection(input: unknown, root = 'jwt'): ParseResult<MeshPolicy['jwt']> {
  return parseWith(jwtSectionSchema, input, root, 'jwt');
}

/**
 * Parses a namespace policy; every error names its field.
 *
 * @public
 */
export function parseNamespacePolicy(input: unknown, root = ''): ParseResult<NamespacePolicy> {
  return parseWith(namespacePolicySchema, input, root);
}

/**
 * One line per error: "field: message".
 *
 * @public
 */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map(error => `${error.field}: ${error.message}`).join('\n');
}

/**
 * Thrown where a caller asked for a valid policy and got an invalid one: an InputError naming each field.
 *
 * @public
 */
export class PolicyValidationError extends InputError {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid mesh policy:\n${formatFieldErrors(errors)}`);
  }
}
