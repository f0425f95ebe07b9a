import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterError } from '@meshport/plugin-mesh-common';
import { ClusterObjectStore } from '@meshport/plugin-mesh-status-node';
import { clusterErrorOf, KubernetesRequestError } from './clusterErrors';
import { KubernetesClient, ResourcePath, WatchEvent } from './kubernetesClient';
import { SharedValues } from './sharedValues';
import { slimObject } from './slimObject';

export interface ReflectorOptions {
  pageSize: number;
  /** Delay before retrying after a failure; doubles up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** A kind to keep: where it is served, and how the store names it. */
export interface ReflectedResource extends ResourcePath {
  apiVersion: string;
  /** The store's name for the kind when it differs ("KubernetesGateway" for Gateway API Gateways). */
  storeKind?: string;
  /** A kind whose CustomResourceDefinition a mesh may lack: a 404 means it has none of them, not a failure. */
  optional?: boolean;
}

/** A watch that ends sooner than this after it started, with no event, counts as a failure (back-off). */
const SHORTEST_HEALTHY_WATCH_MS = 1000;

/**
 * Keeps one kind of a cluster in a store, the way client-go's reflector does: list (paginated), then
 * watch from the list's resourceVersion; a watch that ends is resumed from the last version seen; a
 * 410 Gone (history compacted) relists; every other failure (a failed list or watch request, an ERROR
 * event inside the stream, a stream that closes at once) is recorded and retried after a back-off with
 * jitter, so that a failing kind neither spins nor floods the log, and the cache recovers by itself.
 */
export class ResourceReflector {
  private running = false;
  private resourceVersion = '';
  private watch?: { abort(): void };
  private retryTimer?: NodeJS.Timeout;
  private backoffMs: number;
  private syncWaiters: Array<() => void> = [];
  synced = false;
  error?: ClusterError;

  constructor(
    private readonly client: KubernetesClient,
    private readonly resource: ReflectedResource,
    private readonly store: ClusterObjectStore,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions,
    private readonly shared: SharedValues = new SharedValues(),
  ) {
    this.backoffMs = options.initialBackoffMs;
  }

  start(): void {
    this.running = true;
    void this.listAndWatch();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.watch?.abort();
    this.syncWaiters.forEach(resolve => resolve());
  }

  /** Resolves when the first list has landed (or failed), or after `timeoutMs`. */
  waitForFirstAttempt(timeoutMs: number): Promise<void> {
    if (this.synced || this.error) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(resolve, timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private slim(object: Record<string, any>) {
    return slimObject(this.resource.kind, this.resource.apiVersion, object, value => this.shared.share(value));
  }

  private settle() {
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    waiters.forEach(resolve => resolve());
  }

  private async listAndWatch(): Promise<void> {
    if (!this.running) return;
    try {
      const items: Array<Record<string, any>> = [];
      let continueToken: string | undefined;
      let resourceVersion = '';
      let next = this.client.listPage(this.resource, this.options.pageSize);
      do {
        const page = await next;
        continueToken = page.continueToken;
        resourceVersion = page.resourceVersion;
        if (continueToken && this.running) {
          // The next page is asked for before this one is slimmed, so that the server cuts it meanwhile.
          next = this.client.listPage(this.resource, this.options.pageSize, continueToken);
          // Awaited in the next round; when the reflector stops first, its failure concerns nobody.
          next.catch(() => undefined);
        }
        for (const item of page.items) items.push(this.slim(item));
      } while (continueToken && this.running);
      if (!this.running) return;
      this.store.replaceKind(this.kind, items as any);
      this.resourceVersion = resourceVersion;
      this.synced = true;
      this.error = undefined;
      this.backoffMs = this.options.initialBackoffMs;
      this.settle();
      await this.startWatch();
    } catch (error) {
      this.fail(error);
    }
  }

  private async startWatch(): Promise<void> {
    let expired = false;
    let streamError: KubernetesRequestError | undefined;
    let events = 0;
    const startedAt = Date.now();
    const onEvent = (event: WatchEvent) => {
      events += 1;
      if (event.type === 'ERROR') {
        expired = event.object?.code === 410;
        if (!expired) streamError = new KubernetesRequestError(Number(event.object?.code ?? 500), `the watch reported: ${event.object?.message ?? 'an error'}`);
        this.watch?.abort();
        return;
      }
      const version = event.object?.metadata?.resourceVersion;
      if (version) this.resourceVersion = version;
      if (event.type === 'BOOKMARK') return;
      const object = this.slim(event.object);
      if (event.type === 'DELETED') this.store.remove(this.kind, object.metadata.namespace, object.metadata.name);
      else this.store.upsert(object as any);
    };
    const done = (error: unknown) => {
      if (!this.running) return;
      if (expired || (error instanceof KubernetesRequestError && error.statusCode === 410)) {
        this.logger.info(`watch of ${this.resource.path} expired (410 Gone); listing again`);
        void this.listAndWatch();
      } else if (streamError) {
        this.fail(streamError);
      } else if (error && (error as Error).name !== 'AbortError') {
        this.fail(error);
      } else if (events === 0 && Date.now() - startedAt < SHORTEST_HEALTHY_WATCH_MS) {
        // A stream closed at once (a proxy's idle timeout, a restarting server): not an error the status
        // shows, but no reason to reconnect in a tight loop either.
        this.resumeWatchAfterBackoff();
      } else {
        // The server ended the stream (its watch timeout): resume from the last version seen.
        this.backoffMs = this.options.initialBackoffMs;
        void this.startWatch().catch(e => this.fail(e));
      }
    };
    this.watch = await this.client.watch(this.resource, this.resourceVersion, onEvent, done);
  }

  private fail(error: unknown) {
    if (!this.running) return;
    if (this.resource.optional && error instanceof KubernetesRequestError && error.statusCode === 404) {
      this.absent();
      return;
    }
    const failure = clusterErrorOf(error);
    const repeated = this.error?.message === failure.message;
    this.error = failure;
    this.settle();
    const delay = this.afterBackoff(() => this.listAndWatch());
    const message = `reading ${this.resource.path} failed, retrying in ${delay} ms: ${failure.message}`;
    if (repeated) this.logger.debug(message);
    else this.logger.warn(message);
  }

  /** An optional kind the cluster does not serve: it holds none of them; asked again at the longest back-off, in case it is installed. */
  private absent() {
    const first = !this.synced || this.error !== undefined;
    this.store.replaceKind(this.kind, []);
    this.synced = true;
    this.error = undefined;
    this.settle();
    this.backoffMs = this.options.maxBackoffMs;
    this.afterBackoff(() => this.listAndWatch());
    if (first) this.logger.info(`${this.resource.path} is not served (404): no ${this.kind} objects until its CustomResourceDefinition is installed`);
  }

  private resumeWatchAfterBackoff() {
    this.afterBackoff(() => this.startWatch().catch(e => this.fail(e)));
  }

  /**
   * Runs `retry` after the current back-off with full jitter over its upper half, [backoff/2, backoff), so
   * that retries of kinds and clusters do not run in step; doubles the back-off up to its bound.
   */
  private afterBackoff(retry: () => Promise<void>): number {
    const delay = Math.round(this.backoffMs / 2 + Math.random() * (this.backoffMs / 2));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void retry(), delay);
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
    return delay;
  }

  /** Whether the kind was listed at least once (its objects are in the store, perhaps stale). */
  get everSynced(): boolean {
    return this.synced;
  }

  /** The kind this reflector keeps, as the store names it. */
  get kind(): string {
    return this.resource.storeKind ?? this.resource.kind;
  }
}
