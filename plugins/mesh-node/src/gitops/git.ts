import { CustomErrorBase } from '@backstage/errors';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Basic credentials for a git remote over HTTP(S); sent as a header, never put in a URL.
 *
 * @public
 */
export interface GitCredentials {
  username: string;
  password: string;
}

/**
 * Who Meshport commits as.
 *
 * @public
 */
export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The transports git may use for one repository: exactly the one its URL names.
 *
 * @public
 */
export type GitTransport = 'https' | 'http' | 'file';

/**
 * A git command that failed, with every secret taken out of its message.
 *
 * @public
 */
export class GitCommandError extends CustomErrorBase {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
    readonly reason: 'failed' | 'timeout' | 'size' = 'failed',
    /** What the command printed, where it reports there (`push --porcelain` gives each ref's fate). */
    readonly stdout = '',
  ) {
    super(`git ${args[0]} failed: ${stderr.trim() || `exit code ${exitCode}`}`);
  }
}

/**
 * Replaces every secret in a text with "***".
 *
 * @public
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
  return secrets.filter((secret): secret is string => Boolean(secret) && secret!.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text);
}

/**
 * Where git runs and what it may reach.
 *
 * @public
 */
export interface GitRunnerOptions {
  /** The repository: a bare git directory only Meshport writes. Absent for commands that need none (ls-remote). */
  gitDir?: string;
  /** An empty folder for the index commands that insist on a work tree; git never writes into it. */
  workTree?: string;
  /** The index file, inside Meshport's own state. */
  indexFile?: string;
  /** The one transport allowed. */
  transport: GitTransport;
  /** Credentials and the remote they belong to: sent as a header to URLs under that remote's origin only. */
  credentials?: GitCredentials & { remoteUrl: string };
  identity?: GitIdentity;
  /** The default time a command may take. */
  timeoutMs: number;
}

/**
 * What one command may do beyond the defaults.
 *
 * @public
 */
export interface GitRunOptions {
  allowFailure?: boolean;
  timeoutMs?: number;
  /** Written to the command's standard input. */
  input?: string | Buffer;
  /** Stops the command when this folder grows past `maxBytes` (a fetch of a too large repository). */
  sizeWatch?: { directory: string; maxBytes: number };
}

let emptyHome: string | undefined;

/** An empty, private HOME for git: no user configuration, keys or credential stores can be found there. */
function privateHome(): string {
  if (!emptyHome || !fs.existsSync(emptyHome)) emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-git-home-'));
  return emptyHome;
}

/**
 * The size in bytes of everything under a folder (links are not followed).
 *
 * @public
 */
export function folderSize(directory: string): number {
  let total = 0;
  const visit = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        try {
          total += fs.lstatSync(full).size;
        } catch {
          // removed while counting: git renames temporary packs
        }
      }
    }
  };
  visit(directory);
  return total;
}

/**
 * The configuration every Meshport git command runs with. It comes from the command's environment
 * (GIT_CONFIG_COUNT), which outranks a repository's own settings, and the repository itself is
 * Meshport's, outside any task workspace: nothing a template or a repository holds can name a program
 * for git to run, a transport to use, or a host to send credentials to.
 */
