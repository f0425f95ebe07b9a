import { fieldPath, KubeObject, parseMeshPolicy, renderPolicy } from '@meshport/plugin-mesh-common';
import { IstioCrdValidator } from '@meshport/test-harness';
import { candidatesAround, FieldPath, RICH_POLICY, stringFields, valueAt, withField } from './fieldCandidates';

// Every string the model accepts must be one Istio's CRDs accept where the renderer writes it. For each
// string field of a policy that sets every field, the values around its valid one (each character
// before, inside and after, and long variants) go through the model; whatever it accepts is rendered
// and the objects validated against the CRDs' schemas and CEL rules. The walk over the CRDs then shows
// every constrained field the renderer writes is either fed by a model field tried that way or a constant.

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** "spec.jwtRules[0].audiences[1]" as the CRD walk names it: "spec.jwtRules[].audiences[]"; map keys as ".*". */
function schemaPath(crdPaths: Map<string, string[]>, at: FieldPath): string {
  let path = '';
  const known = [...crdPaths.keys()];
  for (const key of at) {
    if (typeof key === 'number') path += '[]';
    else {
      const named = path ? `${path}.${key}` : String(key);
      path = known.some(candidate => candidate === named || candidate.startsWith(`${named}.`) || candidate.startsWith(`${named}[`)) ? named : `${path}.*`;
    }
  }
  return path;
}

/** Strings of an object's spec by their CRD path, e.g. "VirtualService spec.http[].timeout" -> values. */
function writtenStrings(crds: IstioCrdValidator, objects: KubeObject[]): Map<string, string[]> {
  const written = new Map<string, string[]>();
  for (const object of objects) {
    const constrained = crds.constrainedStrings(object.apiVersion, object.kind);
    for (const at of stringFields({ spec: object.spec })) {
      const path = schemaPath(constrained, at);
      if (!constrained.has(path)) continue;
      const key = `${object.kind} ${path}`;
      written.set(key, [...(written.get(key) ?? []), String(valueAt({ spec: object.spec }, at))]);
    }
  }
  return written;
}

/** Why the API server would refuse an object, including its name and labels. */
function refusals(crds: IstioCrdValidator, object: KubeObject): string[] {
  const out = crds.knows(object.apiVersion, object.kind) ? crds.validate(object).map(v => `${v.path}: ${v.message}`) : [];
  if (!dns1123Subdomain.test(object.metadata.name) || object.metadata.name.length > 253) out.push(`metadata.name ${JSON.stringify(object.metadata.name)}`);
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    if (!labelValue.test(value) || value.length > 63) out.push(`metadata.labels.${key} ${JSON.stringify(value)}`);
  }
  return out;
}

describe("the policy model against Istio's CRDs", () => {
  let crds: IstioCrdValidator;
  const base = parseMeshPolicy(RICH_POLICY);
  /** For each CRD-constrained field the renderer writes: the values it received from accepted variants. */
  const seen = new Map<string, Set<string>>();
  /** Which model fields changed each CRD field. */
  const fedBy = new Map<string, Set<string>>();
  const problems: string[] = [];

  beforeAll(async () => {
    crds = await IstioCrdValidator.load();
    if (!base.ok) throw new Error(`the rich policy is refused: ${JSON.stringify(base.errors)}`);
    const baseline = writtenStrings(crds, renderPolicy(base.value).objects);
    for (const [path, values] of baseline) seen.set(path, new Set(values));
    for (const field of stringFields(RICH_POLICY)) {
      const valid = valueAt(RICH_POLICY, field) as string;
      for (const candidate of candidatesAround(valid)) {
        const parsed = parseMeshPolicy(withField(RICH_POLICY, field, candidate));
        if (!parsed.ok) continue;
        const objects = renderPolicy(parsed.value).objects;
        for (const object of objects) {
          for (const refusal of refusals(crds, object))
            problems.push(`${fieldPath(field)} = ${JSON.stringify(candidate).slice(0, 60)}: ${object.kind} ${refusal}`);
        }
        for (const [path, values] of writtenStrings(crds, objects)) {
          const known = seen.get(path) ?? new Set();
          if (values.some(value => !known.has(value))) fedBy.set(path, new Set([...(fedBy.get(path) ?? []), fieldPath(field)]));
          values.forEach(value => known.add(value));
          seen.set(path, known);
        }
      }
    }
  }, 300_000);

  it('renders the policy that sets every field into objects the CRDs accept', () => {
    expect(base.ok && renderPolicy(base.value).objects.flatMap(object => refusals(crds, object))).toEqual([]);
  });

  it('accepts no value that makes a rendered object invalid, for any string field', () => {
    expect(problems.slice(0, 25)).toEqual([]);
  });

  it('tries every CRD-constrained field a model field feeds with many accepted values', () => {
    // The walk found the constrained fields the model feeds: durations, JWKS URIs, claim headers, selectors…
    expect([...fedBy.keys()]).toEqual(
      expect.arrayContaining([
        'VirtualService spec.http[].timeout',
        'RequestAuthentication spec.jwtRules[].jwksUri',
        'RequestAuthentication spec.jwtRules[].outputClaimToHeaders[].header',
        'AuthorizationPolicy spec.selector.matchLabels.*',
        'DestinationRule spec.trafficPolicy.outlierDetection.interval',
      ]),
    );
    // …each with many accepted values tried; the rest (enums such as action, mode) are the renderer's constants.
    const thin = [...fedBy.keys()].filter(path => seen.get(path)!.size < 10);
    expect(thin).toEqual([]);
  });

  it('is a check that can fail: a looser model would be caught', () => {
    const loose = renderPolicy(base.ok ? base.value : (undefined as never)).objects.map(object => {
      if (object.kind !== 'RequestAuthentication') return object;
      const [rule] = (object.spec as { jwtRules: object[] }).jwtRules;
      return { ...object, spec: { ...object.spec, jwtRules: [{ ...rule, outputClaimToHeaders: [{ header: 'x:user', claim: 'sub' }] }] } };
    });
    expect(loose.flatMap(object => refusals(crds, object))).toEqual([expect.stringMatching(/outputClaimToHeaders.*pattern/)]);
  });
});
