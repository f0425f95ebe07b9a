import { fieldRuleError } from './fieldRules';

describe('fieldRuleError', () => {
  it.each([
    ['dnsLabel', 'HTTP Port!', 'must be lowercase letters, digits and "-", starting and ending with a letter or digit'],
    ['dnsLabel', 'http-web', undefined],
    ['quantity', '100 m', 'must be a Kubernetes quantity such as "100m", "0.5", "128Mi" or "1Gi"'],
    ['quantity', '65m', undefined],
    ['hostName', 'Shop.Example.com', 'must be a host name such as "shop.example.com" or "*.example.com"'],
    ['httpPath', 'healthz', 'must start with "/" and hold printable ASCII with no spaces'],
    ['labelValue', 'v2', undefined],
    ['dnsLabel', '', undefined],
  ])('%s: "%s" → %s', (rule, value, message) => {
    expect(fieldRuleError(rule, value)).toEqual(message);
  });

  it('checks the length before the pattern, and names an unknown rule', () => {
    expect(fieldRuleError('dnsLabel', 'a'.repeat(100_000))).toMatch(/at most 63/);
    expect(fieldRuleError('nope', 'x')).toBe('no rule named "nope" (the template\'s ui:options.rule)');
  });
});
