import { Entity } from '@backstage/catalog-model';
import { calleesOf, scopeHostOf, scopeInWords } from './scope';

const component = (name: string, namespace: string | undefined, relations: Entity['relations'] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: namespace ? { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': namespace } : {},
  },
  spec: {},
  relations,
});

const payments = component('payment-service', 'payments', [{ type: 'providesApi', targetRef: 'api:default/payment-api' }]);
const users = component('user-service', 'users');
const shipping = component('shipping-service', 'shipping');
const legacy = component('legacy-batch', undefined);
const orders = component('order-service', 'orders', [
  { type: 'consumesApi', targetRef: 'api:default/payment-api' },
  { type: 'dependsOn', targetRef: 'component:default/shipping-service' },
]);

describe('the proxy scope from the catalog', () => {
  it("names a component's Service host as a Sidecar reads it", () => {
    expect(scopeHostOf(payments)).toBe('payments/payment-service.payments.svc.cluster.local');
    expect(scopeHostOf(legacy)).toBeUndefined();
  });

  it('takes what the service dependsOn and the providers of the APIs it consumes', () => {
    expect(calleesOf([payments, users, shipping, legacy], orders).map(c => c.metadata.name)).toEqual(['payment-service', 'shipping-service']);
    expect(calleesOf([payments, users], undefined)).toEqual([]);
  });

  it("says how many of the catalog's other services the scope leaves out", () => {
    const words = scopeInWords(
      { hosts: ['payments/payment-service.payments.svc.cluster.local', 'orders/api.shipping.example.com'] },
      [payments, users, shipping, legacy],
      'orders',
    );
    expect(words).toMatch(
      /^The proxies learn 2 host\(s\) besides their own namespace's and istio-system's\. Of the 3 other services the catalog knows on Kubernetes, they leave out 2:/,
    );
  });
});
