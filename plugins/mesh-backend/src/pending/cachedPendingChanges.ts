import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { TtlCache } from '../cache/ttlCache';
import { PendingChangesSource } from './pendingChangesSource';

/**
 * Pending changes looked up at most once per service and TTL, whatever the number of status requests:
 * concurrent lookups of one service share one call to the Git host (single flight), and an answer (an
 * error too, such as an exhausted rate limit) is reused until it expires, so that a busy portal neither
 * spends the token's rate limit, which the scaffolder's change requests need, nor hammers a failing host.
 */
export class CachedPendingChanges implements PendingChangesSource {
  private readonly answers: TtlCache<string, PendingChangesStatus>;

  constructor(private readonly source: PendingChangesSource, ttlMs: number) {
    this.answers = new TtlCache(ttlMs);
  }

  forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    return this.answers.get(`${namespace}/${service}`, () => this.source.forService(namespace, service));
  }
}
