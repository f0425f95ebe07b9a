/** Freezes a value and everything in it, so that no reader can change what other objects share. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}

/** Whether two JSON values (objects, arrays, strings, numbers, booleans, null) are equal in full. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(key => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** FNV-1a over a string's UTF-16 code units: a table key far smaller than the string itself. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One frozen copy of each distinct value. The replicas of a workload carry the same labels, the same
 * containers and, while healthy, the same status; a cache of a large cluster keeps each of those once
 * instead of once per pod. Values are found by a hash of their JSON and compared in full, so that two
 * values that only share a hash stay apart. A value leaves the table when the last object holding it is
 * collected, so churn leaves nothing behind.
 */
export class SharedValues {
  private readonly byHash = new Map<number, WeakRef<object>>();
  private readonly collected = new FinalizationRegistry<number>(hash => {
    if (this.byHash.get(hash)?.deref() === undefined) this.byHash.delete(hash);
  });

  /** The shared copy of `value`, frozen; `value` itself when it is the first of its kind (or its hash is taken). */
  share<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const hash = hashOf(JSON.stringify(value));
    const held = this.byHash.get(hash)?.deref();
    if (held) return jsonEqual(held, value) ? (held as T) : value;
    this.byHash.set(hash, new WeakRef(deepFreeze(value) as object));
    this.collected.register(value as object, hash);
    return value;
  }

  /** Distinct values held (some perhaps already collected and not yet swept). */
  get size(): number {
    return this.byHash.size;
  }
}
