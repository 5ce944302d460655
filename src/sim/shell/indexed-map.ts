/** The keys a value is found under in one index (a lower-cased userName, the ids of a group's members). */
export type IndexKeys<V> = (value: V) => Iterable<string>;

/**
 * A Map of a simulator's resources by id that also finds them by what they hold, without a scan: each index maps a
 * key to the ids of the values holding it, kept up to date by set, delete and clear. What `find` answers is what a
 * scan of the map would, in the map's order. A value changed in place is re-indexed by setting it again (the keys
 * it was indexed under are remembered, not recomputed). Tests may read and change it as the Map it is.
 */
export class IndexedMap<V, I extends string> extends Map<string, V> {
  readonly #keysOf: Record<I, IndexKeys<V>>;
  readonly #ids = new Map<I, Map<string, Set<string>>>();
  /** Per id, the keys it is indexed under, per index. */
  readonly #indexed = new Map<string, Map<I, string[]>>();
  /** Per id, when it was first set: the order a scan of the map meets it in. */
  readonly #rank = new Map<string, number>();
  #next = 0;

  constructor(indexes: Record<I, IndexKeys<V>>) {
    super(); // no entries: Map's constructor would call set before the fields above exist
    this.#keysOf = indexes;
    for (const name of Object.keys(indexes) as I[]) this.#ids.set(name, new Map());
  }

  override set(id: string, value: V): this {
    this.#unindex(id);
    super.set(id, value);
    if (!this.#rank.has(id)) this.#rank.set(id, (this.#next += 1));
    const indexed = new Map<I, string[]>();
    for (const [name, ids] of this.#ids) {
      const keys = [...new Set(this.#keysOf[name](value))];
      indexed.set(name, keys);
      for (const key of keys) {
        const holders = ids.get(key);
        if (holders) holders.add(id);
        else ids.set(key, new Set([id]));
      }
    }
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
    for (const ids of this.#ids.values()) ids.clear();
  }

  /** The values indexed under `key` in `index`, in the map's order. */
  find(index: I, key: string): V[] {
    const holders = this.#ids.get(index)?.get(key);
    if (!holders) return [];
    const ids = [...holders];
    if (ids.length > 1) ids.sort((a, b) => this.#rank.get(a)! - this.#rank.get(b)!);
    return ids.map((id) => super.get(id)!);
  }

  #unindex(id: string): void {
    const indexed = this.#indexed.get(id);
    if (!indexed) return;
    for (const [name, keys] of indexed) {
      const ids = this.#ids.get(name)!;
      for (const key of keys) {
        const holders = ids.get(key)!;
        holders.delete(id);
        if (!holders.size) ids.delete(key);
      }
    }
    this.#indexed.delete(id);
  }
}
