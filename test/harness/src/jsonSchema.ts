import Ajv2020 from 'ajv/dist/2020';

/** A validator for a draft 2020-12 JSON Schema (what the policy model publishes): true when the value conforms. */
export function jsonSchemaValidator(schema: Record<string, unknown>): (value: unknown) => boolean {
  const validate = new Ajv2020({ strict: false }).compile(schema);
  return value => validate(value) as boolean;
}
