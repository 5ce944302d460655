import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { stopCause } from '../../report/summary.js';
import type { Tenant } from '../../targets/index.js';
import { interruptible } from '../interrupts.js';
import { ledgerPath } from '../ledger.js';
import { cleanupCommand, newRunId } from '../record.js';
import { runBulk, type BulkRunOptions } from './run-bulk.js';

/**
 * The CLI's bulk run of one profile: Ctrl-C stops it (what it created is still deleted; a second one quits, naming
 * the clean-up command), stderr gets the one line a script acts on. Returns the exit code.
 */
export async function runBulkTenant(input: {
  file: string;
  tenant: Tenant;
  stdout: Writable;
  stderr: Writable;
  options: Omit<BulkRunOptions, 'source' | 'signal' | 'progressTo'>;
}): Promise<number> {
  const { file, tenant, stderr, options } = input;
  const runId = options.runId ?? newRunId();
  const record = ledgerPath(options.stateDir, tenant.name, runId);
  const interrupted = interruptible(stderr, () =>
    existsSync(record)
      ? `delete what the run created with: ${cleanupCommand(file, runId, options.stateDir)}`
      : 'the run had created nothing',
  );
  try {
    const quiet = Boolean(options.report?.quiet);
    const result = await runBulk(tenant, {
      ...options,
      runId,
      source: file,
      signal: interrupted.signal,
      report: { ...options.report, out: input.stdout },
      ...(quiet ? {} : { progressTo: stderr }),
    });
    // The first request without an answer stopped it: its cause is the line to act on.
    const lost = result.totals.bulk?.checks.find((c) => c.failed && c.name.endsWith(' is answered'))?.firstFailure;
    const cause = result.exitCode === 2 && !interrupted.signal.aborted ? (stopCause(result.totals) ?? lost) : undefined;
    if (cause) stderr.write(`scimkit: ${tenant.name}: ${cause}\n`);
    const left = result.totals.leftovers;
    if (quiet && left)
      stderr.write(`scimkit: ${tenant.name}: not cleaned up: ${left.description}; delete it with: ${left.retry}\n`);
    return interrupted.signal.aborted ? 2 : result.exitCode;
  } finally {
    interrupted.release();
  }
}
