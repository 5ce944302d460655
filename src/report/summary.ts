import { ANSWERED_CHECK, passedChecks, type RunTotals } from './types.js';

export interface TenantOutcome {
  tenant: string;
  target: string;
  exitCode: number;
  totals: RunTotals;
}

/** The one line that says why a run could not be carried out: the first request that got no answer, or the error. */
export function stopCause(totals: RunTotals): string | undefined {
  const lost = totals.failures.find((f) => f.check.endsWith(` / ${ANSWERED_CHECK}`));
  return lost?.message ?? totals.error;
}

/** After a run over several tenants: a line per tenant, then the totals and the exit code they make. */
export function summarizeTenants(outcomes: readonly TenantOutcome[]): string {
  const width = Math.max(...outcomes.map((o) => o.tenant.length));
  const lines = outcomes.map(({ tenant, target, exitCode, totals }) => {
    const warned = totals.warningChecks ? `, ${totals.warningChecks} warning(s)` : '';
    const verdict =
      exitCode === 0 ? `passed${warned}` : exitCode === 1 ? `${totals.failedChecks} failed${warned}` : 'stopped';
    const cause = exitCode === 2 ? `: ${stopCause(totals) ?? 'see above'}` : '';
    return `  ${tenant.padEnd(width)}  ${target.padEnd(10)}  ${totals.checks} checks, ${verdict}${cause} (exit ${exitCode})`;
  });
  const sum = (pick: (t: RunTotals) => number) => outcomes.reduce((n, o) => n + pick(o.totals), 0);
  const checks = sum((t) => t.checks);
  const failed = sum((t) => t.failedChecks);
  const warnings = sum((t) => t.warningChecks);
  const worst = Math.max(...outcomes.map((o) => o.exitCode));
  return [
    '',
    `All ${outcomes.length} tenants:`,
    ...lines,
    `  ${checks} checks, ${sum(passedChecks)} passed, ${failed} failed${warnings ? `, ${warnings} warning(s)` : ''}; exit ${worst}`,
    '',
  ].join('\n');
}
