import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A plain HTTP proxy in front of a real server that records every request it forwards, for tests that
 * count a client's outbound calls (to Prometheus, say) without touching the client.
 */
export class CountingProxy {
  private server?: http.Server;
  /** The path and query of every request forwarded, in order. */
  readonly requests: string[] = [];

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      this.requests.push(req.url ?? '/');
      const upstream = http.request(
        { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
