import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A web server for catalog files that a portal user registers as a location (`POST /api/catalog/locations`
 * with a URL): what anyone who may register components can do, with files of their own choosing.
 */
export class LocationServer {
  private readonly files = new Map<string, string>();
  private server?: http.Server;

  /** "localhost:<port>", for `backend.reading.allow`. */
  get host(): string {
    return `localhost:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const content = this.files.get(new URL(request.url ?? '/', 'http://localhost').pathname);
      response.writeHead(content === undefined ? 404 : 200, { 'content-type': 'text/yaml' });
      response.end(content ?? 'not found');
    });
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Serves `content` at `/<name>` and returns its URL. */
  serve(name: string, content: string): string {
    this.files.set(`/${name}`, content);
    return `http://${this.host}/${name}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
