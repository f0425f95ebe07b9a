import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { fieldPath, MeshPolicyInput, parseMeshPolicy, renderPolicy } from '@meshport/plugin-mesh-common';
import { parseYaml, toYaml } from '@meshport/istio-config';
import { IstioCrdValidator } from '@meshport/test-harness';
import { stringFields, withField } from './model/fieldCandidates';

// 10,000 generated policies per run. Each starts valid; up to two of its string fields are then
// replaced with hostile text. Every policy must either be refused with an error that names a
// replaced field, or render objects that survive a YAML round trip unchanged and that Istio's own
// CRD schemas and CEL rules accept.

const RUNS = 10_000;

const hostileText = fc.oneof(
  fc.constantFrom(
    'line\nbreak',
    'crlf\r\nline',
    '---',
    '--- !!js/function x',
    'key: value',
    '"double"',
    "it's",
    '{{ .Values.injected }}',
    '${HOME}',
    'ünïcødé',
    '🚀 rocket',
    'nul\u0000byte',
    ' leading space',
    'trailing space ',
    '# comment',
    '&anchor',
    '*alias',
    '!!binary x',
    '| block',
    '> folded',
    '- item',
    '[list]',
    '{a: b}',
    'null',
    'true',
    '0x10',
    '1e3',
    '~',
    '',
    'UPPER',
    'a'.repeat(10_000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

// "xn--" starts an IDNA label that must be valid punycode; URLs holding a bad one are rightly refused.
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,12}[a-z0-9])?$/).filter(text => !text.startsWith('xn--'));
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?$/);
const path = fc.stringMatching(/^\/[a-z0-9/_-]{0,20}\*?$/);
// The whole range the model accepts, character classes straight from its primitives.
const header = fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,40}$/);
const claimHeader = fc.stringMatching(/^[-_a-z0-9]{1,40}$/);
const audience = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const matchText = fc.stringMatching(/^[\x20-\x7e]{1,40}$/);
const claimName = fc.stringMatching(/^[A-Za-z0-9_.:/-]{1,40}$/);
const host = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.example.com`);
const durationText = fc.constantFrom('1ms', '250ms', '1s', '5s', '1m', '1m30s', '2h');
const principalText = fc.tuple(label, label).map(([ns, sa]) => `cluster.local/ns/${ns}/sa/${sa}`);
const percent = fc.integer({ min: 0, max: 100 });

const validPolicy: fc.Arbitrary<MeshPolicyInput> = fc
  .record({
    name: label,
    namespace: label,
    ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 }),
    versions: fc.uniqueArray(labelValue, { minLength: 2, maxLength: 2 }),
    weight: percent,
    jwt: fc.option(
      fc.record({
        issuer: host.map(h => `https://${h}`),
        jwks: host.map(h => `https://${h}/jwks.json`),
        audiences: fc.uniqueArray(audience, { minLength: 1, maxLength: 3 }),
        claim: claimName,
        values: fc.uniqueArray(matchText, { minLength: 1, maxLength: 3 }),
        fromHeader: header,
        prefix: matchText,
        output: fc.record({ header: claimHeader, claim: audience }),
      }),
    ),
    callers: fc.array(fc.record({ principal: principalText, path, method: fc.constantFrom('GET', 'POST', 'PUT') }), { maxLength: 3 }),
    ingress: fc.option(fc.record({ hosts: fc.uniqueArray(host, { minLength: 1, maxLength: 2 }), secret: label, prefix: path })),
    canaryHeader: fc.option(fc.record({ name: header, value: matchText })),
    telemetry: fc.option(fc.record({ provider: label, tag: labelValue, header, fallback: matchText, sampling: percent })),
    timeout: fc.option(durationText),
    lb: fc.constantFrom('ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH'),
    cookie: fc.option(fc.record({ name: labelValue, ttl: durationText })),
    dataPlane: fc.oneof(
      fc.constant(undefined),
      fc.record({ mode: fc.constant('ambient' as const) }),
      fc.record({ mode: fc.constant('ambient' as const), waypoint: label, useExistingWaypoint: fc.boolean() }),
    ),
  })
  .map(g => {
    const policy: MeshPolicyInput = {
      service: {
        name: g.name,
        namespace: g.namespace,
        ports: g.ports.map((number, i) => ({ number, name: `http-${i}`, protocol: 'HTTP' as const })),
        versionLabel: g.versions[0],
      },
      ...(g.dataPlane ? { dataPlane: g.dataPlane } : {}),
      authorization: {
        allow: g.callers.map(c => ({ principals: [c.principal], paths: [c.path], methods: [c.method] })),
        healthCheckPaths: ['/healthz'],
      },
      traffic: {
        loadBalancer: g.cookie ? { type: 'consistentHashCookie', cookie: g.cookie.name, ttl: g.cookie.ttl } : { type: 'simple', algorithm: g.lb },
        timeout: g.timeout ?? undefined,
      },
      canary: {
        stableVersion: g.versions[0],
        canaryVersion: g.versions[1],
        canaryWeight: g.weight,
        // In ambient mode an HTTPRoute matches the header: Gateway API takes no space at an end or doubled.
        headerMatch: g.canaryHeader
          ? { ...g.canaryHeader, value: g.dataPlane ? g.canaryHeader.value.trim().replace(/ {2,}/g, ' ') || 'x' : g.canaryHeader.value }
          : undefined,
      },
    };
    if (g.jwt) {
      policy.jwt = {
        rules: [
          {
            issuer: g.jwt.issuer,
            jwksUri: g.jwt.jwks,
            audiences: g.jwt.audiences,
            fromHeaders: [{ name: g.jwt.fromHeader, prefix: g.jwt.prefix }],
            outputClaimToHeaders: [g.jwt.output],
          },
        ],
        claims: [{ claim: g.jwt.claim, values: g.jwt.values }],
      };
    }
    if (g.ingress) {
      policy.ingress = { hosts: g.ingress.hosts, tls: { credentialName: g.ingress.secret }, routes: [{ pathPrefix: g.ingress.prefix }] };
    }
    if (g.telemetry) {
      policy.telemetry = {
        tracingProvider: g.telemetry.provider,
        samplingPercentage: g.telemetry.sampling,
        customTags: [{ name: g.telemetry.tag, header: g.telemetry.header, defaultValue: g.telemetry.fallback }],
      };
    }
    return policy;
  });

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What went wrong for one input; empty when it was refused properly or rendered faithfully. */
let crds: IstioCrdValidator | undefined;

