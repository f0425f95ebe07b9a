import { localChange } from './PendingChangesCard';

describe('localChange', () => {
  it('reads a plain-git change as its repository path and branch', () => {
    expect(localChange('file:///srv/git/gitops%20repo#meshport/payments/payment-service')).toEqual({
      repository: '/srv/git/gitops repo',
      branch: 'meshport/payments/payment-service',
    });
  });

  it('keeps a path with a malformed escape as given instead of failing the card', () => {
    expect(localChange('file:///srv/git/100%#meshport/a/b')).toEqual({ repository: '/srv/git/100%', branch: 'meshport/a/b' });
  });

  it('is not a local change when the URL is a web page', () => {
    expect(localChange('https://github.com/acme/gitops/pull/7')).toBeUndefined();
  });
});
