import { namespace, pod } from '../analyze/__testUtils__/objects';
import { ClusterObjectStore } from './clusterObjectStore';

describe('the cluster-wide analysis of a store', () => {
  it('answers requests from the last analysis and redoes it after the request that saw a change', async () => {
    const store = new ClusterObjectStore(undefined, 0);
    const shop = namespace('shop', { 'istio-injection': 'enabled' });
    store.upsert(shop);
    store.upsert(pod('web-1', 'shop', { app: 'web' }, { proxy: true }));
    const codes = () => store.findingsFor([shop, ...['web-1', 'web-2'].map(name => pod(name, 'shop'))], 'istio-system').map(f => `${f.code} ${f.resource}`);
    expect(codes()).toEqual([]);
    store.upsert(pod('web-2', 'shop', { app: 'web' }));
    // The request that notices the change is not held up by a new analysis of the whole cluster…
    expect(codes()).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 10));
    // …the next one sees it.
    expect(codes()).toEqual(['IST0103 Pod shop/web-2']);
  });
});
