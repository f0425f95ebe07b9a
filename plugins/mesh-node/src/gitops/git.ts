import { execFile } from 'node:child_process';

/** Basic credentials for a git remote over HTTP(S); sent as a header, never put in a URL. */
export interface GitCredentials {
  username: string;
  password: string;
}

/** Who Meshport commits as. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** A git command that failed, with every secret taken out of its message. */
export class GitCommandError extends Error {
  constructor(readonly args: string[], readonly stderr: string, readonly exitCode: number | null) {
    super(`git ${args[0]} failed: ${stderr.trim() || `exit code ${exitCode}`}`);
    this.name = 'GitCommandError';
  }
}

/** Replaces every secret in a text with "***". */
export function redact(text: string, secrets: Array<string | undefined>): string {
  return secrets.filter((secret): secret is string => Boolean(secret) && secret!.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text);
}

/**
 * Runs the git CLI in one folder. Credentials travel in GIT_CONFIG_* environment variables (an
 * http.extraHeader), so they are in no argument list, no remote URL and no .git/config; the user's and the
 * system's git config are ignored so that a credential helper on the host cannot answer instead.
 */
export class GitRunner {
  private readonly secrets: string[];

  constructor(
    private readonly cwd: string,
    private readonly options: { credentials?: GitCredentials; identity?: GitIdentity } = {},
  ) {
    const { credentials } = options;
    this.secrets = credentials ? [credentials.password, Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')] : [];
  }

  private environment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND,
      SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK,
      LANG: 'C',
      LC_ALL: 'C',
    };
    const config: Array<[string, string]> = [
      ['init.defaultBranch', 'main'],
      ['protocol.file.allow', 'always'],
    ];
    if (this.options.credentials) {
      const { username, password } = this.options.credentials;
      config.push(['http.extraHeader', `Authorization: Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`]);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], index) => {
      env[`GIT_CONFIG_KEY_${index}`] = key;
      env[`GIT_CONFIG_VALUE_${index}`] = value;
    });
    if (this.options.identity) {
      env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = this.options.identity.name;
      env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = this.options.identity.email;
    }
    return env;
  }

  /**
   * Runs `git <args>` and returns its standard output; throws GitCommandError with secrets removed.
   * With `timeoutMs`, a git that has not finished by then is stopped and reported as timed out.
   */
  run(args: string[], options: { allowFailure?: boolean; timeoutMs?: number } = {}): Promise<{ stdout: string; ok: boolean }> {
    return new Promise((resolve, reject) => {
      execFile('git', args, { cwd: this.cwd, env: this.environment(), maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 0 }, (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout: stdout.toString(), ok: true });
          return;
        }
        const code = typeof error.code === 'number' ? error.code : null;
        if (options.allowFailure && code !== null) {
          resolve({ stdout: stdout.toString(), ok: false });
          return;
        }
        const said = error.killed && options.timeoutMs ? `timed out after ${options.timeoutMs} ms` : stderr.toString();
        reject(new GitCommandError(args.map(arg => redact(arg, this.secrets)), redact(said, this.secrets), code));
      });
    });
  }

  /** `git <args>` trimmed output. */
  async output(args: string[]): Promise<string> {
    return (await this.run(args)).stdout.trim();
  }
}
