import { Writable } from 'node:stream';
import { oneLine, UsageError } from '../../errors.js';
import { runTenants } from '../run-tenants.js';
import type { FleetMessage, WorkerAnswer, WorkerMessage, WorkerTask } from './protocol.js';

/**
 * A worker process of `scimkit run --concurrency`: runs each tenant it is sent, one after the other, as `scimkit
 * run` runs a tenant, and answers each with its outcome; it exits when the fleet says there are no more. What a run
 * prints on stdout goes over the channel, before the answer; stderr is the fleet's pipe. Its argument is its first
 * tenant's name, so that `ps` tells the workers apart.
 */

if (!process.env.SCIMKIT_DEBUG) process.removeAllListeners('warning');
// The fleet gone (killed), its pipes are closed: what is still printed is lost, and the run goes on to clean up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

// A signal the fleet forwards while no run listens (between tenants, a task on its way) stops what comes next.
const early = new AbortController();
const stopEarly = () => early.abort();
process.on('SIGINT', stopEarly).on('SIGTERM', stopEarly);

let running = false;
// The fleet gone (killed): exit; in a run, nobody forwards Ctrl-C any more: stop and clean up as it does.
process.on('disconnect', () => {
  if (running) process.kill(process.pid, 'SIGINT');
  else process.exit(0);
});

process.on('message', (message: FleetMessage) => {
  if ('close' in message) process.exit(0);
  void run(message).then((answer) => send(answer));
});

async function run(task: WorkerTask): Promise<WorkerAnswer> {
  if (early.signal.aborted) return { interrupted: true };
  running = true;
  process.off('SIGINT', stopEarly).off('SIGTERM', stopEarly);
  const out = toFleet(task.color);
  try {
    // runTenants listens for Ctrl-C before it first waits: no signal falls between.
    const { outcomes } = await runTenants({
      tenants: [{ file: task.file, tenant: task.tenant }],
      options: { ...task.options, env: process.env },
      out,
      stderr: process.stderr,
    });
    const [outcome] = outcomes;
    return outcome ? { outcome, peakRssMiB: process.resourceUsage().maxRSS / 1024 } : { interrupted: true };
  } catch (error) {
    if (process.env.SCIMKIT_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return { error: error instanceof UsageError ? oneLine(error) : `internal error: ${oneLine(error)}` };
  } finally {
    // Every write sent before the answer, so that the fleet puts none with the next tenant.
    await new Promise<void>((resolve) => out.end(resolve));
    running = false;
    process.on('SIGINT', stopEarly).on('SIGTERM', stopEarly);
  }
}

function send(message: WorkerMessage, done: () => void = () => undefined): void {
  if (!process.connected) return done();
  process.send!(message, () => done());
}

/** The run's stdout, as messages to the fleet; on the fleet's terminal, the cli reporter colours as it does there. */
function toFleet(color: boolean): Writable {
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => send({ out: chunk }, done) });
  return color ? Object.assign(out, { isTTY: true }) : out;
}
