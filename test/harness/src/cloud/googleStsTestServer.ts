import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Google's Security Token Service for tests (sts.googleapis.com `POST /v1/token`, RFC 8693 token exchange,
 * cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token), as workload identity federation uses it:
 * a form-encoded exchange of the workload's own token (`subject_token`) for a Google access token, checked
 * for the grant type, the pool's audience and the subject token it trusts; 400 `invalid_grant` otherwise.
 */
export class GoogleStsTestServer {
  private server?: http.Server;
  private issued = 0;
  url = '';
  /** The access tokens it issued, which a test's API server then accepts. */
  readonly accessTokens: string[] = [];

  constructor(private readonly trusted: { audience: string; subjectToken: string }) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const answer = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || new URL(req.url ?? '/', this.url).pathname !== '/v1/token') {
        answer(404, { error: 'not_found' });
        return;
      }
      const form = new URLSearchParams(raw);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange') {
        answer(400, { error: 'unsupported_grant_type', error_description: `grant_type ${form.get('grant_type')} is not a token exchange` });
        return;
      }
      if (form.get('audience') !== this.trusted.audience || form.get('subject_token') !== this.trusted.subjectToken) {
        answer(400, { error: 'invalid_grant', error_description: 'The audience or the subject token is not trusted by the pool' });
        return;
      }
      this.issued += 1;
      const token = `ya29.meshport-test-${this.issued}`;
      this.accessTokens.push(token);
      answer(200, { access_token: token, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 });
    });
  }
}
