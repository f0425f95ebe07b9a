import { durationToMilliseconds } from './primitives';
import { minimalPolicyExample, paymentServicePolicyExample } from '../examples';
import { applyCanaryStep } from './canarySteps';
import { meshPolicyJsonSchema } from './jsonSchema';
import { POLICY_SECTIONS } from '../forms/mergePolicy';
import { parseMeshPolicy, parseNamespacePolicy } from './validate';

function errorsOf(input: unknown) {
  const result = parseMeshPolicy(input);
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors;
}

describe('parseMeshPolicy', () => {
  it('fills the defaults a product engineer should not have to choose', () => {
    const result = parseMeshPolicy(minimalPolicyExample);
    expect(result.ok && result.value).toMatchObject({
      injection: { enabled: true, holdApplicationUntilProxyStarts: true, excludeInboundPorts: [] },
      mtls: { mode: 'STRICT', portOverrides: [] },
      authorization: { denyByDefault: true, allow: [] },
    });
  });

  it.each([
    ['an invalid service name', { service: { ...minimalPolicyExample.service, name: 'Payment_Service' } }, 'service.name', /lowercase/],
    [
      'a JWKS URI over http',
      { ...paymentServicePolicyExample, jwt: { rules: [{ issuer: 'i', jwksUri: 'http://keys.example.com' }] } },
      'jwt.rules[0].jwksUri',
      /https/,
    ],
    [
      'a canary weight over 100',
      { ...paymentServicePolicyExample, canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 120 } },
      'canary.canaryWeight',
      /at most 100/,
    ],
    [
      'the same version twice',
      { ...paymentServicePolicyExample, canary: { stableVersion: 'v1', canaryVersion: 'v1', canaryWeight: 10 } },
      'canary.canaryVersion',
      /differ/,
    ],
    [
      'a port override on a port the service lacks',
      { ...minimalPolicyExample, mtls: { portOverrides: [{ port: 9999, mode: 'DISABLE' }] } },
      'mtls.portOverrides[0].port',
      /not a port the service's pods serve/,
    ],
    [
      'a YAML-breaking header value',
      {
        ...paymentServicePolicyExample,
        canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 5, headerMatch: { name: 'x-canary', value: 'a\n---\nb' } },
      },
      'canary.headerMatch.value',
      /one line/,
    ],
    [
      'a caller rule with no caller',
      { ...minimalPolicyExample, authorization: { allow: [{ paths: ['/x'] }] } },
      'authorization.allow[0].principals',
      /no caller/,
    ],
    ['a template expression as a host', { ...paymentServicePolicyExample, ingress: { hosts: ['{{ .host }}'] } }, 'ingress.hosts[0]', /host name/],
  ])('refuses %s, naming the field', (_what, input, field, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('names nested fields of the namespace policy', () => {
    const result = parseNamespacePolicy({ namespace: 'ok', telemetry: { samplingPercentage: 101 } });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'telemetry.samplingPercentage', message: expect.stringMatching(/100/) }]);
  });
});

