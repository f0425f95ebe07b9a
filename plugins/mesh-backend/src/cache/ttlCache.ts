/**
 * Answers kept per key for a time to live: callers asking for a key while its load runs share that load
 * (single flight), and an answer is reused until it expires, a failed one too, so that a failing source is
 * not asked again by every caller. An expired entry is replaced by the next load of its key; the map holds
 * one entry per key ever asked for.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The answer for a key: cached, in flight, or loaded now. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const value = load();
    this.entries.set(key, { at: now, value });
    return value;
  }
}
