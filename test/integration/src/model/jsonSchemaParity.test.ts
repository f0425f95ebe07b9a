import { fieldPath, meshPolicyJsonSchema, parseMeshPolicy } from '@meshport/plugin-mesh-common';
import { jsonSchemaValidator } from '@meshport/test-harness';
import { candidatesAround, RICH_POLICY, stringFields, valueAt, withField } from './fieldCandidates';

// The published JSON Schema says exactly what the model says about each field: for every string field
// of a policy that sets every field, and every value around its valid one, the schema and the model
// agree on whether the policy is valid. Rules across fields that JSON Schema cannot state (a canary
// version differing from the stable one, a port override naming a service port) are the exceptions,
// listed here and in the schema's description.

/** Fields whose validity depends on another field, which the schema cannot express. */
const CROSS_FIELD = new Set(['canary.canaryVersion', 'canary.stableVersion', 'service.ports[0].name', 'service.ports[1].name']);

describe('the published JSON Schema of the service policy', () => {
  const validate = jsonSchemaValidator(meshPolicyJsonSchema());

  it('accepts the policy that sets every field, as the model does', () => {
    expect([parseMeshPolicy(RICH_POLICY).ok, validate(RICH_POLICY)]).toEqual([true, true]);
  });

  it('agrees with the model on every value around every string field', () => {
    const disagreements: string[] = [];
    let refusedByBoth = 0;
    for (const field of stringFields(RICH_POLICY)) {
      const name = fieldPath(field);
      if (CROSS_FIELD.has(name)) continue;
      for (const candidate of candidatesAround(valueAt(RICH_POLICY, field) as string)) {
        const input = withField(RICH_POLICY, field, candidate);
        const model = parseMeshPolicy(input).ok;
        const schema = validate(input);
        if (model !== schema)
          disagreements.push(
            `${name} = ${JSON.stringify(candidate).slice(0, 60)}: model ${model ? 'accepts' : 'refuses'}, schema ${schema ? 'accepts' : 'refuses'}`,
          );
        else if (!model) refusedByBoth += 1;
      }
    }
    expect(disagreements.slice(0, 25)).toEqual([]);
    expect(refusedByBoth).toBeGreaterThan(1000);
  });

  it.each([
    ['a repeated method', ['authorization', 'allow', 0, 'methods'], ['GET', 'GET']],
    ['a repeated audience', ['jwt', 'rules', 0, 'audiences'], ['a', 'a']],
    ['a JWKS URI over http', ['jwt', 'rules', 0, 'jwksUri'], 'http://issuer.example.com/jwks'],
    ['a duration under 1ms', ['traffic', 'timeout'], '500us'],
  ])('refuses %s, as the model does', (_case, field, value) => {
    const input = withField(RICH_POLICY, field, value);
    expect([parseMeshPolicy(input).ok, validate(input)]).toEqual([false, false]);
  });
});
