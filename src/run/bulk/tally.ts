import type { BulkTotals, BulkCheck } from '../../report/types.js';
import { Latency } from './latency.js';

/** The steps of a user's lifecycle, in order. */
export const STEPS = ['look-up', 'create', 'verify', 'update', 'deactivate', 'delete'] as const;
export type Step = (typeof STEPS)[number];

/**
 * What a bulk run counts as it goes: per check name its passes and failures (and the first failure's message), per
 * step its latencies. Nothing per user: memory is the same for 10 users and for 10,000.
 */
export class BulkTally {
  readonly started = performance.now();
  users = 0;
  created = 0;
  deleted = 0;
  conflicts = 0;
  requests = 0;
  noAnswer = 0;
  private readonly checks = new Map<string, BulkCheck>();
  private readonly latency = new Map<Step, Latency>(STEPS.map((step) => [step, new Latency()]));

  /** A step answered after `ms`, in `requests` requests (2: sent again with a renewed token). */
  answered(step: Step, ms: number, requests = 1): void {
    this.requests += requests;
    this.latency.get(step)!.record(ms);
  }

  /**
   * A check of one user's step, named `bulk: <step> <what>`: stable, as reports key on it. `message` says why it
   * failed, asked for only for the first failure.
   */
  check(step: Step, what: string, passed: boolean, message: () => string): boolean {
    const name = `bulk: ${step} ${what}`;
    let check = this.checks.get(name);
    if (!check) this.checks.set(name, (check = { step, name, passed: 0, failed: 0 }));
    if (passed) check.passed += 1;
    else {
      check.failed += 1;
      check.firstFailure ??= message();
    }
    return passed;
  }

  totals(): BulkTotals {
    const seconds = (performance.now() - this.started) / 1000;
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      users: this.users,
      created: this.created,
      deleted: this.deleted,
      conflicts: this.conflicts,
      requests: this.requests,
      noAnswer: this.noAnswer,
      seconds: round(seconds),
      usersPerSecond: round(seconds ? this.users / seconds : 0),
      requestsPerSecond: round(seconds ? this.requests / seconds : 0),
      steps: STEPS.map((step) => {
        const latency = this.latency.get(step)!;
        return { step, count: latency.count, p50: latency.at(50), p95: latency.at(95), p99: latency.at(99) };
      }),
      checks: [...this.checks.values()],
    };
  }
}
