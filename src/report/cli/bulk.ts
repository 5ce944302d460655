import type { BulkTotals } from '../types.js';

/** A bulk run's block of the summary: what it did, how fast, and each step's latencies (its checks come before). */
export function bulkBlock(bulk: BulkTotals): string[] {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `Bulk provisioning: ${bulk.users} users, ${bulk.created} created, ${bulk.deleted} deleted` +
      (bulk.conflicts ? `, ${bulk.conflicts} already on the tenant (left alone)` : '') +
      ` in ${bulk.seconds.toFixed(1)} s`,
    `  throughput: ${bulk.usersPerSecond} users/s, ${bulk.requestsPerSecond} req/s (${bulk.requests} requests` +
      (bulk.noAnswer ? `, ${bulk.noAnswer} without an answer` : '') +
      ')',
    `  ${'step'.padEnd(11)} ${'requests'.padStart(8)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)}`,
    ...bulk.steps.map(
      (s) =>
        `  ${s.step.padEnd(11)} ${String(s.count).padStart(8)} ${ms(s.p50).padStart(10)} ${ms(s.p95).padStart(10)} ${ms(s.p99).padStart(10)}`,
    ),
  ];
}
