import { EntityMeshStatus, targetFromSelector } from '@meshport/plugin-mesh-common';
import { namespace, pod, spec } from '@meshport/istio-config/testUtils';
import { storeFromDocuments } from '../cluster/clusterObjectStore';
import { clusterErrorStatus, clusterStatusFromSlice } from './clusterStatus';
import { statusSummary } from '@meshport/plugin-mesh-common';

/** A cluster where reviews runs two pods with sidecars under a namespace-wide STRICT PeerAuthentication. */
function reviewsCluster(name: string, mtls: 'STRICT' | 'PERMISSIVE') {
  const documents = [
    namespace('bookinfo', { 'istio-injection': 'enabled' }),
    pod('reviews-1', 'bookinfo', { app: 'reviews' }, { proxy: true }),
    pod('reviews-2', 'bookinfo', { app: 'reviews' }, { proxy: true }),
    spec('PeerAuthentication', 'default', 'bookinfo', { mtls: { mode: mtls } }),
  ].map(object => (object.kind === 'PeerAuthentication' ? { ...object, apiVersion: 'security.istio.io/v1' } : object));
  const slice = storeFromDocuments(documents).sliceFor(targetFromSelector('app=reviews', 'bookinfo'));
  return clusterStatusFromSlice(name, slice, 'istio-system');
}

describe("an entity's status in a line", () => {
  const status = (clusters: ReturnType<typeof reviewsCluster>[]): EntityMeshStatus => ({
    entityRef: 'component:default/reviews',
    generatedAt: '2026-11-29T12:00:00.000Z',
    target: { namespace: 'bookinfo', selector: 'app=reviews' },
    clusters,
    pendingChanges: { items: [] },
  });

  it('adds up the clusters that answered, and names the ones that did not', () => {
    const summary = statusSummary(
      status([reviewsCluster('prod', 'STRICT'), reviewsCluster('dr', 'STRICT'), clusterErrorStatus('staging', { reason: 'unreachable', message: 'timeout' })]),
    );
    expect(summary).toMatchObject({
      entityRef: 'component:default/reviews',
      namespace: 'bookinfo',
      injectedPods: 4,
      totalPods: 4,
      onboarded: true,
      strictMtls: true,
    });
    // By the reason the cluster gave.
    expect(summary.failingClusters).toEqual(['staging: unreachable']);
  });

  it('is strict only when every workload of every cluster defaults to STRICT', () => {
    expect(statusSummary(status([reviewsCluster('prod', 'STRICT'), reviewsCluster('dr', 'PERMISSIVE')])).strictMtls).toBe(false);
  });
});
