import { LabelIndex } from './labelIndex';

describe('LabelIndex', () => {
  const index = () => {
    const labels = new LabelIndex<string>();
    labels.add('payments', { app: 'payment-service', version: 'v1' }, 'p1');
    labels.add('payments', { app: 'payment-service', version: 'v2' }, 'p2');
    labels.add('payments', { app: 'payment-service', version: 'v1' }, 'p3');
    labels.add('orders', { app: 'order-service', version: 'v1' }, 'o1');
    return labels;
  };

  it("starts from the selector's rarest label: a superset of the matches, no bigger than that label's members", () => {
    expect(index().candidates({ app: 'payment-service', version: 'v2' }, 'payments')).toEqual(['p2']);
    expect(index().candidates({ version: 'v1' }, 'payments')).toEqual(['p1', 'p3']);
    // Across namespaces, each namespace from its own rarest label.
    expect(index().candidates({ version: 'v1' })).toEqual(['p1', 'p3', 'o1']);
    expect(index().candidates({ app: 'missing' }, 'payments')).toEqual([]);
    expect(index().candidates({ app: 'payment-service' }, 'nowhere')).toEqual([]);
    // An empty selector matches everything: the caller lists the namespace.
    expect(index().candidates({}, 'payments')).toBeUndefined();
  });

  it('finds the members of one label in the namespaces asked', () => {
    expect(index().labelled('version=v1')).toEqual(['p1', 'p3', 'o1']);
    expect(index().labelled('version=v1', ['orders'])).toEqual(['o1']);
  });

  it('forgets a label and a namespace with their last member', () => {
    const labels = index();
    const before = labels.keyCount;
    labels.remove('orders', { app: 'order-service', version: 'v1' }, 'o1');
    expect(labels.namespaces()).toEqual(['payments']);
    expect(labels.keyCount).toBe(before - 3);
    for (const [member, version] of [
      ['p1', 'v1'],
      ['p2', 'v2'],
      ['p3', 'v1'],
    ])
      labels.remove('payments', { app: 'payment-service', version }, member);
    expect(labels.keyCount).toBe(0);
  });
});
