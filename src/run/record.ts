import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Tenant } from '../targets/index.js';
import { DEFAULT_STATE_DIR } from './defaults.js';
import type { LedgerDeclaration } from '../render/ledger-variables.js';
import { checkStateDir, ledgerPath, RunLedger, type EarlierRun, type LedgerHeader } from './ledger.js';

/**
 * Opens a run's ledger once the run knows where it sends (the header records it) and what its collection declares
 * the ledger keeps.
 */
export type OpenLedger = (header: LedgerHeader, keys: LedgerDeclaration) => RunLedger;

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The record of a new run, checked before anything is sent: its folder must be writable (or the run must not create
 * anything), and no other run may have left a record under the same run id.
 */
export function newRecord(
  tenant: Tenant,
  run: { runId: string; mode: string; source: string; stateDir: string | undefined },
): OpenLedger {
  const file = ledgerPath(run.stateDir, tenant.name, run.runId);
  // A read-only run creates nothing, so it keeps no record.
  if (run.mode !== 'read-only') checkStateDir(path.dirname(file));
  if (existsSync(file)) {
    throw new UsageError(
      `--run-id: run ${run.runId} has a record in ${file}: delete what it left with ${cleanupCommand(run.source, run.runId, run.stateDir)}, or choose another run id`,
    );
  }
  return (header, keys) => new RunLedger(file, header, keys);
}

/** The record an earlier run of this tenant left, for its clean-up to be retried. */
export function earlierRecord(tenant: Tenant, runId: string, stateDir: string | undefined): EarlierRun {
  const recorded = RunLedger.read(ledgerPath(stateDir, tenant.name, runId), runId);
  if (recorded.header.tenant !== tenant.name)
    throw new UsageError(`--tenant: run ${runId} belongs to tenant ${recorded.header.tenant}, not ${tenant.name}`);
  return recorded;
}

/** The command that retries what a run could not clean up. */
export function cleanupCommand(profile: string, runId: string, stateDir: string | undefined): string {
  const where = stateDir && stateDir !== DEFAULT_STATE_DIR ? ` --state-dir ${stateDir}` : '';
  return `scimkit cleanup --tenant ${profile} --run-id ${runId}${where}`;
}
