/**
 * Starts `work` for every key, at most `limit` at a time, and returns each key's result. A run against a
 * simulator waits on timers more than it computes, so a few at once finish sooner than one after another;
 * each key's test then awaits its own result, and reports its own failure.
 */
export function inBackground<K, T>(
  keys: readonly K[],
  work: (key: K) => Promise<T>,
  limit: number,
): (key: K) => Promise<T> {
  const results = new Map<K, { promise: Promise<T>; settle: (work: Promise<T>) => void }>();
  for (const key of keys) {
    let settle!: (work: Promise<T>) => void;
    const promise = new Promise<T>((resolve, reject) => (settle = (running) => running.then(resolve, reject)));
    promise.catch(() => {}); // reported by the test that awaits it
    results.set(key, { promise, settle });
  }
  const queue = [...keys];
  const next = (): void => {
    if (!queue.length) return;
    const key = queue.shift()!;
    const running = work(key);
    results.get(key)!.settle(running);
    running.catch(() => {}).finally(next);
  };
  for (let i = 0; i < limit; i += 1) next();
  return (key) => results.get(key)!.promise;
}
