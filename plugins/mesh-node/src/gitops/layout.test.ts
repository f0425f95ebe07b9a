import { folderFor } from './layout';
import { changeBranchName } from './branchName';
import { redact } from './git';

describe('layout and branch names', () => {
  it('fills the layout pattern', () => {
    expect(folderFor('mesh/{namespace}/{service}', { namespace: 'payments', service: 'payment-service' })).toBe('mesh/payments/payment-service');
    expect(folderFor('clusters/prod/{namespace}/_namespace', { namespace: 'users' })).toBe('clusters/prod/users/_namespace');
  });

  it.each(['/abs/{service}', '../{namespace}', 'mesh//{service}', 'mesh/{namespace} x'])('refuses the layout %s, naming the field', pattern => {
    expect(() => folderFor(pattern, { namespace: 'payments', service: 'payment-service' })).toThrow(/^layout: /);
  });

  it('names the branch after the service, and refuses names that are not DNS labels', () => {
    expect(changeBranchName({ namespace: 'payments', service: 'payment-service' })).toBe('meshport/payments/payment-service');
    expect(changeBranchName({ namespace: 'payments' })).toBe('meshport/payments/_namespace');
    expect(() => changeBranchName({ namespace: 'Payments', service: 'x..y' })).toThrow(/namespace: .*\nservice: /);
  });

  it('redacts secrets from messages', () => {
    expect(redact('fatal: token abcd1234 rejected (abcd1234)', ['abcd1234', undefined])).toBe('fatal: token *** rejected (***)');
  });
});
