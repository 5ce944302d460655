import type { BulkCheck, BulkTotals, CheckResult, RequestResult } from '../../report/types.js';
import type { BulkShape } from '../../targets/bulk-shape.js';

/** The folder a bulk run's results are reported under. */
export const BULK_FOLDER = 'Bulk provisioning';

/**
 * What the reporters get of a bulk run: one result per step, each holding one check per check name with its counts
 * (`failed for 3 of 10000; first: 500`), never one per user; its time is the step's median latency.
 */
export function stepResults(bulk: BulkTotals, shape: BulkShape): RequestResult[] {
  const methods: Record<string, string> = {
    'look-up': 'GET',
    create: 'POST',
    verify: 'GET',
    update: shape.updateMethod,
    deactivate: 'PATCH',
    delete: 'DELETE',
  };
  return bulk.steps.map(({ step, count, p50 }) => {
    const checks = bulk.checks
      .filter((check) => check.step === step)
      .map((check): CheckResult => ({
        name: check.name,
        level: 'MUST',
        severity: 'failure',
        passed: check.failed === 0,
        ...(check.failed ? { message: failedFor(check) } : {}),
      }));
    return {
      folder: BULK_FOLDER,
      name: step,
      method: methods[step]!,
      url: shape.users,
      // What the line of a request shows: how many were sent, and their median time.
      statusText: `${count} requests, median`,
      durationMs: Math.round(p50 * 10) / 10,
      skipped: count === 0 && checks.length === 0,
      checks,
      console: [],
    };
  });
}

/** How often a check failed, and the first failure's cause: `failed for 3 of 10000; first: 500`. */
export function failedFor(check: BulkCheck): string {
  const first = check.firstFailure ? `; first: ${check.firstFailure}` : '';
  return `failed for ${check.failed} of ${check.passed + check.failed}${first}`;
}
