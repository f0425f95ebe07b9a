import { entityTarget } from '@meshport/plugin-mesh-common';
import { namespace, pod } from '@meshport/istio-config/testUtils';
import { ClusterObjectStore } from './clusterObjectStore';

describe('the cluster-wide analysis of a store', () => {
  it('answers requests from the last analysis and redoes it after the request that saw a change', async () => {
    const store = new ClusterObjectStore(undefined, 0);
    const shop = namespace('shop', { 'istio-injection': 'enabled' });
    store.upsert(shop);
    store.upsert(pod('web-1', 'shop', { app: 'web' }, { proxy: true }));
    const codes = () => store.findingsFor([shop, ...['web-1', 'web-2'].map(name => pod(name, 'shop'))], 'istio-system')!.map(f => `${f.code} ${f.resource}`);
    expect(codes()).toEqual([]);
    store.upsert(pod('web-2', 'shop', { app: 'web' }));
    // The request that notices the change is not held up by a new analysis of the whole cluster…
    expect(codes()).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 10));
    // …the next one sees it.
    expect(codes()).toEqual(['IST0103 Pod shop/web-2']);
  });

  it('in the background, answers the first requests with the findings pending, one analyzer per turn of the event loop, then with them', async () => {
    const store = new ClusterObjectStore(undefined, 0, 'background');
    const shop = namespace('shop', { 'istio-injection': 'enabled' });
    store.upsert(shop);
    store.upsert(pod('web-1', 'shop', { app: 'web' }));
    const target = entityTarget({ 'backstage.io/kubernetes-namespace': 'shop', 'backstage.io/kubernetes-label-selector': 'app=web' })!;
    const slice = () => store.sliceFor(target, 'istio-system');
    expect(slice()).toMatchObject({ findings: [], findingsPending: true });
    // Timers set meanwhile run between the analysis's steps, as requests' I/O would.
    let turns = 0;
    while (slice().findingsPending) {
      await new Promise(resolve => setTimeout(resolve, 0));
      turns += 1;
    }
    expect(turns).toBeGreaterThan(5);
    expect(slice().findings.map(f => `${f.code} ${f.resource}`)).toEqual(['IST0103 Pod shop/web-1']);
    expect(slice().findingsPending).toBeUndefined();
  });
});