function checkPolicy(input: unknown, replaced: string[], render: typeof renderPolicy = renderPolicy): { refused: boolean; problems: string[] } {
  const problems: string[] = [];
  const parsed = parseMeshPolicy(input);
  if (!parsed.ok) {
    if (replaced.length === 0) problems.push(`an untouched generated policy was refused: ${JSON.stringify(parsed.errors)}`);
    if (parsed.errors.some(error => error.field === '(policy)')) problems.push('an error names no field');
    // At least one error names a replaced field, the object a refinement reports on, or a sibling whose
    // message names the replaced one (a rule across two fields: "canary.canaryVersion: must differ from
    // stableVersion" when canary.stableVersion became equal to it).
    const lastPart = /(\.[^.[\]]+|\[\d+\])$/;
    const acrossSiblings = (field: string, error: { field: string; message: string }) =>
      field.replace(lastPart, '') === error.field.replace(lastPart, '') && error.message.includes(field.slice(field.replace(lastPart, '').length + 1));
    const named = parsed.errors.some(error =>
      replaced.some(
        field => field === error.field || field.startsWith(`${error.field}.`) || field.startsWith(`${error.field}[`) || acrossSiblings(field, error),
      ),
    );
    if (!named) problems.push(`no error names a replaced field (${replaced.join(', ')}): ${JSON.stringify(parsed.errors)}`);
    return { refused: true, problems };
  }
  const result = render(parsed.value);
  for (const file of result.files) {
    const back = parseYaml(toYaml(file.objects), file.path);
    if (!isDeepStrictEqual(back, file.objects)) problems.push(`${file.path} does not survive a YAML round trip`);
  }
  // Istio's and the Gateway API's kinds; the core Services of an ambient canary have no CRD to check against.
  for (const object of result.objects.filter(o => crds?.knows(o.apiVersion, o.kind))) {
    for (const violation of crds?.validate(object) ?? []) {
      problems.push(`${object.kind} ${object.metadata.name} is refused by Istio's CRD at ${violation.path}: ${violation.message}`);
    }
    if (!dns1123Subdomain.test(object.metadata.name) || object.metadata.name.length > 253) {
      problems.push(`${object.kind} name ${JSON.stringify(object.metadata.name)} is not a DNS-1123 subdomain`);
    }
  }
  return { refused: false, problems };
}