function pinnedConfig(options: GitRunnerOptions): Array<[string, string]> {
  const config: Array<[string, string]> = [
    ['core.fsmonitor', 'false'],
    ['core.hooksPath', '/dev/null'],
    ['core.sshCommand', 'false'],
    ['core.askPass', ''],
    ['core.symlinks', 'false'],
    ['core.attributesFile', '/dev/null'],
    ['core.untrackedCache', 'false'],
    ['credential.helper', ''],
    ['protocol.allow', 'never'],
    [`protocol.${options.transport}.allow`, 'always'],
    ['http.followRedirects', 'false'],
    ['transfer.fsckObjects', 'true'],
    ['submodule.recurse', 'false'],
    ['safe.bareRepository', 'explicit'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['commit.gpgSign', 'false'],
    ['init.defaultBranch', 'main'],
  ];
  if (options.credentials) {
    const { username, password, remoteUrl } = options.credentials;
    // Scoped to the remote's origin: git sends the header to no other host, and redirects are off.
    config.push([`http.${new URL(remoteUrl).origin}/.extraHeader`, `Authorization: Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`]);
  }
  return config;
}

/**
 * Runs the git CLI against a repository Meshport owns, in a stripped environment: no inherited HOME,
 * SSH agent, GIT_* variables or host configuration, one transport, and a time limit on every command
 * (the whole process group is stopped when it runs out). Credentials travel in the environment as a
 * header scoped to their remote, so they are in no argument list, URL, file or log line.
 *
 * @public
 */
export class GitRunner {
  private readonly secrets: string[];

  constructor(private readonly options: GitRunnerOptions) {
    const { credentials } = options;
    this.secrets = credentials ? [credentials.password, Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')] : [];
  }

  /** The same repository with other credentials or identity. */
  with(overrides: Partial<GitRunnerOptions>): GitRunner {
    return new GitRunner({ ...this.options, ...overrides });
  }

  private environment(): NodeJS.ProcessEnv {
    const home = privateHome();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_ALLOW_PROTOCOL: this.options.transport,
      GIT_NO_REPLACE_OBJECTS: '1',
      GIT_OPTIONAL_LOCKS: '0',
      LANG: 'C',
      LC_ALL: 'C',
    };
    if (this.options.gitDir) env.GIT_DIR = this.options.gitDir;
    if (this.options.workTree) env.GIT_WORK_TREE = this.options.workTree;
    if (this.options.indexFile) env.GIT_INDEX_FILE = this.options.indexFile;
    const config = pinnedConfig(this.options);
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

  /** Runs `git <args>` and returns its standard output; throws GitCommandError with secrets removed. */
  run(args: string[], options: GitRunOptions = {}): Promise<{ stdout: string; ok: boolean }> {
    return this.runRaw(args, options).then(result => ({ stdout: result.stdout.toString('utf8'), ok: result.ok }));
  }

  /** Like `run`, with the output as bytes (file contents). */
  runRaw(args: string[], options: GitRunOptions = {}): Promise<{ stdout: Buffer; ok: boolean }> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, { env: this.environment(), cwd: this.options.gitDir ?? privateHome(), detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let stopped: { reason: 'timeout' | 'size'; message: string } | undefined;
      const stop = (reason: 'timeout' | 'size', message: string) => {
        if (stopped) return;
        stopped = { reason, message };
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = setTimeout(() => stop('timeout', `timed out after ${timeoutMs} ms`), timeoutMs);
      const watch = options.sizeWatch;
      const watcher = watch
        ? setInterval(() => {
            if (folderSize(watch.directory) > watch.maxBytes) stop('size', `the repository is larger than the limit of ${watch.maxBytes} bytes`);
          }, 100)
        : undefined;
      child.stdout.on('data', chunk => stdout.push(chunk));
      child.stderr.on('data', chunk => {
        if (stderr.reduce((sum, part) => sum + part.length, 0) < 1_000_000) stderr.push(chunk);
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
      child.on('error', error => {
        clearTimeout(timer);
        if (watcher) clearInterval(watcher);
        reject(new GitCommandError(args, error.message, null));
      });
      child.on('close', code => {
        clearTimeout(timer);
        if (watcher) clearInterval(watcher);
        const output = Buffer.concat(stdout);
        if (stopped) {
          reject(new GitCommandError(this.redactAll(args), stopped.message, code, stopped.reason));
        } else if (code === 0) {
          resolve({ stdout: output, ok: true });
        } else if (options.allowFailure) {
          resolve({ stdout: output, ok: false });
        } else {
          const said = (stream: Buffer[]) => redact(Buffer.concat(stream).toString('utf8'), this.secrets);
          reject(new GitCommandError(this.redactAll(args), said(stderr), code, 'failed', said(stdout)));
        }
      });
    });
  }

  private redactAll(args: string[]) {
    return args.map(arg => redact(arg, this.secrets));
  }

  /** `git <args>` trimmed output. */
  async output(args: string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.trim();
  }
}
