import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parse } from 'yaml';

// The generator is a plain Node script, run by `yarn workspace @meshport/plugin-mesh-backend schema`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { modulePath, specModule, specPath } = require('../../scripts/openapi-spec');

const scriptPath = require.resolve('../../scripts/openapi-spec');

const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'description',
  '$ref',
  'additionalProperties',
  'oneOf',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'format',
  'example',
]);

type Schema = Record<string, any>;

/** Every schema of the spec with where it is, depth first. */
function schemasOf(spec: Schema): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  const walk = (schema: Schema | undefined, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    found.push([where, schema]);
    for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property as Schema, `${where}.${name}`);
    walk(schema.items, `${where}[]`);
    (schema.oneOf ?? []).forEach((option: Schema, i: number) => walk(option, `${where}.oneOf[${i}]`));
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}{}`);
  };
  for (const [name, schema] of Object.entries(spec.components.schemas)) walk(schema as Schema, name);
  for (const [name, parameter] of Object.entries(spec.components.parameters as Schema)) walk(parameter.schema, `parameters ${name}`);
  for (const [name, response] of Object.entries(spec.components.responses as Schema)) {
    for (const media of Object.values(response.content ?? {})) walk((media as Schema).schema, `responses ${name}`);
  }
  for (const [route, operations] of Object.entries(spec.paths as Schema)) {
    for (const [method, operation] of Object.entries(operations as Schema)) {
      for (const parameter of operation.parameters ?? []) walk(parameter.schema, `${method} ${route} ${parameter.name}`);
      for (const media of Object.values(operation.requestBody?.content ?? {})) walk((media as Schema).schema, `${method} ${route} body`);
      for (const [code, response] of Object.entries(operation.responses as Schema)) {
        for (const media of Object.values(response.content ?? {})) walk((media as Schema).schema, `${method} ${route} ${code}`);
      }
    }
  }
  return found;
}

describe('the status API spec, src/schema/openapi.yaml', () => {
  const text = fs.readFileSync(specPath, 'utf8');
  const spec = parse(text);

  it('is what openapi.generated.ts holds, which the router validates requests with and types its answers by (run `yarn workspace @meshport/plugin-mesh-backend schema`)', () => {
    expect(fs.readFileSync(modulePath, 'utf8')).toBe(specModule(text));
  });

  it('gives the wire types mesh-common names (its api/openapi.generated.ts, written by openapi-typescript): the script finds both files in step', () => {
    // openapi-typescript is an ES module, which Jest's CommonJS runtime cannot import: the script checks in a process of its own.
    const check = spawnSync(process.execPath, [scriptPath, '--check'], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('uses only the schema keywords Meshport writes: a comma in a flow mapping makes a stray key', () => {
    const stray = schemasOf(spec).flatMap(([where, schema]) =>
      Object.keys(schema)
        .filter(key => !KEYWORDS.has(key))
        .map(key => `${where}: ${key}`),
    );
    expect(stray).toEqual([]);
  });

  it('closes every object it describes, so that an answer holds only documented fields', () => {
    const open = schemasOf(spec)
      .filter(([, schema]) => schema.type === 'object' && schema.properties && schema.additionalProperties !== false)
      .map(([where]) => where);
    expect(open).toEqual([]);
  });

  it('names each response object only by what OpenAPI allows', () => {
    const responseKeys = new Set(['description', 'content', 'headers', 'links', '$ref']);
    const responses = Object.entries(spec.components.responses as Schema).flatMap(([name, response]) =>
      Object.keys(response)
        .filter(key => key === '$ref' || !responseKeys.has(key))
        .map(key => `responses ${name}: ${key}`),
    );
    const stray = Object.entries(spec.paths as Schema).flatMap(([route, operations]) =>
      Object.entries(operations as Schema).flatMap(([method, operation]) =>
        Object.entries(operation.responses as Schema).flatMap(([code, response]) =>
          Object.keys(response)
            .filter(key => !responseKeys.has(key))
            .map(key => `${method} ${route} ${code}: ${key}`),
        ),
      ),
    );
    expect([...responses, ...stray]).toEqual([]);
  });
});