describe("ports: the Service's and the workload's", () => {
  const web = { name: 'web', namespace: 'shop', ports: [{ number: 80, targetPort: 8080, name: 'http' }, { number: 9090 }] };

  it.each([
    ['an mTLS override on the workload port', { service: web, mtls: { portOverrides: [{ port: 8080, mode: 'PERMISSIVE' }] } }],
    ['an mTLS override on a port whose targetPort is itself', { service: web, mtls: { portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] } }],
    ['an excluded port no service port targets', { service: web, injection: { excludeInboundPorts: [80, 8558] } }],
  ])('accepts %s', (_case, input) => {
    const result = parseMeshPolicy(input);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('refuses an mTLS override on the Service port, naming the workload port Istio keys it by', () => {
    expect(errorsOf({ service: web, mtls: { portOverrides: [{ port: 80, mode: 'PERMISSIVE' }] } })).toEqual([
      {
        field: 'mtls.portOverrides[0].port',
        message:
          "is not a port the service's pods serve (8080, 9090): Istio keys port-level mTLS by the workload port, here 8080 (service port 80's targetPort)",
      },
    ]);
  });

  it('refuses excluding a target port from the sidecar: its traffic would bypass mTLS and authorization', () => {
    expect(errorsOf({ service: web, injection: { excludeInboundPorts: [8080] } })).toEqual([
      {
        field: 'injection.excludeInboundPorts[0]',
        message: 'is the target port of service port 80: traffic to it would bypass the sidecar, and with it mTLS and authorization',
      },
    ]);
  });
});

describe('applyCanaryStep', () => {
  const base = parseMeshPolicy(paymentServicePolicyExample);
  const policy = base.ok ? base.value : (undefined as never);

  it('shifts, promotes and rolls back without touching the input', () => {
    expect(applyCanaryStep(policy, { step: 'shift', canaryWeight: 50 }).canary?.canaryWeight).toBe(50);
    const promoted = applyCanaryStep(policy, { step: 'promote' }).canary!;
    expect(promoted).toMatchObject({ canaryWeight: 100, headerMatch: undefined, fault: undefined });
    expect(applyCanaryStep(policy, { step: 'rollback' }).canary?.canaryWeight).toBe(0);
    expect(policy.canary?.canaryWeight).toBe(10);
  });

  it('refuses to shift a canary that was never started', () => {
    expect(() => applyCanaryStep({ ...policy, canary: undefined }, { step: 'promote' })).toThrow(/canary: there is no canary/);
  });
});

describe('meshPolicyJsonSchema', () => {
  it('describes every top-level section with its help text', () => {
    const schema = meshPolicyJsonSchema() as { properties: Record<string, { description?: string }>; required: string[] };
    // The sections a form may set or remove are the model's sections, in its order.
    expect(Object.keys(schema.properties)).toEqual([...POLICY_SECTIONS]);
    expect(schema.required).toEqual(['service']);
    for (const section of Object.values(schema.properties)) expect(section.description).toEqual(expect.any(String));
  });
});

describe('strict parsing', () => {
  const service = { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080 }] };
  const fieldErrorsOf = (input: unknown) => {
    const result = parseMeshPolicy(input);
    return result.ok ? [] : result.errors;
  };

  it.each([
    ['a misspelt section', { service, mtsl: { mode: 'STRICT' } }, [{ field: 'mtsl', message: 'is not a field Meshport knows; did you mean "mtls"?' }]],
    [
      'another spelling of a section',
      { service, authorisation: {} },
      [{ field: 'authorisation', message: 'is not a field Meshport knows; did you mean "authorization"?' }],
    ],
    [
      'a misspelt field deep in a list',
      { service: { ...service, ports: [{ number: 8080, protcol: 'HTTP' }] } },
      [{ field: 'service.ports[0].protcol', message: 'is not a field Meshport knows; did you mean "protocol"?' }],
    ],
    [
      'a field of one load-balancer variant',
      { service, traffic: { loadBalancer: { type: 'simple', algoritm: 'RANDOM' } } },
      [
        { field: 'traffic.loadBalancer.algorithm', message: expect.any(String) },
        { field: 'traffic.loadBalancer.algoritm', message: 'is not a field Meshport knows; did you mean "algorithm"?' },
      ],
    ],
    [
      'a name nothing resembles',
      { service, zzz: 1 },
      [{ field: 'zzz', message: expect.stringMatching(/^is not a field Meshport knows \(known here: service, dataPlane, injection, mtls/) }],
    ],
    [
      'the JWT paths of an older policy',
      { service, jwt: { rules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/k' }], paths: ['/api/*'] } },
      [
        {
          field: 'jwt.paths',
          message: expect.stringMatching(/^was replaced by jwt\.publicPaths: a token is now required on every path except the public ones/),
        },
      ],
    ],
  ])('refuses %s, naming the field', (_case, input, errors) => {
    expect(fieldErrorsOf(input)).toEqual(errors);
  });

  it('refuses unknown fields of a namespace policy too', () => {
    const result = parseNamespacePolicy({ namespace: 'payments', mtlsMod: 'STRICT' });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'mtlsMod', message: 'is not a field Meshport knows; did you mean "mtlsMode"?' }]);
  });
});

describe('durationToMilliseconds', () => {
  it.each([
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['10us', 0.01],
    ['', 0],
  ])('%s is %d ms', (value, expected) => {
    expect(durationToMilliseconds(value)).toBeCloseTo(expected);
  });
});

describe('lengths before patterns', () => {
  // A pattern run over a 100,000-character value took seconds (the quantity pattern backtracked); the
  // length rule now stops the check before any pattern sees the value.
  it('a 100,000-character quantity is refused by its length rule alone', () => {
    const cpuRequest = `${'1'.repeat(100_000)}x`;
    const result = parseMeshPolicy({ ...minimalPolicyExample, injection: { proxyResources: { cpuRequest } } }, 'policy');
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.filter(error => error.field.includes('cpuRequest')).map(error => error.message);
    expect(messages).toEqual(['must be at most 32 characters']);
  });

  it('a long host name is refused by its length rule alone', () => {
    const result = parseMeshPolicy({ ...minimalPolicyExample, ingress: { hosts: [`${'a.'.repeat(50_000)}-`] } }, 'policy');
    const messages = result.ok ? [] : result.errors.filter(error => error.field.includes('ingress.hosts')).map(error => error.message);
    expect(messages).toEqual(['must be at most 253 characters']);
  });
});
