import v8 from 'node:v8';
import vm from 'node:vm';
import { SharedValues } from './sharedValues';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const replicaLabels = () => ({ app: 'orders', 'pod-template-hash': '7d9c5b8f4', version: 'v1' });

describe('SharedValues', () => {
  it('gives every equal value the first one, frozen through and through', () => {
    const shared = new SharedValues();
    const first = shared.share({ containers: [{ name: 'orders', ports: [{ containerPort: 8080 }] }] });
    const second = shared.share({ containers: [{ name: 'orders', ports: [{ containerPort: 8080 }] }] });
    expect(second).toBe(first);
    expect(() => {
      (second.containers[0].ports[0] as { containerPort: number }).containerPort = 9090;
    }).toThrow(TypeError);
    expect(first.containers[0].ports[0].containerPort).toBe(8080);
  });

  it('keeps values apart that differ anywhere, in order, length or a nested member', () => {
    const shared = new SharedValues();
    const values = [replicaLabels(), { ...replicaLabels(), version: 'v2' }, [1, 2], [2, 1], [1, 2, 3], { a: [1] }, { a: { 0: 1 } }, { a: null }, { a: 'null' }];
    const held = values.map(value => shared.share(value));
    expect(new Set(held).size).toBe(values.length);
    held.forEach((value, i) => expect(value).toEqual(values[i]));
  });

  it('leaves scalars as they are', () => {
    const shared = new SharedValues();
    expect(shared.share('orders')).toBe('orders');
    expect(shared.share(undefined)).toBeUndefined();
    expect(shared.size).toBe(0);
  });

  it('forgets a value once no object holds it, so that churn leaves nothing behind', async () => {
    const shared = new SharedValues();
    let holders: unknown[] = Array.from({ length: 1000 }, (_, i) => shared.share({ app: `job-${i}`, 'controller-uid': `uid-${i}` }));
    expect(shared.size).toBe(1000);
    const kept = shared.share(replicaLabels());
    holders = [];
    for (let attempt = 0; attempt < 50 && shared.size > 1; attempt += 1) {
      gc();
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(holders).toEqual([]);
    expect(shared.size).toBe(1);
    expect(shared.share(replicaLabels())).toBe(kept);
  });
});
