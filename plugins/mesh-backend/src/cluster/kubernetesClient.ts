import { KubeConfig, Watch } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { KubernetesClusterConfig } from './clusterConfig';
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

/** A KubeConfig for one cluster: bearer token and CA from config, or the pod's own service account. */
export function kubeConfigFor(cluster: KubernetesClusterConfig): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (cluster.inCluster) {
    kubeConfig.loadFromCluster();
    return kubeConfig;
  }
  kubeConfig.loadFromOptions({
    // client-node refuses plain http unless told to skip TLS checks, which do not apply to it (kubectl proxy).
    clusters: [{ name: cluster.name, server: cluster.url, caData: cluster.caData, skipTLSVerify: cluster.skipTLSVerify || cluster.url.startsWith('http:') }],
    users: [{ name: 'meshport', token: cluster.serviceAccountToken }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'meshport' }],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

/**
 * The two calls an informer needs, through `@kubernetes/client-node`'s KubeConfig (auth, CA, TLS) and
 * its Watch: a paginated list and a watch from a resourceVersion.
 */
export class KubernetesClient {
  private readonly watcher: Watch;

  constructor(private readonly kubeConfig: KubeConfig, private readonly requestTimeoutMs: number) {
    this.watcher = new Watch(kubeConfig);
  }

  /** One page of a cluster-wide list. */
  async listPage(resource: ResourcePath, limit: number, continueToken?: string): Promise<ListPage> {
    const body = await this.getJson(resource.path, { limit: String(limit), ...(continueToken ? { continue: continueToken } : {}) });
    return { items: body.items ?? [], resourceVersion: String(body.metadata?.resourceVersion ?? ''), continueToken: body.metadata?.continue || undefined };
  }

  /** A GET of a path of the API server (a service proxy's among them), its JSON answer; a KubernetesRequestError when it fails. */
  async getJson(path: string, params: Record<string, string> = {}): Promise<any> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    const url = new URL(`${server}${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const options = await this.kubeConfig.applyToFetchOptions({});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(this.requestTimeoutMs)), this.requestTimeoutMs);
    });
    try {
      const response = await Promise.race([fetch(url.toString(), { ...options, method: 'GET' } as any), timeout]);
      const body: any = await Promise.race([response.json().catch(() => ({})), timeout]);
      if (!response.ok) throw new KubernetesRequestError(response.status, String(body?.message ?? response.statusText));
      return body;
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
    let timer: NodeJS.Timeout | undefined;
    const started = this.watcher.watch(
      resource.path,
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
      (type, object) => onEvent({ type, object } as WatchEvent),
      (error: any) => finish(error?.statusCode ? new KubernetesRequestError(error.statusCode, error.message) : error),
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
