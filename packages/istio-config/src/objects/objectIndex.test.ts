import { kindKey } from './kinds';
import { ObjectIndex } from './objectIndex';

const pod = (name: string, namespace: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } });
const deployment = (name: string, namespace: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { owner: 'not-the-pods' } },
  spec: { template: { metadata: { labels } } },
});
const names = (objects: Array<{ kind: string; metadata: { name: string } }>) => objects.map(o => `${o.kind} ${o.metadata.name}`);

describe('ObjectIndex', () => {
  const filled = () => {
    const index = new ObjectIndex();
    index.add(pod('p1', 'payments', { app: 'payment-service', version: 'v1' }));
    index.add(pod('p2', 'payments', { app: 'payment-service', version: 'v2' }));
    index.add(deployment('payment-service-v1', 'payments', { app: 'payment-service', version: 'v1' }));
    index.add(pod('o1', 'orders', { app: 'order-service', version: 'v1' }));
    index.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } });
    index.add({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'waypoint', namespace: 'payments' } });
    index.add({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'ingress', namespace: 'payments' } });
    return index;
  };

  it('finds objects by kind, namespace and name, with Gateway API Gateways under KubernetesGateway', () => {
    const index = filled();
    expect(index.size).toBe(7);
    expect(names(index.ofKind('Pod'))).toEqual(['Pod p1', 'Pod p2', 'Pod o1']);
    expect(names(index.inNamespace('Pod', 'orders'))).toEqual(['Pod o1']);
    expect(index.get('Namespace', undefined, 'payments')?.kind).toBe('Namespace');
    expect(index.get('KubernetesGateway', 'payments', 'waypoint')?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(index.get('Gateway', 'payments', 'waypoint')).toBeUndefined();
    expect([index.has('Pod'), index.has('Service')]).toEqual([true, false]);
    expect(index.namespacesOf(['Pod', 'Deployment'])).toEqual(['payments', 'orders']);
  });

  it("matches pod runners by their pods' labels, of the kind asked for only", () => {
    const index = filled();
    const isV1 = (labels: Record<string, string>) => labels.version === 'v1';
    expect(names(index.matching('Pod', 'payments', { version: 'v1' }, isV1))).toEqual(['Pod p1']);
    expect(names(index.matching('Deployment', 'payments', { version: 'v1' }, isV1))).toEqual(['Deployment payment-service-v1']);
    expect(names(index.matching('Pod', undefined, { version: 'v1' }, isV1))).toEqual(['Pod p1', 'Pod o1']);
    // No equality label to start from: every object of the kind is checked.
    expect(names(index.matching('Pod', 'payments', {}, isV1))).toEqual(['Pod p1']);
    expect(names(index.labelled('Pod', 'app=order-service'))).toEqual(['Pod o1']);
    expect(index.labelled('Pod', 'owner=not-the-pods')).toEqual([]);
  });

  it('replaces an object added again, re-indexing its labels', () => {
    const index = filled();
    const first = index.get('Pod', 'payments', 'p1');
    expect(index.add(pod('p1', 'payments', { app: 'payment-service', version: 'v3' }))).toBe(first);
    expect(index.add(pod('p9', 'payments', {}))).toBeUndefined();
    index.remove('Pod', 'payments', 'p9');
    expect(index.size).toBe(7);
    expect(names(index.labelled('Pod', 'version=v1', ['payments']))).toEqual([]);
    expect(names(index.labelled('Pod', 'version=v3'))).toEqual(['Pod p1']);
  });

  it('leaves no key behind once every object is removed', () => {
    const index = filled();
    for (const object of index.all()) {
      expect(index.remove(kindKey(object), object.metadata.namespace, object.metadata.name)).toBe(object);
    }
    expect([index.size, index.keyCount, index.all()]).toEqual([0, 0, []]);
    expect(index.remove('Pod', 'payments', 'p1')).toBeUndefined();
  });
});