describe('renderPolicy over generated and hostile policies', () => {
  beforeAll(async () => {
    crds = await IstioCrdValidator.load();
  });

  it(`refuses with a named field, or renders objects that survive a YAML round trip (${RUNS} policies)`, () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(validPolicy, fc.array(fc.tuple(fc.nat(), hostileText), { maxLength: 2 }), (policy, replacements) => {
        const leaves = stringFields(policy);
        let input: unknown = policy;
        const replaced: string[] = [];
        for (const [index, text] of replacements) {
          const leaf = leaves[index % leaves.length];
          input = withField(input, leaf, text);
          replaced.push(fieldPath(leaf));
        }

        const outcome = checkPolicy(input, replaced);
        if (outcome.refused) refused += 1;
        else rendered += 1;
        if (outcome.problems.length > 0) throw new Error(outcome.problems.join('\n'));
      }),
      { numRuns: RUNS },
    );
    // Both outcomes must really occur, or the generator is not testing what it claims.
    expect(rendered).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});

describe('the property checker itself', () => {
  it('reports a rendered object that Istio would refuse', async () => {
    crds = await IstioCrdValidator.load();
    const renderWithTypo: typeof renderPolicy = policy => {
      const rendered = renderPolicy(policy);
      const [first] = rendered.objects;
      return { ...rendered, objects: [{ ...first, spec: { ...first.spec, selectr: {} } }] };
    };
    const outcome = checkPolicy({ service: { name: 'cart', namespace: 'shop', ports: [{ number: 80 }] } }, [], renderWithTypo);
    expect(outcome.refused).toBe(false);
    expect(outcome.problems.join('\n')).toMatch(/PeerAuthentication cart is refused by Istio's CRD at spec: must NOT have additional properties \(selectr\)/);
  });

  it('accepts a refusal at the sibling a rule across two fields names, and only then', () => {
    const canary = (stableVersion: string) => ({
      service: { name: 'cart', namespace: 'shop', ports: [{ number: 80 }] },
      canary: { stableVersion, canaryVersion: 'v2', canaryWeight: 10 },
    });
    expect(checkPolicy(canary('v2'), ['canary.stableVersion'])).toEqual({ refused: true, problems: [] });
    expect(
      checkPolicy(
        { service: { name: 'cart', namespace: 'shop', ports: [{ number: 80 }] }, canary: { stableVersion: 'v1', canaryVersion: 'v1', canaryWeight: 10 } },
        ['canary.canaryWeight'],
      ).problems,
    ).toEqual([expect.stringMatching(/no error names a replaced field/)]);
  });

  it('reports a refusal that names none of the replaced fields', () => {
    const outcome = checkPolicy({ service: { name: 'Bad Name', namespace: 'ns', ports: [{ number: 80 }] } }, ['service.namespace']);
    expect(outcome).toEqual({ refused: true, problems: [expect.stringMatching(/no error names a replaced field/)] });
  });

  it('reports a refused policy that nothing replaced', () => {
    expect(checkPolicy({ service: {} }, []).problems[0]).toMatch(/untouched generated policy was refused/);
  });
});
