import fs from 'node:fs';
import path from 'node:path';
import { meshPolicyJsonSchema, namespacePolicyJsonSchema } from './jsonSchema';

describe('the published JSON Schemas', () => {
  it.each([
    ['mesh-policy.schema.json', meshPolicyJsonSchema],
    ['namespace-policy.schema.json', namespacePolicyJsonSchema],
  ])('schema/%s is what the model generates (run `yarn workspace @meshport/plugin-mesh-common schema`)', (file, generate) => {
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', file), 'utf8'));
    expect(committed).toEqual(generate());
  });
});
