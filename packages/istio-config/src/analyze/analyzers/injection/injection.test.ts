import { analyze } from '../../analyze';
import { configMap, namespace, pod } from '../../../testUtils/objects';

const codes = (objects: unknown[]) => analyze(objects).map(f => `${f.code} ${f.resource}`);
const enabled = namespace('shop', { 'istio-injection': 'enabled' });

describe('injection.Analyzer', () => {
  it.each([
    ['a host-network pod', pod('node-agent', 'shop', {}, { spec: { hostNetwork: true } })],
    ['a pod opting out by label', pod('batch', 'shop', { 'sidecar.istio.io/inject': 'false' })],
    ['a pod opting out by annotation', pod('batch', 'shop', {}, { annotations: { 'sidecar.istio.io/inject': 'false' } })],
    [
      'a pod with a native sidecar (init container)',
      pod('native', 'shop', {}, { spec: { initContainers: [{ name: 'istio-proxy', image: 'istio/proxyv2', restartPolicy: 'Always' }] } }),
    ],
  ])('does not ask %s for a proxy', (_case, subject) => {
    expect(codes([enabled, subject]).filter(c => c.startsWith('IST0103'))).toEqual([]);
  });

  it('lets the label win over the annotation', () => {
    const both = pod('mixed', 'shop', { 'sidecar.istio.io/inject': 'true' }, { annotations: { 'sidecar.istio.io/inject': 'false' } });
    expect(codes([enabled, both]).filter(c => c.startsWith('IST0103'))).toEqual(['IST0103 Pod shop/mixed']);
  });

  it('counts a revision label as enabling injection, and leaves its pods alone', () => {
    expect(codes([namespace('shop', { 'istio.io/rev': 'canary' }), pod('web', 'shop', {})])).toEqual([]);
  });

  it('counts ambient namespaces as in the mesh', () => {
    expect(codes([namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }), pod('web', 'shop', {})])).toEqual([]);
  });

  it('skips istio-system, and namespaces that say they need no injection', () => {
    expect(codes([namespace('istio-system'), namespace('legacy', { 'istio-injection': 'disabled' })])).toEqual([]);
  });

  it.each([
    [{ 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }, ['istio-injection=enabled', 'istio.io/dataplane-mode=ambient']],
    [{ 'istio.io/rev': 'canary', 'istio.io/dataplane-mode': 'ambient' }, ['istio.io/rev=canary', 'istio.io/dataplane-mode=ambient']],
  ])('reports more than one injection label: %j', (labels, listed) => {
    const [finding] = analyze([namespace('shop', labels)]).filter(f => f.code === 'IST0123');
    expect(finding.message).toContain(`[${listed.join(' ')}]`);
  });

  it('does not count a disabled istio-injection with another label as two', () => {
    expect(codes([namespace('shop', { 'istio-injection': 'disabled', 'istio.io/rev': 'canary' })])).toEqual([]);
  });

  it("reads enableNamespacesByDefault from the injector of the namespace's revision", () => {
    const canaryInjector = configMap('istio-sidecar-injector-canary', 'istio-system', {
      values: JSON.stringify({ sidecarInjectorWebhook: { enableNamespacesByDefault: true } }),
    });
    expect(codes([namespace('default'), canaryInjector])).toEqual(['IST0102 Namespace default']);
  });
});
