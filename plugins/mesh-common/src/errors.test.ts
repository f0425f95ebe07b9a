import { parseLabelSelector, parseYaml } from '@meshport/istio-config';
import { InputError } from '@backstage/errors';
import { minimalPolicyExample } from './examples';
import { resolveTemplateInput } from './forms';
import { applyCanaryStep, parseMeshPolicy } from './model';
import { parseQuantity } from './overhead';
import { renderPolicy } from './render';
import { entityTarget } from './catalog/entityTarget';

/** What a call throws, for the checks below. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe("mesh-common's errors", () => {
  it('are @backstage/errors InputErrors (a 400 at every edge) that name what is wrong, the field first', () => {
    const parsed = parseMeshPolicy(minimalPolicyExample);
    if (!parsed.ok) throw new Error('the minimal example is valid');
    const cases: Array<[() => unknown, RegExp]> = [
      [() => renderPolicy({ service: { name: 'Bad_Name', namespace: 'users', ports: [] } } as any), /^Invalid mesh policy:\nservice\.name: /],
      [() => parseYaml('a: [', 'mesh/users/x.yaml'), /^mesh\/users\/x\.yaml: document 1: /],
      [() => parseQuantity('12 cores'), /^"12 cores" is not a Kubernetes quantity$/],
      [() => parseLabelSelector('app=a b'), /^label selector "app=a b": cannot read "app=a b"$/],
      [() => applyCanaryStep(parsed.value, { step: 'promote' }), /^canary: there is no canary to promote; start one first$/],
      [() => resolveTemplateInput('${{ parameters.a + 1 }}', { parameters: { a: 1 } }), /is not a property path$/],
      [() => entityTarget({ 'backstage.io/kubernetes-label-selector': 'app in (' }), /^annotation backstage\.io\/kubernetes-label-selector: /],
    ];
    for (const [call, message] of cases) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ name: 'InputError', message: expect.stringMatching(message) });
    }
  });
});
