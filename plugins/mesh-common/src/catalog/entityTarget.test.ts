import { componentPrincipal, entityTarget, targetFromSelector } from './entityTarget';

describe("an entity's cluster objects", () => {
  it("matches by the label-selector annotation when present, else by the kubernetes-id label, as Backstage's Kubernetes plugin does", () => {
    expect(entityTarget({ 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' })).toEqual({
      namespace: 'payments',
      selector: 'backstage.io/kubernetes-id=payment-service',
      requirements: [{ key: 'backstage.io/kubernetes-id', operator: '=', values: ['payment-service'] }],
    });
    expect(entityTarget({ 'backstage.io/kubernetes-label-selector': 'app in (payments,billing)', 'backstage.io/kubernetes-id': 'ignored' })).toMatchObject({
      namespace: undefined,
      selector: 'app in (payments,billing)',
    });
    expect(entityTarget({})).toBeUndefined();
  });

  it('names the annotation that cannot be read', () => {
    expect(() => entityTarget({ 'backstage.io/kubernetes-label-selector': 'app in (' })).toThrow(/^annotation backstage\.io\/kubernetes-label-selector: /);
    expect(() => entityTarget({ 'backstage.io/kubernetes-id': 'x', 'backstage.io/kubernetes-namespace': 'Payments' })).toThrow(
      'annotation backstage.io/kubernetes-namespace: "Payments" is not a Kubernetes namespace name',
    );
    expect(() => targetFromSelector('app=')).not.toThrow();
  });

  it("gives the principal a component's pods present: its service-account annotation, else its kubernetes-id, else its name", () => {
    expect(
      componentPrincipal(
        { 'backstage.io/kubernetes-namespace': 'orders', 'meshport.io/service-account': 'orders-sa', 'backstage.io/kubernetes-id': 'x' },
        'order-service',
      ),
    ).toBe('cluster.local/ns/orders/sa/orders-sa');
    expect(componentPrincipal({ 'backstage.io/kubernetes-id': 'order-service' }, 'orders')).toBe('cluster.local/ns/default/sa/order-service');
    expect(componentPrincipal({}, 'order-service')).toBe('cluster.local/ns/default/sa/order-service');
  });
});
