import type { RunTotals } from '../report/types.js';

/**
 * 2 the run could not be carried out (a run error, a request without an answer); 1 a check failed that weighs a
 * failure under the run's profile, or the clean-up left something; 0 otherwise. A warning (a failed SHOULD check
 * under strict, a check the profile's client does not depend on under okta or entra) and an INFO check never change
 * the exit code.
 */
export function exitCodeFor(totals: RunTotals): 0 | 1 | 2 {
  if (totals.error || totals.networkErrors > 0) return 2;
  // What remains on the tenant is never a pass, even when no check said so.
  return totals.failedChecks > 0 || totals.leftovers ? 1 : 0;
}
