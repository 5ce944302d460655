/** The keys a value is found under in one index (a lower-cased userName, the ids of a group's members). */
export type IndexKeys<V> = (value: V) => Iterable<string>;

/**
 * A Map of a simulator's resources by id that also finds them by what they hold, without a scan: each index maps a
 * key to the ids of the values holding it, kept up to date by set, delete and clear. What `find` answers is what a
 * scan of the map would, in the map's order. A value changed in place is re-indexed by setting it again (the keys
 * it was indexed under are remembered, not recomputed). Tests may read and change it as the Map it is.
 */
export class IndexedMap<V, I extends string> extends Map<string, V> {
  readonly #names: I[];
  readonly #keysOf: Record<I, IndexKeys<V>>;
  /** Per index, per key, the id holding it, or the ids when several do (a userName is nearly always one's). */
  readonly #ids: Map<string, string | Set<string>>[];
  /** Per id, the keys it is indexed under, per index (in the order of #names). */
  readonly #indexed = new Map<string, string[][]>();
  /** Per id, when it was first set: the order a scan of the map meets it in. */
  readonly #rank = new Map<string, number>();
  #next = 0;

  constructor(indexes: Record<I, IndexKeys<V>>) {
    super(); // no entries: Map's constructor would call set before the fields above exist
    this.#keysOf = indexes;
    this.#names = Object.keys(indexes) as I[];
    this.#ids = this.#names.map(() => new Map());
  }

  override set(id: string, value: V): this {
    this.#unindex(id);
    super.set(id, value);
    if (!this.#rank.has(id)) this.#rank.set(id, (this.#next += 1));
    const indexed = this.#names.map((name, at) => {
      const keys = distinct(this.#keysOf[name](value));
      const ids = this.#ids[at]!;
      for (const key of keys) {
        const holders = ids.get(key);
        if (holders === undefined) ids.set(key, id);
        else if (typeof holders === 'string') ids.set(key, new Set([holders, id]));
        else holders.add(id);
      }
      return keys;
    });
    this.#indexed.set(id, indexed);
    return this;
  }

  override delete(id: string): boolean {
    this.#unindex(id);
    this.#rank.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.#indexed.clear();
    this.#rank.clear();
    for (const ids of this.#ids) ids.clear();
  }

  /** The values indexed under `key` in `index`, in the map's order. */
  find(index: I, key: string): V[] {
    const holders = this.#ids[this.#names.indexOf(index)]?.get(key);
    if (holders === undefined) return [];
    if (typeof holders === 'string') return [super.get(holders)!];
    const ids = [...holders].sort((a, b) => this.#rank.get(a)! - this.#rank.get(b)!);
    return ids.map((id) => super.get(id)!);
  }

  #unindex(id: string): void {
    const indexed = this.#indexed.get(id);
    if (!indexed) return;
    indexed.forEach((keys, at) => {
      const ids = this.#ids[at]!;
      for (const key of keys) {
        const holders = ids.get(key);
        if (holders === id) ids.delete(key);
        else if (typeof holders === 'object') {
          holders.delete(id);
          // Down to one holder: kept as a set (it may grow again); emptied, it goes.
          if (!holders.size) ids.delete(key);
        }
      }
    });
    this.#indexed.delete(id);
  }
}

/** The keys once each, in order; most values have one. */
function distinct(keys: Iterable<string>): string[] {
  const list = Array.isArray(keys) ? (keys as string[]) : [...keys];
  return list.length < 2 ? list : [...new Set(list)];
}
