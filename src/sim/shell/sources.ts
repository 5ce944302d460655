import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { stableId } from '../../ids.js';

/**
 * Where a simulator takes its time and its chance from: the clock that meta timestamps and expiries read, the ids of
 * what it creates, and the bytes of the tokens, secrets, codes and versions it hands out.
 */
export interface Sources {
  /** Milliseconds since the epoch. */
  now(): number;
  uuid(): string;
  bytes(size: number): Buffer;
}

/** Random bytes are drawn from a pool this large: one randomBytes call per pool, not one per version or token. */
const POOL_SIZE = 4096;

/** A simulator's default: the real clock and real randomness. */
export function realSources(): Sources {
  let pool = randomBytes(POOL_SIZE);
  let used = 0;
  const bytes = (size: number): Buffer => {
    if (size > POOL_SIZE) return randomBytes(size);
    // A fresh pool rather than one refilled in place, so bytes handed out earlier never change.
    if (used + size > POOL_SIZE) [pool, used] = [randomBytes(POOL_SIZE), 0];
    used += size;
    return pool.subarray(used - size, used);
  };
  return { now: () => Date.now(), uuid: () => randomUUID(), bytes };
}

/**
 * Sources whose answers come out the same on every run (the saved examples of a collection): a clock stopped at
 * `time` (ISO 8601), and ids and bytes drawn from a counter, hashed, so that the nth draw is always the same.
 */
export function fixedSources(time: string): Sources {
  const stopped = Date.parse(time);
  if (Number.isNaN(stopped)) throw new Error(`fixedSources: ${time} is not a time`);
  let draws = 0;
  return {
    now: () => stopped,
    uuid: () => stableId('simulator', time, String((draws += 1))),
    bytes: (size) => {
      const draw = (draws += 1);
      const blocks: Buffer[] = [];
      for (let block = 0; block * 32 < size; block += 1) {
        blocks.push(createHash('sha256').update(`simulator\u0000${time}\u0000${draw}\u0000${block}`).digest());
      }
      return Buffer.concat(blocks).subarray(0, size);
    },
  };
}
