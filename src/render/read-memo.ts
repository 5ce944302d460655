/**
 * Results of a pure computation over a context object (a template rendered, its YAML parsed and checked), kept with
 * what the computation read of the context, and given back for any later context that holds the same values where
 * it read. A target's templates render for many tenants, and most read nothing of the tenant or the same few
 * values: their result is then computed once, not once per tenant.
 *
 * The computation sees the context through proxies that note every place it reads (a value, whether a key exists,
 * the keys of an object). As it is deterministic, a context equal at each of those places would be read the same
 * way, step by step, and give the same result. Values read are compared as primitives; objects by kind, their
 * contents by the reads into them (helpers compare primitives, never objects by identity). Results are frozen,
 * as tenants share them, and made of new values (parsed YAML, text), never of the context's own objects.
 */

interface Read {
  path: readonly string[];
  /** The keys of the object at `path`, rather than the value there. */
  keys: boolean;
  seen: string;
}

interface Entry<T> {
  reads: readonly Read[];
  value: T;
}

export class ReadMemo<K, T> {
  private readonly entries = new Map<K, Entry<T>[]>();

  /**
   * `perKey` bounds the results kept under one key, the least recently given back going first: a template that
   * reads a tenant's name misses for every tenant, and memory stays flat in the number of tenants.
   */
  constructor(private readonly perKey = 64) {}

  /** The result of `compute` for the context, computed only when no result kept under `key` read the same. */
  get(key: K, context: object, compute: (context: object) => T): T {
    const kept = this.entries.get(key) ?? [];
    const at = kept.findIndex((entry) => entry.reads.every((read) => describeAt(context, read) === read.seen));
    if (at >= 0) {
      const [found] = kept.splice(at, 1);
      kept.push(found!);
      return found!.value;
    }
    const reads = new Map<string, Read>();
    const value = deepFreeze(compute(tracked(context, reads)));
    kept.push({ reads: [...reads.values()], value });
    if (kept.length > this.perKey) kept.shift();
    this.entries.set(key, kept);
    return value;
  }
}

function describeAt(context: object, read: Pick<Read, 'path' | 'keys'>): string {
  let holder: unknown = context;
  const last = read.keys ? read.path.length : read.path.length - 1;
  for (let at = 0; at < last; at += 1) {
    if (!isObject(holder)) return 'none';
    holder = Reflect.get(holder, read.path[at]!);
  }
  if (read.keys) return isObject(holder) ? `k${Reflect.ownKeys(holder).filter(isString).join('\0')}` : 'none';
  return describe(holder, read.path.at(-1)!);
}

/** What a read of `holder[key]` gave, as far as a computation can tell. */
function describe(holder: unknown, key: string): string {
  if (!isObject(holder)) return 'none';
  if (!(key in holder)) return 'absent';
  const value: unknown = Reflect.get(holder, key);
  const own = Object.hasOwn(holder, key) ? '' : '^';
  if (value === null) return `${own}null`;
  if (Array.isArray(value)) return `${own}array`;
  if (typeof value === 'function') return `${own}function ${value.name}`;
  if (typeof value === 'object') return `${own}object`;
  return `${own}${typeof value} ${String(value)}`;
}

/**
 * The context as a computation sees it, noting its reads. Each object is shown through a proxy over an empty
 * stand-in (an array for an array, so Array.isArray holds), which keeps the proxy's invariants whatever the object
 * is (frozen, as kept results are). Writes are refused: a template never changes its context.
 */
function tracked(context: object, reads: Map<string, Read>): object {
  const proxies = new WeakMap<object, object>();
  const note = (path: readonly string[], keys: boolean, holder: object) => {
    const read = { path, keys };
    const id = `${keys ? 'k' : 'v'}${path.join('\0')}`;
    if (!reads.has(id))
      reads.set(id, { ...read, seen: keys ? describeAt(holder, { path: [], keys }) : describe(holder, path.at(-1)!) });
  };
  const refuse = () => {
    throw new TypeError('a template changed its context');
  };
  const wrap = (value: unknown, path: readonly string[]): unknown => {
    if (!isObject(value) || typeof value === 'function') return value;
    let proxy = proxies.get(value);
    if (proxy) return proxy;
    const stand = Array.isArray(value) ? [] : {};
    proxy = new Proxy(stand, {
      get(_, key) {
        if (typeof key === 'symbol') return Reflect.get(value, key);
        note([...path, key], false, value);
        return wrap(Reflect.get(value, key), [...path, key]);
      },
      has(_, key) {
        if (typeof key !== 'symbol') note([...path, key], false, value);
        return Reflect.has(value, key);
      },
      getOwnPropertyDescriptor(_, key) {
        if (typeof key !== 'symbol') note([...path, key], false, value);
        const own = Reflect.getOwnPropertyDescriptor(value, key);
        if (!own) return undefined;
        if (!('value' in own))
          throw new TypeError(`a template context holds data only, not the accessor ${String(key)}`);
        const fixed = Reflect.getOwnPropertyDescriptor(stand, key);
        const described = { ...own, value: typeof key === 'symbol' ? own.value : wrap(own.value, [...path, key]) };
        // An array's length is fixed on the stand-in too; anything else the stand-in lacks must be configurable.
        return { ...described, configurable: fixed ? fixed.configurable : true, writable: true };
      },
      ownKeys() {
        note(path, true, value);
        return Reflect.ownKeys(value);
      },
      set: refuse,
      defineProperty: refuse,
      deleteProperty: refuse,
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return wrap(context, []) as object;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function isString(key: string | symbol): key is string {
  return typeof key === 'string';
}

function deepFreeze<T>(value: T): T {
  if (isObject(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}
