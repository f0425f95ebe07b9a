import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { PendingChangesSource } from './pendingChanges';

/**
 * Pending changes looked up at most once per service and TTL, whatever the number of status requests:
 * concurrent lookups of one service share one call to the Git host (single flight), and an answer (an
 * error too, such as an exhausted rate limit) is reused until it expires, so that a busy portal neither
 * spends the token's rate limit, which the scaffolder's change requests need, nor hammers a failing host.
 */
export class CachedPendingChanges implements PendingChangesSource {
  private readonly answers = new Map<string, { at: number; answer: Promise<PendingChangesStatus> }>();

  constructor(
    private readonly source: PendingChangesSource,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const key = `${namespace}/${service}`;
    const now = this.clock();
    const cached = this.answers.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.answer;
    // Expired entries go as they are replaced; the map holds at most one entry per service asked about.
    const answer = this.source.forService(namespace, service);
    this.answers.set(key, { at: now, answer });
    return answer;
  }
}
