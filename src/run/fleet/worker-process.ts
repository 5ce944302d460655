import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { INTERRUPTED } from '../interrupts.js';
import type { OrderedOutput } from './ordered-output.js';
import type { FleetMessage, WorkerAnswer, WorkerMessage, WorkerTask } from './protocol.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

export interface Ended {
  code: number | null;
  signal: string | null;
}

/** How a task went: the worker's answer, or how the worker died before giving one (its last stderr lines). */
export type TaskEnd = { answer: WorkerAnswer } | { died: Ended; lastWords: string[] };

/**
 * One worker process of a fleet, given tenants one after the other: Node, Newman and the templates are loaded and
 * compiled once per worker, not once per tenant (which cost a fleet more than running in parallel gained). A task's
 * output comes over the IPC channel, before its answer, so that it is told apart from the next task's.
 */
export class WorkerProcess {
  private readonly child: ChildProcess;
  private readonly exit: Promise<Ended>;
  private readonly lastWords: string[] = [];
  private readonly stderrDone: Promise<void>;
  private index = -1;
  private pending: ((answer: WorkerAnswer) => void) | undefined;

  /** `name`: the first tenant's, its argument, so that `ps` tells the workers apart; secrets go in `env` only. */
  constructor(
    name: string,
    private readonly output: OrderedOutput,
    options: { env: NodeJS.ProcessEnv; heapMiB: number; stderr: Writable; debug: boolean },
  ) {
    this.child = fork(WORKER, [name], {
      env: options.env,
      execArgv: [...process.execArgv, `--max-old-space-size=${options.heapMiB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // A group of its own: a terminal's Ctrl-C reaches it once, through the fleet.
      detached: true,
      serialization: 'advanced',
    });
    this.child.on('message', (message: WorkerMessage) => {
      if ('out' in message) this.output.add(this.index, Buffer.from(message.out));
      else this.pending?.(message);
    });
    // A worker that cannot start or take its task ends, and is reported as its tenant's error.
    this.child.on('error', () => undefined);
    // What the run writes goes over IPC; anything else printed on stdout goes with the current tenant.
    this.child.stdout!.on('data', (chunk: Buffer) => this.output.add(this.index, chunk));
    this.stderrDone = relayLines(this.child, this.lastWords, options.stderr, options.debug);
    this.exit = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Runs one tenant: its answer, or how the worker died (it is then done with). */
  async run(index: number, task: WorkerTask): Promise<TaskEnd> {
    this.index = index;
    this.lastWords.length = 0;
    const answered = new Promise<WorkerAnswer>((resolve) => (this.pending = resolve));
    if (this.child.connected) this.child.send(task);
    const end = await Promise.race([answered.then((answer) => ({ answer })), this.exit.then((died) => ({ died }))]);
    this.pending = undefined;
    if ('answer' in end) return end;
    await this.stderrDone;
    return { died: end.died, lastWords: [...this.lastWords] };
  }

  /** No more tenants: the worker exits. */
  async close(): Promise<void> {
    const close: FleetMessage = { close: true };
    if (this.child.connected) this.child.send(close);
    await this.exit;
    await this.stderrDone;
  }
}

/**
 * A worker's stderr, line by line: scimkit's own lines go on to stderr as they come (the first Ctrl-C's notice
 * once, printed by the fleet); what else it prints (V8 running out of memory, with its stack) is kept, the last
 * few lines, to say how it died. SCIMKIT_DEBUG passes everything.
 */
function relayLines(worker: ChildProcess, lines: string[], stderr: Writable, debug: boolean): Promise<void> {
  const reader = createInterface({ input: worker.stderr!, crlfDelay: Infinity });
  reader.on('line', (line) => {
    if (`${line}\n` === INTERRUPTED) return;
    if (debug || line.startsWith('scimkit: ')) stderr.write(`${line}\n`);
    else {
      lines.push(line);
      if (lines.length > 20) lines.shift();
    }
  });
  return new Promise<void>((resolve) => reader.on('close', resolve));
}
