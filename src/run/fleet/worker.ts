import { Writable } from 'node:stream';
import { oneLine, UsageError } from '../../errors.js';
import { runTenants } from '../run-tenants.js';
import type { WorkerAnswer, WorkerTask } from './protocol.js';

/**
 * A worker process of `scimkit run --concurrency`: runs the one tenant it is sent as `scimkit run` runs a tenant,
 * printing to its stdout and stderr (the fleet's pipes), and answers with the outcome. Its argument is the
 * tenant's name, so that `ps` shows which tenant each worker runs.
 */

if (!process.env.SCIMKIT_DEBUG) process.removeAllListeners('warning');
// The fleet gone (killed), its pipes are closed: what is still printed is lost, and the run goes on to clean up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

// A signal the fleet forwards before the run listens (the task still on its way) stops the worker from starting.
const early = new AbortController();
const stopEarly = () => early.abort();
process.once('SIGINT', stopEarly).once('SIGTERM', stopEarly);

let answered = false;
// The fleet gone, nobody forwards Ctrl-C any more: stop and clean up as Ctrl-C does.
process.on('disconnect', () => {
  if (!answered) process.kill(process.pid, 'SIGINT');
});

process.once('message', (task: WorkerTask) => void run(task).then(answer));

async function run(task: WorkerTask): Promise<WorkerAnswer> {
  process.off('SIGINT', stopEarly).off('SIGTERM', stopEarly);
  if (early.signal.aborted) return { interrupted: true };
  try {
    // runTenants listens for Ctrl-C before it first waits: no signal falls between.
    const { outcomes } = await runTenants({
      tenants: [{ file: task.file, tenant: task.tenant }],
      options: { ...task.options, env: process.env },
      out: task.color ? terminalLike(process.stdout) : process.stdout,
      stderr: process.stderr,
    });
    const [outcome] = outcomes;
    return outcome ? { outcome, peakRssMiB: process.resourceUsage().maxRSS / 1024 } : { interrupted: true };
  } catch (error) {
    if (process.env.SCIMKIT_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return { error: error instanceof UsageError ? oneLine(error) : `internal error: ${oneLine(error)}` };
  }
}

function answer(message: WorkerAnswer): void {
  answered = true;
  if (!process.connected) process.exit(0);
  process.send!(message, () => process.exit(0));
}

/** The fleet's terminal behind a pipe: the cli reporter colours as it does on a terminal. */
function terminalLike(out: Writable): Writable {
  const through = new Writable({ write: (chunk, _encoding, done) => out.write(chunk, done) });
  return Object.assign(through, { isTTY: true });
}
