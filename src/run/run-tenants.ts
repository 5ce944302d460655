import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { stopCause, summarizeTenants, type TenantOutcome } from '../report/summary.js';
import type { Tenant } from '../targets/index.js';
import { interruptible } from './interrupts.js';
import { ledgerPath } from './ledger.js';
import { cleanupCommand, newRunId } from './record.js';
import { runTenant, type RunOptions } from './run-tenant.js';
import { checkSimDefects, defectsOf } from './sim-defects.js';

export interface TenantsRun {
  /** Profiles, every one already checked, with the file each came from. */
  tenants: readonly { file: string; tenant: Tenant }[];
  /** For every run; each tenant's simulator gets the defects its target has. */
  options: Omit<RunOptions, 'source' | 'signal'>;
  /** Where the combined summary goes, and the cli reporter. */
  out: Writable;
  /** The one line a script or a person acts on: why a run stopped, how to delete what it left. */
  stderr: Writable;
}

/**
 * One run per tenant, one after the other: Ctrl-C stops the current one (its clean-up still runs) and those to
 * come. Ends with a summary line per tenant when there are several (unless quiet); the exit code is the worst of
 * them (2 when interrupted).
 */
export async function runTenants(input: TenantsRun): Promise<{ exitCode: number; outcomes: TenantOutcome[] }> {
  const { tenants, options, stderr } = input;
  const defects = options.simDefects ?? [];
  const quiet = Boolean(options.report?.quiet);
  checkSimDefects(tenants, defects);

  let current: { file: string; runId: string; record: string } | undefined;
  const interrupted = interruptible(stderr, () =>
    current && existsSync(current.record)
      ? `delete what the run created with: ${cleanupCommand(current.file, current.runId, options.stateDir)}`
      : 'the run had created nothing',
  );
  const outcomes: TenantOutcome[] = [];
  try {
    for (const { file, tenant } of tenants) {
      if (interrupted.signal.aborted) break;
      const runId = options.runId ?? newRunId();
      current = { file, runId, record: ledgerPath(options.stateDir, tenant.name, runId) };
      const result = await runTenant(tenant, {
        ...options,
        source: file,
        runId,
        simDefects: defectsOf(tenant, defects),
        report: { ...options.report, out: input.out },
        signal: interrupted.signal,
      });
      outcomes.push({ ...result, target: tenant.target });
      // The report says it all; stderr gets the one line a script or a person acts on.
      const cause = result.exitCode === 2 && !interrupted.signal.aborted ? stopCause(result.totals) : undefined;
      if (cause) stderr.write(`scimkit: ${tenant.name}: ${cause}\n`);
      // A quiet run's stdout is empty: what it left on the tenant, and how to delete it, go to stderr.
      const left = result.totals.leftovers;
      if (quiet && left)
        stderr.write(`scimkit: ${tenant.name}: not cleaned up: ${left.description}; delete it with: ${left.retry}\n`);
    }
  } finally {
    interrupted.release();
  }
  if (outcomes.length > 1 && !quiet) input.out.write(summarizeTenants(outcomes));
  return {
    exitCode: interrupted.signal.aborted ? 2 : Math.max(0, ...outcomes.map((o) => o.exitCode)),
    outcomes,
  };
}
