import { ambientL4PolicyExample, scopedPolicyExample } from '../examples';
import { parseMeshPolicy } from '../model';
import { renderPolicy } from './renderPolicy';

describe('the proxy scope (a Sidecar resource)', () => {
  it("limits the service's proxies to its namespace, istio-system and the hosts it calls", () => {
    const sidecar = renderPolicy(scopedPolicyExample).objects.find(o => o.kind === 'Sidecar');
    expect(sidecar).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'order-service', namespace: 'orders', labels: { 'app.kubernetes.io/managed-by': 'meshport', 'meshport.io/service': 'order-service' } },
      spec: {
        workloadSelector: { labels: { app: 'order-service' } },
        egress: [{ hosts: ['./*', 'istio-system/*', 'payments/payment-service.payments.svc.cluster.local', 'orders/api.shipping.example.com'] }],
      },
    });
    expect(renderPolicy({ ...scopedPolicyExample, scope: undefined }).objects.map(o => o.kind)).not.toContain('Sidecar');
  });

  it.each([
    ['payment-service.payments.svc.cluster.local', 'must be "<namespace>/<host>"'],
    ['Payments/payment-service', 'must be "<namespace>/<host>"'],
    ['payments/', 'must be "<namespace>/<host>"'],
    ['a/b/c', 'must be "<namespace>/<host>"'],
  ])('refuses the host "%s", naming the field', (host, message) => {
    expect(parseMeshPolicy({ ...scopedPolicyExample, scope: { hosts: [host] } })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'scope.hosts[0]', message: expect.stringContaining(message) })],
    });
  });

  it('is for sidecars only: ambient pods have none to scope', () => {
    expect(parseMeshPolicy({ ...ambientL4PolicyExample, scope: { hosts: ['./*'] } })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'scope', message: expect.stringContaining('ambient pods have none') })],
    });
  });
});
