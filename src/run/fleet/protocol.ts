import type { TenantOutcome } from '../../report/summary.js';
import type { Tenant } from '../../targets/index.js';
import type { RunOptions } from '../run-tenant.js';

/**
 * What the fleet sends a worker process over its IPC channel: one tenant and the run's options. Never a secret:
 * the worker reads those from its environment, as `scimkit run` does.
 */
/** What the fleet sends a worker: a tenant to run, or that there are no more (the worker exits). */
export type FleetMessage = WorkerTask | { close: true };

export interface WorkerTask {
  file: string;
  tenant: Tenant;
  options: WorkerOptions;
  /** The fleet's stdout is a terminal: the worker's cli reporter colours as it would there. */
  color: boolean;
}

/** The run's options that cross a process boundary: data only (no streams, no signal, no environment). */
export type WorkerOptions = Omit<
  RunOptions,
  'source' | 'signal' | 'env' | 'simulator' | 'exampleRequests' | 'report'
> & {
  runId: string;
  report: { reporters: NonNullable<NonNullable<RunOptions['report']>['reporters']>; dir: string; quiet: boolean };
};

/**
 * What a worker answers when its tenant is done: its tenant's outcome and the most memory it took; or the one line that
 * says why the run could not be carried out; or that an interruption came before it started.
 */
export type WorkerAnswer = { outcome: TenantOutcome; peakRssMiB: number } | { error: string } | { interrupted: true };

/** What a worker sends: what its run writes on stdout, as it comes, then the task's answer. */
export type WorkerMessage = { out: Uint8Array } | WorkerAnswer;
