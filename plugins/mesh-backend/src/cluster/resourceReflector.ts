import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterError, ClusterObjectStore } from '@meshport/plugin-mesh-common';
import { clusterErrorOf, KubernetesRequestError } from './clusterErrors';
import { KubernetesClient, ResourcePath, WatchEvent } from './kubernetesClient';
import { slimObject } from './slimObject';

export interface ReflectorOptions {
  pageSize: number;
  /** Delay before retrying after a failure; doubles up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Keeps one kind of a cluster in a store, the way client-go's reflector does: list (paginated), then
 * watch from the list's resourceVersion; a watch that ends is resumed from the last version seen; a
 * 410 Gone (history compacted) relists; any failure is recorded and retried with back-off, so the
 * cache recovers by itself.
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
    private readonly resource: ResourcePath & { apiVersion: string },
    private readonly store: ClusterObjectStore,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions,
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
      do {
        const page = await this.client.listPage(this.resource, this.options.pageSize, continueToken);
        items.push(...page.items.map(item => slimObject(this.resource.kind, this.resource.apiVersion, item)));
        continueToken = page.continueToken;
        resourceVersion = page.resourceVersion;
      } while (continueToken && this.running);
      if (!this.running) return;
      this.store.replaceKind(this.resource.kind, items as any);
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
    const onEvent = (event: WatchEvent) => {
      if (event.type === 'ERROR') {
        expired = event.object?.code === 410;
        if (!expired) this.logger.warn(`watch of ${this.resource.path} reported an error: ${event.object?.message ?? 'unknown'}`);
        this.watch?.abort();
        return;
      }
      const version = event.object?.metadata?.resourceVersion;
      if (version) this.resourceVersion = version;
      if (event.type === 'BOOKMARK') return;
      const object = slimObject(this.resource.kind, this.resource.apiVersion, event.object);
      if (event.type === 'DELETED') this.store.remove(this.resource.kind, object.metadata.namespace, object.metadata.name);
      else this.store.upsert(object as any);
    };
    const done = (error: unknown) => {
      if (!this.running) return;
      if (expired || (error instanceof KubernetesRequestError && error.statusCode === 410)) {
        this.logger.info(`watch of ${this.resource.path} expired (410 Gone); listing again`);
        void this.listAndWatch();
      } else if (error && (error as Error).name !== 'AbortError') {
        this.fail(error);
      } else {
        // The server ended the stream (its watch timeout): resume from the last version seen.
        void this.startWatch().catch(e => this.fail(e));
      }
    };
    this.watch = await this.client.watch(this.resource, this.resourceVersion, onEvent, done);
  }

  private fail(error: unknown) {
    if (!this.running) return;
    this.error = clusterErrorOf(error);
    this.settle();
    this.logger.warn(`reading ${this.resource.path} failed, retrying in ${this.backoffMs} ms: ${this.error.message}`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.listAndWatch(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
  }
}
