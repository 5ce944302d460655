import { summarizeTenants, type TenantOutcome } from '../../report/summary.js';
import { INTERRUPTED } from '../interrupts.js';
import { newRunId } from '../record.js';
import type { TenantsRun } from '../run-tenants.js';
import { checkSimDefects, defectsOf } from '../sim-defects.js';
import { OrderedOutput } from './ordered-output.js';
import type { WorkerTask } from './protocol.js';
import { howItDied, removeUnfinishedReports, stoppedTotals, withCleanUpHint } from './worker-death.js';
import { WorkerProcess } from './worker-process.js';

export interface FleetRun extends Omit<TenantsRun, 'options'> {
  options: Omit<TenantsRun['options'], 'simulator' | 'exampleRequests'>;
  /** Worker processes running at once. */
  concurrency: number;
  /** The heap each worker may take (V8's old space), in MiB: a worker beyond it ends, its tenant stopped. */
  workerHeapMiB: number;
}

export interface FleetResult {
  exitCode: number;
  /** In the order the tenants were given; a tenant an interruption kept from starting has none. */
  outcomes: TenantOutcome[];
  /** What each worker that answered took at most. */
  workers: { tenant: string; peakRssMiB: number }[];
}

/**
 * `scimkit run --concurrency K`: tenants run in K worker processes, each taking the next tenant when its last is
 * done, so that one that crashes or runs out of memory (its heap bounded by --worker-heap) stops its tenant only
 * (exit 2); the next tenant gets a new worker. Their output comes tenant after tenant, then the summary over all;
 * the exit code is the worst. Ctrl-C (or SIGTERM) is passed to every worker, each stopping and cleaning up as a run
 * does; no tenant starts after it. Workers run in a process group of their own, so that a terminal's Ctrl-C reaches
 * them once, through here.
 */
export async function runFleet(input: FleetRun): Promise<FleetResult> {
  const { tenants, options, stderr } = input;
  const defects = options.simDefects ?? [];
  checkSimDefects(tenants, defects);
  const { env = process.env, report = {}, ...shared } = options;
  const quiet = Boolean(report.quiet);
  const output = new OrderedOutput(input.out, tenants.length);
  const live = new Set<WorkerProcess>();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted) stderr.write(INTERRUPTED);
    interrupted = true;
    for (const worker of live) worker.kill(signal);
  };
  const outcomes: (TenantOutcome | undefined)[] = [];
  const workers: FleetResult['workers'] = [];
  const color = Boolean((input.out as { isTTY?: boolean }).isTTY) && !env.NO_COLOR;
  const workerOptions = { env, heapMiB: input.workerHeapMiB, stderr, debug: Boolean(env.SCIMKIT_DEBUG) };

  /** Runs tenant `index` in `worker`: true when the worker is still alive for the next one. */
  const runOne = async (worker: WorkerProcess, index: number): Promise<boolean> => {
    const { file, tenant } = tenants[index]!;
    const runId = options.runId ?? newRunId();
    const reportDir = report.dir ?? 'reports';
    const task: WorkerTask = {
      file,
      tenant,
      options: {
        ...shared,
        runId,
        simDefects: defectsOf(tenant, defects),
        report: { reporters: report.reporters ?? ['cli'], dir: reportDir, quiet },
      },
      color,
    };
    const end = await worker.run(index, task);
    output.finish(index);
    const stopped = (cause: string) => {
      // After a second Ctrl-C the worker has said itself what is left to delete.
      if (!interrupted) stderr.write(`scimkit: ${tenant.name}: ${cause}\n`);
      outcomes[index] = { tenant: tenant.name, target: tenant.target, exitCode: 2, totals: stoppedTotals(cause) };
    };
    if ('died' in end) {
      stopped(
        withCleanUpHint(howItDied(end.died, end.lastWords, input.workerHeapMiB), {
          file,
          tenant: tenant.name,
          runId,
          stateDir: options.stateDir,
        }),
      );
      if (worker.pid) await removeUnfinishedReports(reportDir, `${tenant.name}-${runId}`, worker.pid);
      return false;
    }
    const { answer } = end;
    if ('outcome' in answer) {
      outcomes[index] = answer.outcome;
      workers.push({ tenant: tenant.name, peakRssMiB: answer.peakRssMiB });
    } else if ('error' in answer) stopped(answer.error);
    return true;
  };

  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    let next = 0;
    // A lane keeps its worker for tenant after tenant; one that died is replaced for the next.
    const lane = async () => {
      let worker: WorkerProcess | undefined;
      while (next < tenants.length && !interrupted) {
        const index = next++;
        if (!worker) live.add((worker = new WorkerProcess(tenants[index]!.tenant.name, output, workerOptions)));
        if (await runOne(worker, index)) continue;
        live.delete(worker);
        worker = undefined;
      }
      if (!worker) return;
      await worker.close();
      live.delete(worker);
    };
    await Promise.all(Array.from({ length: Math.min(input.concurrency, tenants.length) }, lane));
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  const ran = outcomes.filter((outcome): outcome is TenantOutcome => outcome !== undefined);
  if (ran.length > 1 && !quiet) input.out.write(summarizeTenants(ran));
  return {
    exitCode: interrupted ? 2 : Math.max(0, ...ran.map((o) => o.exitCode)),
    outcomes: ran,
    workers,
  };
}
