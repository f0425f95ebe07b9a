import { policyScopeFor } from '@meshport/plugin-mesh-common';
import { servicesForPods } from '@meshport/istio-config';
import { service, spec } from '@meshport/istio-config/testUtils';
import { sectionsFedBy } from './sections';
import { trafficStatus } from './traffic';

const reviews = service('reviews', 'bookinfo', { app: 'reviews' }, [{ name: 'http', port: 9080, protocol: 'TCP' }]);
const ratings = service('ratings', 'bookinfo', { app: 'ratings' });
const pods = [
  { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' }, ready: true },
  { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v1' }, ready: true },
  { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v2' }, ready: false },
];

describe('the traffic section', () => {
  it("takes the Services whose selectors pick the entity's pods, in their own namespace only", () => {
    expect(
      servicesForPods([reviews, ratings, service('reviews', 'other', { app: 'reviews' })], pods).map(s => `${s.metadata.namespace}/${s.metadata.name}`),
    ).toEqual(['bookinfo/reviews']);
  });

  it('reads the canary split of the catch-all route, with the pods and ready pods behind each subset', () => {
    const subsets = spec('DestinationRule', 'reviews', 'bookinfo', {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
    const split = spec('VirtualService', 'reviews', 'bookinfo', {
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 75 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 25 },
          ],
        },
      ],
    });
    // A VirtualService for another host is not the entity's.
    const other = spec('VirtualService', 'ratings', 'bookinfo', { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings' } }] }] });
    const traffic = trafficStatus([reviews], [subsets, split, other], pods);
    expect(traffic.services.map(s => s.host)).toEqual(['reviews.bookinfo.svc.cluster.local']);
    expect(traffic.virtualServices.map(v => v.name)).toEqual(['reviews']);
    expect(traffic.destinationRules.map(d => [d.host, d.subsets.map(s => s.name)])).toEqual([['reviews.bookinfo.svc.cluster.local', ['v1', 'v2']]]);
    expect(traffic.canary?.split.map(s => [s.subset, s.weight, s.pods, s.readyPods])).toEqual([
      ['v1', 75, 2, 2],
      ['v2', 25, 1, 0],
    ]);
  });
});

describe('where a policy applies, and what a kind feeds', () => {
  const labels = { app: 'reviews' };
  it('applies a selector in its namespace to the pods it picks, a namespace policy to its namespace, a root-namespace one mesh-wide', () => {
    const bySelector = spec('PeerAuthentication', 'reviews', 'bookinfo', { selector: { matchLabels: { app: 'reviews' } } });
    expect(policyScopeFor(bySelector, 'bookinfo', labels, 'istio-system')).toBe('workload');
    expect(policyScopeFor(bySelector, 'bookinfo', { app: 'ratings' }, 'istio-system')).toBeUndefined();
    expect(policyScopeFor(spec('PeerAuthentication', 'default', 'bookinfo', {}), 'bookinfo', labels, 'istio-system')).toBe('namespace');
    expect(policyScopeFor(spec('PeerAuthentication', 'default', 'istio-system', {}), 'bookinfo', labels, 'istio-system')).toBe('mesh');
    // A selector in the root namespace picks the root namespace's workloads only.
    expect(
      policyScopeFor(spec('PeerAuthentication', 'x', 'istio-system', { selector: { matchLabels: labels } }), 'bookinfo', labels, 'istio-system'),
    ).toBeUndefined();
    // targetRefs attach to what they name, never by namespace.
    expect(
      policyScopeFor(
        spec('AuthorizationPolicy', 'y', 'bookinfo', { targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }] }),
        'bookinfo',
        labels,
        'istio-system',
      ),
    ).toBeUndefined();
  });

  it('marks the sections a kind that cannot be read leaves incomplete; an analyzer-only kind feeds the findings alone', () => {
    expect(sectionsFedBy('Pod')).toEqual(['workloads', 'security', 'health', 'overhead', 'findings']);
    expect(sectionsFedBy('Sidecar')).toEqual(['findings']);
  });
});
