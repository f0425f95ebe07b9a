import fs from 'node:fs';
import os from 'node:os';
import { createServer, Socket } from 'node:net';
import path from 'node:path';
import { GitRunner } from './git';

describe('GitRunner', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-git-'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs with a pinned configuration that outranks the repository's own", async () => {
    const gitDir = path.join(dir, 'repo.git');
    const runner = new GitRunner({ gitDir, transport: 'https', timeoutMs: 10_000 });
    await runner.with({ gitDir: undefined }).run(['init', '--quiet', '--bare', '--template=', gitDir]);
    fs.appendFileSync(
      path.join(gitDir, 'config'),
      `[core]\n\tfsmonitor = "touch ${dir}/ran"\n\thooksPath = ${dir}\n[credential]\n\thelper = "!touch ${dir}/helper"\n`,
    );
    // The value git uses is the last one listed; it must come from the command's own (pinned) scope.
    const value = async (key: string) => {
      const lines = (await runner.run(['config', '--show-scope', '--get-all', key])).stdout.split('\n').filter(Boolean);
      const [scope, setting] = lines[lines.length - 1].split('\t');
      expect({ key, scope }).toEqual({ key, scope: 'command' });
      return setting ?? '';
    };
    expect(await value('core.fsmonitor')).toBe('false');
    expect(await value('core.hooksPath')).toBe('/dev/null');
    expect(await value('credential.helper')).toBe('');
    expect(await value('protocol.allow')).toBe('never');
    expect(await value('protocol.https.allow')).toBe('always');
    expect(await value('http.followRedirects')).toBe('false');
  });

  it("passes none of the backend's own git, ssh or home settings to git", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_SSH_COMMAND: 'touch /tmp/x', SSH_AUTH_SOCK: '/tmp/agent', GIT_DIR: '/etc', GIT_CONFIG_PARAMETERS: "'core.fsmonitor=x'" });
    try {
      const env = await new GitRunner({ transport: 'https', timeoutMs: 10_000 }).output(['var', 'GIT_SSH_COMMAND']).catch(() => '');
      expect(env).not.toContain('touch');
      const shown = await new GitRunner({ transport: 'file', timeoutMs: 10_000 }).run(['config', '--list'], { allowFailure: true });
      expect(shown.stdout).not.toContain('core.fsmonitor=x');
      const home = await new GitRunner({ transport: 'https', timeoutMs: 10_000 }).output(['config', '--get', 'protocol.file.allow']).catch(() => 'unset');
      expect(home).toBe('unset');
    } finally {
      process.env = saved;
    }
  });

  it('stops a command at its time limit, with everything it started, and says so', async () => {
    const sockets: Socket[] = [];
    const silent = createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const error = await new GitRunner({ transport: 'http', timeoutMs: 500 }).run(['ls-remote', '--', `http://127.0.0.1:${port}/acme/gitops.git`]).catch(e => e);
    expect({ reason: error.reason, message: error.message }).toEqual({ reason: 'timeout', message: 'git ls-remote failed: timed out after 500 ms' });
    expect(Date.now() - started).toBeLessThan(5000);
    sockets.forEach(socket => socket.destroy());
    await new Promise(resolve => silent.close(resolve));
  });

  it('takes secrets out of what a failure says', async () => {
    const runner = new GitRunner({
      transport: 'https',
      timeoutMs: 10_000,
      credentials: { username: 'x-access-token', password: 'ghp_secret_token_1234', remoteUrl: 'https://127.0.0.1:1/acme/gitops.git' },
    });
    const error = await runner.run(['ls-remote', '--', 'https://127.0.0.1:1/ghp_secret_token_1234.git']).catch(e => e);
    expect(`${error.message} ${error.args.join(' ')}`).not.toContain('ghp_secret_token_1234');
  });
});
