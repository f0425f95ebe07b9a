import { parseMeshPolicy } from '../model/validate';
import { policyInWords } from './policyInWords';

const parsed = (input: Record<string, unknown>) => {
  const result = parseMeshPolicy(input, 'policy');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describe('a policy in words', () => {
  it('says where the service runs, what mTLS accepts and who may call, naming callers one way', () => {
    expect(
      policyInWords(
        parsed({
          service: {
            name: 'payment-service',
            namespace: 'payments',
            ports: [
              { number: 8080, name: 'http', protocol: 'HTTP' },
              { number: 9090, name: 'metrics', protocol: 'HTTP' },
            ],
          },
          mtls: { mode: 'STRICT', portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] },
          authorization: {
            allow: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['POST'], paths: ['/api/v1/process-payment'] }],
            dryRun: true,
          },
        }),
      ),
    ).toEqual([
      'Puts payments/payment-service on the mesh with a sidecar in each pod, on ports 8080 (http, HTTP) and 9090 (metrics, HTTP).',
      'Accepts only mutual TLS: callers without a proxy are refused; PERMISSIVE on port 9090.',
      'Denies by default: only order-service (namespace orders) (POST on /api/v1/process-payment) may call. In dry run first: counted on the Mesh tab, not enforced, until the Enforce change.',
    ]);
  });

  it('adds a sentence for each optional section: the token, the canary, the public hosts', () => {
    const words = policyInWords(
      parsed({
        service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] },
        jwt: { rules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/jwks.json' }], publicPaths: ['/healthz'] },
        canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 },
        ingress: { hosts: ['pay.example.com'] },
      }),
    );
    expect(words.slice(3)).toEqual([
      'Requires a JSON Web Token from https://auth.example.com, except on /healthz.',
      'Sends 10% of requests to v2 and the rest to v1.',
      'Publishes it through the ingress gateway on pay.example.com.',
    ]);
    expect(words[2]).toBe('Denies by default: nobody may call.');
  });
});
