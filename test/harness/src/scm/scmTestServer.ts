import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createBareRepository, RepositoryFile } from '../git';
import { FaultPlan } from './faults';
import { serveGit } from './gitHttpBackend';

/** One API request a test server accepted, for checks against the host's API description. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** Who knocked: every HTTP request a test server saw (git and API alike), with its credentials. */
export interface SeenRequest {
  /** The Host header the client sent. */
  host: string;
  method: string;
  path: string;
  /** The Authorization header, if any (or GitLab's PRIVATE-TOKEN). */
  authorization?: string;
}

/** An API answer. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The part GitHub and GitLab test servers share: real bare repositories served over git's smart HTTP,
 * bearer-style API authentication, fault injection, and a record of the API requests accepted.
 */
export abstract class ScmTestServer {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-scm-'));
  readonly faults = new FaultPlan();
  readonly accepted: RecordedRequest[] = [];
  /** Every request, before any check: what reached this host. */
  readonly seen: SeenRequest[] = [];
  private server?: Server;
  port = 0;

  constructor(readonly token: string) {}

  get host() {
    return `127.0.0.1:${this.port}`;
  }

  get baseUrl() {
    return `http://${this.host}`;
  }

  /** Creates a repository "owner/name" with a first commit on main. */
  createRepository(fullName: string, files?: Record<string, RepositoryFile>): string {
    const [owner, name] = fullName.split('/');
    fs.mkdirSync(path.join(this.root, owner), { recursive: true });
    return createBareRepository(path.join(this.root, owner), files, `${name}.git`);
  }

  repositoryPath(fullName: string) {
    return path.join(this.root, `${fullName}.git`);
  }

  hasRepository(fullName: string) {
    return fs.existsSync(path.join(this.repositoryPath(fullName), 'HEAD'));
  }

  /** The commit a branch points at, or undefined. */
  branchHead(fullName: string, branch: string): string | undefined {
    try {
      return execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: this.repositoryPath(fullName), encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  }

  /** The user name and password a git client must send, or undefined when git needs no authentication. */
  protected abstract gitUser(): string;

  /** Answers an API request, or undefined when the route is unknown. */
  protected abstract api(method: string, route: string, query: Record<string, string>, body: any, headers: IncomingMessage['headers']): ApiAnswer | undefined;

  /** True when the API request carries the server's token. */
  protected abstract authorized(headers: IncomingMessage['headers']): boolean;

  protected abstract unauthorized(): ApiAnswer;

  protected abstract apiPrefix: string;

  private send(response: ServerResponse, answer: ApiAnswer) {
    // A 304 carries no body, and so no content type (RFC 9110), as GitHub answers it.
    const contentType = answer.status === 304 ? {} : { 'content-type': 'application/json; charset=utf-8' };
    response.writeHead(answer.status, { ...contentType, ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private handleGit(request: IncomingMessage, response: ServerResponse) {
    const expected = `Basic ${Buffer.from(`${this.gitUser()}:${this.token}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' });
      response.end('HTTP Basic: Access denied\n');
      return;
    }
    serveGit(this.root, request, response, 'tester');
  }

  /** True when any request that reached this server carried `secret` in a credential header. */
  sawSecret(secret: string): boolean {
    return this.seen.some(request => credentialCarries(request.authorization, secret));
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', this.baseUrl);
    this.seen.push(seenRequest(request, url));
    if (/\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/.test(url.pathname)) {
      this.handleGit(request, response);
      return;
    }
    if (!url.pathname.startsWith(this.apiPrefix)) {
      this.send(response, { status: 404, body: { message: 'Not Found' } });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const method = request.method ?? 'GET';
    const route = url.pathname.slice(this.apiPrefix.length);
    const query = Object.fromEntries(url.searchParams);
    if (!this.authorized(request.headers)) {
      this.send(response, this.unauthorized());
      return;
    }
    const fault = this.faults.take(method, route);
    if (fault) {
      if (!fault.hang) this.send(response, { status: fault.status ?? 500, body: fault.body });
      return;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      this.send(response, { status: 400, body: { message: 'Problems parsing JSON' } });
      return;
    }
    const answer = this.api(method, route, query, body, request.headers);
    if (!answer) {
      this.send(response, { status: 404, body: { message: 'Not Found' } });
      return;
    }
    if (answer.status < 400) this.accepted.push({ method, path: route, query, body });
    this.send(response, answer);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(error => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop() {
    const closed = new Promise(resolve => this.server?.close(resolve));
    // Requests a `hang` fault left open would keep the server from closing.
    this.server?.closeAllConnections();
    await closed;
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The record of one request as a test server saw it. */
export function seenRequest(request: IncomingMessage, url: URL): SeenRequest {
  const authorization = request.headers.authorization ?? (request.headers['private-token'] as string | undefined);
  return { host: request.headers.host ?? '', method: request.method ?? 'GET', path: url.pathname, ...(authorization ? { authorization } : {}) };
}

/** True when a credential header holds the secret, as a bearer token or inside HTTP Basic credentials. */
export function credentialCarries(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  if (header.includes(secret)) return true;
  const basic = header.match(/^Basic\s+(\S+)/i);
  return Boolean(basic && Buffer.from(basic[1], 'base64').toString('utf8').includes(secret));
}
