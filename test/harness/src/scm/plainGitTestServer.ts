import fs from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createBareRepository, RepositoryFile } from '../git';
import { serveGit } from './gitHttpBackend';
import { credentialCarries, SeenRequest, seenRequest } from './scmTestServer';

/**
 * A git host with no API and no authentication, serving real bare repositories over git's smart HTTP:
 * a self-hosted git server, or a host an attacker names in a `repoUrl`. Every request is recorded with
 * its credentials, so that a test can prove no token ever reached it. `hang` makes it accept requests
 * and never answer, as a host that stalls a clone.
 */
export class PlainGitTestServer {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-plain-git-'));
  readonly seen: SeenRequest[] = [];
  hang = false;
  private server?: Server;
  private readonly stalled = new Set<ServerResponse>();
  port = 0;

  get host() {
    return `127.0.0.1:${this.port}`;
  }

  /** The clone URL of repository "owner/name". */
  url(fullName: string) {
    return `http://${this.host}/${fullName}.git`;
  }

  /** Creates repository "owner/name" with a first commit on main holding `files`. */
  createRepository(fullName: string, files?: Record<string, RepositoryFile>): string {
    const [owner, name] = fullName.split('/');
    fs.mkdirSync(path.join(this.root, owner), { recursive: true });
    return createBareRepository(path.join(this.root, owner), files, `${name}.git`);
  }

  /** True when any request carried `secret` in a credential header. */
  sawSecret(secret: string): boolean {
    return this.seen.some(request => credentialCarries(request.authorization, secret));
  }

  private handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', `http://${this.host}`);
    this.seen.push(seenRequest(request, url));
    if (this.hang) {
      this.stalled.add(response);
      return;
    }
    serveGit(this.root, request, response, 'anonymous');
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop() {
    for (const response of this.stalled) response.destroy();
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
