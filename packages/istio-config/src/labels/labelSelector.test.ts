import { labelSelectorMatches, matchesLabelSelector, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'payment-service', version: 'v2', tier: 'api' };

  it('reads the string form as kubectl -l does, and refuses what the API would, naming the term', () => {
    expect(parseLabelSelector('app=payment-service, version!=v1,tier in (web, api),!legacy,tier')).toEqual([
      { key: 'app', operator: '=', values: ['payment-service'] },
      { key: 'version', operator: '!=', values: ['v1'] },
      { key: 'tier', operator: 'in', values: ['web', 'api'] },
      { key: 'legacy', operator: '!', values: [] },
      { key: 'tier', operator: 'exists', values: [] },
    ]);
    expect(matchesLabelSelector(parseLabelSelector('app=payment-service,version!=v1,tier in (web,api),!legacy'), labels)).toBe(true);
    expect(matchesLabelSelector(parseLabelSelector('tier notin (api)'), labels)).toBe(false);
    expect(() => parseLabelSelector('app=payment service')).toThrow('label selector "app=payment service": cannot read "app=payment service"');
    expect(() => parseLabelSelector('-app=x')).toThrow('"-app" is not a valid label key');
  });

  it('judges a LabelSelector object with the same requirements: matchLabels and matchExpressions', () => {
    expect(labelSelectorMatches(undefined, labels)).toBe(true);
    expect(
      labelSelectorMatches({ matchLabels: { app: 'payment-service' }, matchExpressions: [{ key: 'version', operator: 'In', values: ['v1', 'v2'] }] }, labels),
    ).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'version', operator: 'NotIn', values: ['v2'] }] }, labels)).toBe(false);
    expect(
      labelSelectorMatches(
        {
          matchExpressions: [
            { key: 'legacy', operator: 'DoesNotExist' },
            { key: 'tier', operator: 'Exists' },
          ],
        },
        labels,
      ),
    ).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { app: 'order-service' } }, labels)).toBe(false);
    // An operator the API does not know selects nothing, as metav1.LabelSelectorAsSelector refuses it.
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Matches', values: ['api'] }] }, labels)).toBe(false);
  });
});
