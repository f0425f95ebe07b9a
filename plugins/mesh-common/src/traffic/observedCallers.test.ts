import { observedCallersOf } from './observedCallers';

describe('observedCallersOf', () => {
  it("joins the clusters' callers by principal, keeping the highest rate, and leaves out callers only allowed", () => {
    const cluster = (callers: unknown[]) => ({ security: { callers } } as any);
    const status = {
      clusters: [
        cluster([
          { principal: 'cluster.local/ns/orders/sa/order-service', rate: 20, observed: true, allowed: true, words: '' },
          { principal: 'cluster.local/ns/shop/sa/frontend', observed: false, allowed: true, words: '' },
        ]),
        cluster([
          { principal: 'cluster.local/ns/orders/sa/order-service', rate: 5, observed: true, allowed: true, words: '' },
          { principal: 'cluster.local/ns/reports/sa/reporter', observed: false, dependsOn: true, allowed: false, words: '' },
        ]),
        { error: { message: 'unreachable' } } as any,
      ],
    };
    expect(observedCallersOf(status)).toEqual([
      { principal: 'cluster.local/ns/orders/sa/order-service', observed: true, rate: 20 },
      { principal: 'cluster.local/ns/reports/sa/reporter', observed: false, dependsOn: true },
    ]);
    expect(observedCallersOf(undefined)).toEqual([]);
  });
});
