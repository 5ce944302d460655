/**
 * Runs `work` for each item of `items`, at most `limit` at once, taking the next item only when a slot is free: a
 * source of any length is never read ahead, so memory is bounded by the limit. Stops taking items once `stopped()`.
 */
export async function pool<T>(
  items: AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let failure: unknown;
  const worker = async () => {
    while (!stopped() && failure === undefined) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        failure ??= error;
        return;
      }
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        // The others finish what they started (a user created is a user to delete); none starts another.
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  await iterator.return?.();
  if (failure !== undefined) throw failure;
}
