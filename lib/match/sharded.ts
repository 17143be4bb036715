/**
 * A Map spread over 32 smaller ones. A Map grows by rehashing every entry in one go: at half a million
 * entries (a 100,000-actor pack) that is a 50 ms pause inside a single `set`, which no time slicing
 * can split. Spread over shards, each rehash is a thirty-second of that.
 */
const SHARDS = 32;

function shardOf(key: string | number): number {
  if (typeof key === 'number') return key & (SHARDS - 1);
  return (key.length * 31 + (key.charCodeAt(key.length - 1) | 0)) & (SHARDS - 1);
}

export class ShardedMap<K extends string | number, V> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<K, V>());

  get(key: K): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  set(key: K, value: V): this {
    this.shards[shardOf(key)]!.set(key, value);
    return this;
  }
}

/** A set of keys, on the same shards. */
export class ShardedSet<K extends string | number> {
  private readonly entries = new ShardedMap<K, true>();

  has(key: K): boolean {
    return this.entries.has(key);
  }

  add(key: K): this {
    this.entries.set(key, true);
    return this;
  }
}
