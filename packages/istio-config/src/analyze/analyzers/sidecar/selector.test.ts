import { analyze } from '../../analyze';
import { namespace, pod, spec } from '../../../testUtils/objects';

const found = (objects: unknown[]) => analyze(objects).map(f => `${f.code} ${f.resource}: ${f.message}`);

describe('sidecar.SelectorAnalyzer', () => {
  it('reports Sidecars selecting an ambient pod as having no impact, once each', () => {
    const ambient = pod('web-1', 'shop', { app: 'web' }, { annotations: { 'ambient.istio.io/redirection': 'enabled' } });
    const sidecar = spec('Sidecar', 'scope', 'shop', { workloadSelector: { labels: { app: 'web' } } });
    expect(found([ambient, sidecar])).toEqual([
      'IST0167 Sidecar shop/scope: The policy has no impact: selected workload is in ambient mode, the policy has no impact.',
    ]);
  });

  it("looks for selected pods in the Sidecar's own namespace only", () => {
    expect(found([pod('web-1', 'other', { app: 'web' }), spec('Sidecar', 'scope', 'shop', { workloadSelector: { labels: { app: 'web' } } })])).toEqual([
      'IST0101 Sidecar shop/scope: Referenced selector not found: "app=web"',
    ]);
  });

  it('does not count a namespace that injects sidecars as ambient, whatever its dataplane label says', () => {
    const both = namespace('shop', { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' });
    expect(found([both, spec('Sidecar', 'a', 'shop', {})]).filter(f => f.startsWith('IST0167'))).toEqual([]);
  });
});
