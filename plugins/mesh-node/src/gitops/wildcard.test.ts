import { matchesWildcard } from './wildcard';

describe('matchesWildcard', () => {
  it.each([
    ['gitops-*', 'gitops-payments', true],
    ['gitops-*', 'gitops-', true],
    ['gitops-*', 'gitops', false],
    ['*', 'anything', true],
    ['*', 'a/b', false],
    ['/srv/git/*', '/srv/git/team.git', true],
    ['/srv/git/*', '/srv/git/team/x.git', false],
    ['a*b*c', 'a-x-b-y-c', true],
    ['a*b*c', 'a-x-c-y-b', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(matchesWildcard(pattern, path)).toBe(expected);
  });

  it('decides a many-star pattern against a long path that almost matches without backtracking', () => {
    expect(matchesWildcard('*a*a*a*a*a*a*b', 'a'.repeat(2048))).toBe(false);
  });
});
