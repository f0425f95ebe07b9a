import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityLookup } from './entityLookup';

const component = (name: string, namespace: string, relations: Entity['relations'] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': namespace } },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  relations,
});

const ENTITIES = [
  component('payment-service', 'payments', [{ type: 'dependencyOf', targetRef: 'component:default/order-service' }]),
  component('order-service', 'orders', [{ type: 'dependsOn', targetRef: 'component:default/payment-service' }]),
];

/** Backstage's in-memory catalog service, with every read recorded as "principal ref". */
function recordingCatalog(reads: string[]): CatalogService {
  const catalog = catalogServiceMock({ entities: ENTITIES });
  const who = (credentials: BackstageCredentials) => (credentials.principal as { userEntityRef?: string }).userEntityRef;
  const getEntityByRef: CatalogService['getEntityByRef'] = async (ref, options) => {
    reads.push(`${who(options.credentials)} ${ref}`);
    return catalog.getEntityByRef(ref, options);
  };
  return new Proxy(catalog, {
    get: (target, name) => {
      if (name === 'getEntityByRef') return getEntityByRef;
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('EntityLookup', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const payment = 'component:default/payment-service';

  afterEach(() => jest.useRealTimers());

  it('gives the entity with the components that depend on it and the principals they call with', async () => {
    const lookup = new EntityLookup(recordingCatalog([]), 0);
    expect(await lookup.byRef(payment, alice)).toEqual({
      ref: payment,
      annotations: { 'backstage.io/kubernetes-id': 'payment-service', 'backstage.io/kubernetes-namespace': 'payments' },
      dependents: [{ ref: 'component:default/order-service', principal: 'cluster.local/ns/orders/sa/order-service' }],
      owners: ['group:default/payments-team'],
    });
  });

  it("reuses a principal's read for the time to live, never another principal's, and reads again after it", async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const reads: string[] = [];
    const lookup = new EntityLookup(recordingCatalog(reads), 5000);
    await lookup.byRef(payment, alice);
    await lookup.byRef(payment, alice);
    await lookup.byRef(payment, bob);
    expect(reads).toEqual([`user:default/alice ${payment}`, `user:default/bob ${payment}`]);
    jest.setSystemTime(new Date('2026-11-29T12:00:05.001Z'));
    await lookup.byRef(payment, alice);
    expect(reads).toHaveLength(3);
  });

  it('keeps no miss: an entity registered a moment later is found on the next request', async () => {
    const reads: string[] = [];
    const lookup = new EntityLookup(recordingCatalog(reads), 5000);
    expect(await lookup.byRef('component:default/registered-later', alice)).toBeUndefined();
    expect(await lookup.byRef('component:default/registered-later', alice)).toBeUndefined();
    expect(reads).toHaveLength(2);
  });

  it('reads the catalog on every request with a time to live of 0', async () => {
    const reads: string[] = [];
    const lookup = new EntityLookup(recordingCatalog(reads), 0);
    await lookup.byRef(payment, alice);
    await lookup.byRef(payment, alice);
    expect(reads).toHaveLength(2);
  });
});
