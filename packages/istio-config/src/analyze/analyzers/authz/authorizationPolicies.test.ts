import { analyze } from '../../analyze';
import { namespace, pod, spec } from '../../../testUtils/objects';

const messages = (objects: unknown[], code: string) =>
  analyze(objects)
    .filter(f => f.code === code)
    .map(f => `${f.resource}: ${f.message}${f.path ? ` @${f.path}` : ''}`);
const policy = (name: string, ns: string, body: Record<string, unknown>) => spec('AuthorizationPolicy', name, ns, body);
const from = (source: Record<string, unknown>) => ({ rules: [{ from: [{ source }] }] });

describe('auth.AuthorizationPoliciesAnalyzer', () => {
  const namespaces = [namespace('prod-eu', { 'istio-injection': 'enabled' }), namespace('prod-us', { 'istio-injection': 'enabled' }), namespace('Staging')];

  it.each([
    ['"*"', '*', []],
    ['a prefix pattern', 'prod-*', []],
    ['a suffix pattern', '*-us', []],
    ['a name in another case', 'staging', []],
    [
      'a namespace that does not exist',
      'dev',
      ['AuthorizationPolicy prod-eu/p: Referenced namespace not found: "dev" @spec.rules[0].from[0].source.namespaces[0]'],
    ],
  ])('matches source namespaces by %s', (_case, expression, expected) => {
    expect(
      messages([...namespaces, pod('a', 'prod-eu', { app: 'a' }, { proxy: true }), policy('p', 'prod-eu', from({ namespaces: [expression] }))], 'IST0101'),
    ).toEqual(expected);
  });

  it('points at notNamespaces with the namespaces path and the index within its own list, as istioctl does', () => {
    expect(messages([...namespaces, policy('p', 'prod-eu', from({ namespaces: ['prod-us'], notNamespaces: ['dev'] }))], 'IST0101')).toEqual([
      'AuthorizationPolicy prod-eu/p: Referenced namespace not found: "dev" @spec.rules[0].from[0].source.namespaces[0]',
    ]);
  });

  it("looks across every namespace for a root-namespace policy's selector", () => {
    const root = policy('ingress', 'istio-system', { selector: { matchLabels: { app: 'a' } } });
    expect(messages([...namespaces, pod('a', 'prod-us', { app: 'a' }), root], 'IST0127')).toEqual([]);
    expect(messages([...namespaces, root], 'IST0127')).toEqual([
      'AuthorizationPolicy istio-system/ingress: No matching workloads for this resource with the following labels: app=a',
    ]);
  });

  it('counts pods in ambient mode as workloads', () => {
    const ambientPod = pod('a', 'Staging', { app: 'a' }, { annotations: { 'ambient.istio.io/redirection': 'enabled' } });
    expect(messages([...namespaces, ambientPod, policy('p', 'Staging', { selector: { matchLabels: { app: 'a' } } })], 'IST0127')).toEqual([]);
  });

  it('reports a namespace-wide policy in a namespace with no pod in the mesh, with no labels', () => {
    expect(messages([...namespaces, pod('plain', 'Staging', { app: 'plain' }), policy('p', 'Staging', {})], 'IST0127')).toEqual([
      'AuthorizationPolicy Staging/p: No matching workloads for this resource with the following labels: ',
    ]);
  });
});
