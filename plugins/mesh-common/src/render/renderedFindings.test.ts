import { analyze } from '@meshport/istio-config';
import { paymentServicePolicyExample } from '../examples';
import { renderPolicy } from './renderPolicy';

describe('what the renderer writes, read by the analyzers', () => {
  it('holds no error for a complete policy, and no path match to escape', () => {
    const rendered = renderPolicy(paymentServicePolicyExample);
    const findings = analyze(rendered.objects, { mode: 'files' });
    expect(findings.filter(f => f.level === 'error' || f.code === 'MP0007')).toEqual([]);
  });
});
