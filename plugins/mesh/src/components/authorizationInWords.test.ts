import { authorizationInWords } from './authorizationInWords';

const policy = (action: string | undefined, rules: Array<Record<string, unknown>>) => ({
  name: 'p',
  namespace: 'payments',
  action: action as string,
  scope: 'workload' as const,
  enforcedBy: ['sidecar' as const],
  rules,
});

describe('authorizationInWords', () => {
  it.each([
    ['ALLOW without rules', policy('ALLOW', []), ['Nobody may call (deny by default): only other ALLOW rules let requests in.']],
    ['an empty spec (ALLOW by default) without rules', policy(undefined, []), ['Nobody may call (deny by default): only other ALLOW rules let requests in.']],
    ['DENY without rules', policy('DENY', []), ['Denies nothing: a DENY policy without rules matches no request.']],
    ['AUDIT without rules', policy('AUDIT', []), ['Audits nothing: an AUDIT policy without rules matches no request.']],
    ['CUSTOM without rules', policy('CUSTOM', []), ['Sends nothing to the external authorizer: a CUSTOM policy without rules matches no request.']],
    [
      'ALLOW for a caller, method and path',
      policy('ALLOW', [
        {
          from: [{ source: { principals: ['cluster.local/ns/orders/sa/order-service'] } }],
          to: [{ operation: { methods: ['POST'], paths: ['/api/v1/process-payment'] } }],
        },
      ]),
      ['order-service (namespace orders) may POST /api/v1/process-payment'],
    ],
    [
      'DENY without a token, except public paths',
      policy('DENY', [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { notPaths: ['/healthz', '/public/*'] } }] }]),
      ['Anyone without a valid token may not call any path except /healthz or /public/*'],
    ],
    [
      'DENY on a claim that holds none of the values',
      policy('DENY', [{ to: [{ operation: { notPaths: ['/healthz'] } }], when: [{ key: 'request.auth.claims[role]', notValues: ['customer', 'merchant'] }] }]),
      ["Anyone may not call any path except /healthz, when the token's claim role is not customer or merchant (or is missing)"],
    ],
    [
      'ALLOW with every negative source field',
      policy('ALLOW', [
        {
          from: [{ source: { namespaces: ['orders'], notPrincipals: ['cluster.local/ns/orders/sa/batch'], requestPrincipals: ['https://id.example.com/*'] } }],
          to: [{ operation: { notMethods: ['DELETE'] } }],
        },
      ]),
      [
        'anything in namespace orders other than batch (namespace orders) with a token from https://id.example.com/* may call (with any method but DELETE) any path',
      ],
    ],
    [
      'two sources, two operations, a positive condition',
      policy('ALLOW', [
        {
          from: [{ source: { principals: ['cluster.local/ns/a/sa/x'] } }, { source: { notNamespaces: ['b'] } }],
          to: [{ operation: { methods: ['GET'], paths: ['/a'] } }, { operation: { paths: ['/b'], ports: ['8080'] } }],
          when: [{ key: 'request.auth.claims[groups][admin]', values: ['yes'] }],
        },
      ]),
      ["x (namespace a); or Anyone outside namespace b may GET /a, or call /b on port 8080, when the token's claim groups.admin is yes"],
    ],
    ['AUDIT with a rule', policy('AUDIT', [{ to: [{ operation: { paths: ['/admin/*'] } }] }]), ['Audited: Anyone when they call /admin/*']],
  ])('%s', (_case, input, sentences) => {
    expect(authorizationInWords(input)).toEqual(sentences);
  });
});
