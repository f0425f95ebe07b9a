import { resourceNameFromHost } from './hosts';

// Istio's GetResourceNameFromHost (pkg/config/analysis/analyzers/util/hosts.go) matches
// ^(.+)\.(.+)\.svc\.cluster\.local$: the first group greedy, so the namespace is the last label.
describe('resourceNameFromHost', () => {
  it.each([
    ['reviews.bookinfo.svc.cluster.local', { namespace: 'bookinfo', name: 'reviews' }],
    ['a.b.ns.svc.cluster.local', { namespace: 'ns', name: 'a.b' }],
    ['reviews', { namespace: 'default', name: 'reviews' }],
    ['svc.cluster.local', { namespace: 'default', name: 'svc.cluster.local' }],
    ['a..svc.cluster.local', { namespace: 'default', name: 'a..svc.cluster.local' }],
    ['a.b..svc.cluster.local', { namespace: 'b.', name: 'a' }],
  ])('%s', (host, expected) => {
    expect(resourceNameFromHost('default', host)).toEqual(expected);
    const istio = /^(.+)\.(.+)\.svc\.cluster\.local$/.exec(host); // eslint-disable-line regexp/no-super-linear-backtracking
    expect(istio ? { namespace: istio[2], name: istio[1] } : { namespace: 'default', name: host }).toEqual(expected);
  });

  it('reads a host of many dots without backtracking', () => {
    const host = `${'.'.repeat(100_000)}x`;
    expect(resourceNameFromHost('default', host)).toEqual({ namespace: 'default', name: host });
  });
});
