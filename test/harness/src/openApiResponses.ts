import fs from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';

/**
 * Checks response bodies against the schemas of an OpenAPI 3.0 description, so that a test can tell a
 * handler and its published description apart.
 */
export class OpenApiResponses {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(file: string) {
    this.ajv.addSchema({ ...parse(fs.readFileSync(file, 'utf8')), $id: 'openapi' });
  }

  /** The violations of a body against `#/components/schemas/<name>`; empty when it conforms. */
  violations(schemaName: string, body: unknown): string[] {
    const validate = this.ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`the description has no schema ${schemaName}`);
    return validate(body) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`);
  }
}
