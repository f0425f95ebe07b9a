import { AuthenticationError, ConflictError, InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { redact } from './git';

/**
 * A clear task error for a git host's HTTP answer, in the host's own words where it gave some. Tokens
 * are redacted from whatever the host echoed.
 */
export function hostError(host: string, action: string, status: number | undefined, hostMessage: string | undefined, secrets: Array<string | undefined>) {
  const said = hostMessage ? `: ${redact(hostMessage, secrets)}` : '';
  const where = `${host} answered ${status ?? 'no response'} while ${action}${said}`;
  switch (status) {
    case 401:
      return new AuthenticationError(`${where}. The token in the portal's integrations config for this host is missing, wrong or expired.`);
    case 403:
      return new NotAllowedError(`${where}. The token lacks the permission this needs (contents and pull requests: write).`);
    case 404:
      return new NotFoundError(`${where}. Check the repository in repoUrl, and that the token can see it.`);
    case 409:
      return new ConflictError(where);
    case 422:
      return new InputError(`${where}.`);
    default:
      return new ServiceUnavailableError(`${where}. Nothing was left behind; try again later.`);
  }
}
