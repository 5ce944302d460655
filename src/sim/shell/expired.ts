/**
 * Drops from what a simulator issued (tokens, codes) every entry that has expired by `now`. A lookup already refuses
 * and drops an expired one, but one never presented again would stay for as long as the simulator runs: issuing
 * calls this, so what is kept is what is live, not everything ever issued.
 */
export function dropExpired<T>(issued: Map<string, T>, expired: (entry: T) => boolean): void {
  for (const [value, entry] of issued) if (expired(entry)) issued.delete(value);
}

/** Whether an entry with an expiry time (ms on the simulator's clock) has reached it. */
export const expiredBy =
  (now: number) =>
  (entry: { expiresAt: number }): boolean =>
    entry.expiresAt <= now;
