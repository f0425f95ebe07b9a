/**
 * Answers kept per key for a time to live: callers asking for a key while its load runs share that load
 * (single flight), and an answer is reused until it expires, a failed one too, so that a failing source is
 * not asked again by every caller. An expired entry is replaced by the next load of its key; past
 * `maxEntries` keys the one loaded longest ago is dropped.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly clock: () => number = Date.now, private readonly maxEntries = Infinity) {}

  /** Forgets a key's answer: the next caller loads it again. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** The answer for a key: cached, in flight, or loaded now. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const value = load();
    // Deleted first so that the map's order stays the order of loading, oldest first.
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }
}
