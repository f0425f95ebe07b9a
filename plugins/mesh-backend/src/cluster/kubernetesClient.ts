import { KubeConfig, Watch } from '@kubernetes/client-node';
import fetch, { Headers } from 'node-fetch';
import { KubernetesRequestError, RequestTimeoutError } from './clusterErrors';

/** Where a kind is served. */
export interface ResourcePath {
  kind: string;
  /** "/api/v1/pods", "/apis/networking.istio.io/v1/virtualservices": the all-namespaces collection. */
  path: string;
}

export interface ListPage {
  items: Array<Record<string, any>>;
  resourceVersion: string;
  continueToken?: string;
}

/** One event of a watch stream. */
export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: Record<string, any> }
  | { type: 'ERROR'; object: { code?: number; message?: string } };

/** Where the client gets a KubeConfig with a current credential, and drops it when the API server refuses it. */
export interface KubeConfigSource {
  kubeConfig(): Promise<KubeConfig>;
  forget(): void;
}

/**
 * The two calls an informer needs, through `@kubernetes/client-node`'s KubeConfig (auth, CA, TLS) and
 * its Watch: a paginated list and a watch from a resourceVersion.
 */
export class KubernetesClient {
  constructor(private readonly connection: KubeConfigSource, private readonly requestTimeoutMs: number) {}

  /** A refused credential (401) is dropped, so that the next attempt asks its strategy for a new one. */
  private refused(error: unknown): unknown {
    if (error instanceof KubernetesRequestError && error.statusCode === 401) this.connection.forget();
    return error;
  }

  /** One page of a cluster-wide list. */
  async listPage(resource: ResourcePath, limit: number, continueToken?: string): Promise<ListPage> {
    const body = await this.getJson(resource.path, { limit: String(limit), ...(continueToken ? { continue: continueToken } : {}) });
    return { items: body.items ?? [], resourceVersion: String(body.metadata?.resourceVersion ?? ''), continueToken: body.metadata?.continue || undefined };
  }

  /** A GET of a path of the API server (a service proxy's among them), its JSON answer; a KubernetesRequestError when it fails. */
  getJson(path: string, params: Record<string, string> = {}): Promise<any> {
    return this.requestJson('GET', path, params);
  }

  /** A POST of a JSON body (a TokenRequest), its JSON answer; a KubernetesRequestError when it fails. */
  postJson(path: string, body: unknown): Promise<any> {
    return this.requestJson('POST', path, {}, body);
  }

  private async requestJson(method: 'GET' | 'POST', path: string, params: Record<string, string>, body?: unknown): Promise<any> {
    const kubeConfig = await this.connection.kubeConfig();
    const url = new URL(`${kubeConfig.getCurrentCluster()?.server}${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const options = await kubeConfig.applyToFetchOptions({});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(this.requestTimeoutMs)), this.requestTimeoutMs);
    });
    const headers = new Headers(options.headers);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const sent = { ...options, headers, method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
    try {
      const response = await Promise.race([fetch(url.toString(), sent as any), timeout]);
      const answer: any = await Promise.race([response.json().catch(() => ({})), timeout]);
      if (!response.ok) throw this.refused(new KubernetesRequestError(response.status, String(answer?.message ?? response.statusText)));
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Watches a collection from a resourceVersion; `done` gets the error that ended it, or null. A server
   * that does not start answering within the request timeout ends the watch with a timeout error.
   */
  async watch(
    resource: ResourcePath,
    resourceVersion: string,
    onEvent: (event: WatchEvent) => void,
    done: (error: unknown) => void,
  ): Promise<{ abort(): void }> {
    let settled = false;
    const finish = (error: unknown) => {
      if (settled) return;
      settled = true;
      done(error);
    };
    const watcher = new Watch(await this.connection.kubeConfig());
    let timer: NodeJS.Timeout | undefined;
    const started = watcher.watch(
      resource.path,
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
      (type, object) => onEvent({ type, object } as WatchEvent),
      (error: any) => finish(error?.statusCode ? this.refused(new KubernetesRequestError(error.statusCode, error.message)) : error),
    );
    const timedOut = new Promise<undefined>(resolve => {
      timer = setTimeout(() => resolve(undefined), this.requestTimeoutMs);
    });
    const controller = await Promise.race([started, timedOut]);
    clearTimeout(timer);
    if (!controller) {
      finish(new RequestTimeoutError(this.requestTimeoutMs));
      void started.then(
        late => late.abort(),
        () => undefined,
      );
      return { abort: () => undefined };
    }
    return { abort: () => controller.abort() };
  }
}
