import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { zeroCounts, type RunTotals } from '../../report/types.js';
import { ledgerPath } from '../ledger.js';
import { cleanupCommand } from '../record.js';

/** How a worker process ended without answering, as its stderr's last lines and its exit show it. */
export function howItDied(
  exit: { code: number | null; signal: string | null },
  lastWords: readonly string[],
  heapMiB: number,
): string {
  if (lastWords.some((line) => /heap out of memory|Reached heap limit/.test(line)))
    return `its worker process ran out of memory (--worker-heap ${heapMiB} MiB)`;
  return exit.signal
    ? `its worker process was ended by ${exit.signal}`
    : `its worker process exited with code ${exit.code}`;
}

/** The cause, and how to delete what the run may have left: its record on disk holds what it created. */
export function withCleanUpHint(
  cause: string,
  run: { file: string; tenant: string; runId: string; stateDir?: string },
): string {
  return existsSync(ledgerPath(run.stateDir, run.tenant, run.runId))
    ? `${cause}; delete what the run created with: ${cleanupCommand(run.file, run.runId, run.stateDir)}`
    : `${cause}; the run had created nothing`;
}

/** A report a dead worker was writing stays a temporary file (io/atomic.ts); nothing half-written is left. */
export async function removeUnfinishedReports(dir: string, report: string, pid: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const unfinished = names.filter(
    (name) => name.startsWith(`.${report}.`) && name.includes(`.${pid}.`) && name.endsWith('.tmp'),
  );
  await Promise.all(unfinished.map((name) => rm(`${dir}/${name}`, { force: true })));
}

/** The totals of a run that never reported: nothing counted, the cause as its error (exit 2). */
export function stoppedTotals(error: string): RunTotals {
  return {
    ...zeroCounts(),
    conformance: { sections: [], profiles: [] },
    error,
  };
}
