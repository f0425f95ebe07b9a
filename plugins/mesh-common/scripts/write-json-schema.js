#!/usr/bin/env node
// Writes the JSON Schemas of the policy model to schema/ for template authors and editors.
// The mesh-common test suite fails when the committed files differ from what this writes.
const fs = require('node:fs');
const path = require('node:path');

require('@backstage/cli-node/config/nodeTransform.cjs');

const print = line => process.stdout.write(`${line}\n`);
const { meshPolicyJsonSchema, namespacePolicyJsonSchema } = require('../src/model/jsonSchema');

const dir = path.resolve(__dirname, '..', 'schema');
fs.mkdirSync(dir, { recursive: true });
for (const [file, schema] of [
  ['mesh-policy.schema.json', meshPolicyJsonSchema()],
  ['namespace-policy.schema.json', namespacePolicyJsonSchema()],
]) {
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
  print(`wrote schema/${file}`);
}
