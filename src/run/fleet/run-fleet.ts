import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { summarizeTenants, type TenantOutcome } from '../../report/summary.js';
import { INTERRUPTED } from '../interrupts.js';
import { newRunId } from '../record.js';
import { checkSimDefects, defectsOf, type TenantsRun } from '../run-tenants.js';
import { OrderedOutput } from './ordered-output.js';
import type { WorkerAnswer, WorkerTask } from './protocol.js';
import { howItDied, removeUnfinishedReports, stoppedTotals, withCleanUpHint } from './worker-death.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

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
 * `scimkit run --concurrency K`: each tenant runs in a process of its own, K at once, so that one that crashes or
 * runs out of memory stops its tenant only (exit 2), and its memory goes back to the system when it ends. Their
 * output comes tenant after tenant, then the summary over all; the exit code is the worst. Ctrl-C (or SIGTERM) is
 * passed to every worker, each stopping and cleaning up as a run does; no tenant starts after it. Workers run in
 * a process group of their own, so that a terminal's Ctrl-C reaches them once, through here.
 */
export async function runFleet(input: FleetRun): Promise<FleetResult> {
  const { tenants, options, stderr } = input;
  const defects = options.simDefects ?? [];
  checkSimDefects(tenants, defects);
  const { env = process.env, report = {}, ...shared } = options;
  const quiet = Boolean(report.quiet);
  const output = new OrderedOutput(input.out, tenants.length);
  const live = new Set<ChildProcess>();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted) stderr.write(INTERRUPTED);
    interrupted = true;
    for (const worker of live) worker.kill(signal);
  };
  const outcomes: (TenantOutcome | undefined)[] = [];
  const workers: FleetResult['workers'] = [];

  const runOne = async (index: number): Promise<void> => {
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
      color: Boolean((input.out as { isTTY?: boolean }).isTTY) && !env.NO_COLOR,
    };
    // The tenant's name is the worker's argument so that `ps` shows it; secrets go in its environment only.
    const worker = fork(WORKER, [tenant.name], {
      env,
      execArgv: [...process.execArgv, `--max-old-space-size=${input.workerHeapMiB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
      serialization: 'advanced',
    });
    live.add(worker);
    let answer: WorkerAnswer | undefined;
    worker.on('message', (message: WorkerAnswer) => (answer = message));
    // A worker that cannot start or take its task ends, and is reported as its tenant's error below.
    worker.on('error', () => undefined);
    worker.stdout!.on('data', (chunk: Buffer) => output.add(index, chunk));
    const lastWords = relayLines(worker, stderr, Boolean(env.SCIMKIT_DEBUG));
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      worker.on('close', (code, signal) => resolve({ code, signal })),
    );
    worker.send(task);
    const ended = await exit;
    await lastWords.done;
    live.delete(worker);
    output.finish(index);

    if (answer && 'outcome' in answer) {
      outcomes[index] = answer.outcome;
      workers.push({ tenant: tenant.name, peakRssMiB: answer.peakRssMiB });
      return;
    }
    if (answer && 'interrupted' in answer) return;
    let cause = answer?.error ?? howItDied(ended, lastWords.lines, input.workerHeapMiB);
    if (!answer) {
      cause = withCleanUpHint(cause, { file, tenant: tenant.name, runId, stateDir: options.stateDir });
      if (worker.pid) await removeUnfinishedReports(reportDir, `${tenant.name}-${runId}`, worker.pid);
    }
    // After a second Ctrl-C the worker has said itself what is left to delete.
    if (!interrupted) stderr.write(`scimkit: ${tenant.name}: ${cause}\n`);
    outcomes[index] = { tenant: tenant.name, target: tenant.target, exitCode: 2, totals: stoppedTotals(cause) };
  };

  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    let next = 0;
    const lane = async () => {
      while (next < tenants.length && !interrupted) await runOne(next++);
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

/**
 * A worker's stderr, line by line: scimkit's own lines go on to stderr as they come (the first Ctrl-C's notice
 * once, printed here); what else it prints (V8 running out of memory, with its stack) is kept, the last few lines,
 * to say how it died. SCIMKIT_DEBUG passes everything.
 */
function relayLines(worker: ChildProcess, stderr: Writable, debug: boolean) {
  const lines: string[] = [];
  const reader = createInterface({ input: worker.stderr!, crlfDelay: Infinity });
  reader.on('line', (line) => {
    if (`${line}\n` === INTERRUPTED) return;
    if (debug || line.startsWith('scimkit: ')) stderr.write(`${line}\n`);
    else {
      lines.push(line);
      if (lines.length > 20) lines.shift();
    }
  });
  return { lines, done: new Promise<void>((resolve) => reader.on('close', resolve)) };
}
