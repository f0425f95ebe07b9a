import { callerName, principalInWords } from './callerName';

describe('naming a caller', () => {
  it('names it by its catalog entity where known', () => {
    expect(callerName('cluster.local/ns/orders/sa/order-service', 'component:default/order-service')).toBe('order-service');
    expect(callerName('cluster.local/ns/orders/sa/order-service', 'component:shop/order-service')).toBe('shop/order-service');
  });

  it('else by its service account and namespace, and leaves other principals as they are', () => {
    expect(callerName('cluster.local/ns/orders/sa/order-service')).toBe('order-service (namespace orders)');
    expect(principalInWords('ns/orders/sa/order-service')).toBe('order-service (namespace orders)');
    expect(principalInWords('*')).toBe('*');
  });
});
