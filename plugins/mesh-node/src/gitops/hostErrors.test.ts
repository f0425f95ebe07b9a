import { hostError } from './hostErrors';

describe('hostError', () => {
  it.each([
    [401, 'AuthenticationError', /token in the portal's integrations config for this host is missing, wrong or expired/],
    [403, 'NotAllowedError', /lacks the permission this needs/],
    [404, 'NotFoundError', /Check the repository in repoUrl/],
    [409, 'ConflictError', /^github\.example\.com answered 409 while opening the pull request: Reference already exists$/],
    [422, 'InputError', /answered 422/],
    [502, 'ServiceUnavailableError', /Nothing was left behind; try again later/],
    [undefined, 'ServiceUnavailableError', /answered no response while/],
  ])('maps the host answering %s to %s, in its own words', (status, name, message) => {
    const error = hostError('github.example.com', 'opening the pull request', status, 'Reference already exists', []);
    expect(error).toMatchObject({ name, message: expect.stringMatching(message) });
  });

  it('redacts the token from whatever the host echoed', () => {
    const error = hostError('gitlab.example.com', 'pushing', 401, 'bad credentials for glpat_secret123', ['glpat_secret123']);
    expect(error.message).not.toContain('glpat_secret123');
    expect(error.message).toContain('gitlab.example.com answered 401 while pushing');
  });
});
