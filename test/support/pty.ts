import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const HOST = path.resolve('test/support/pty-host.py');
const BIN = path.resolve('bin/scimkit.js');

/**
 * bin/scimkit.js in a pseudo-terminal (python3's pty module hosts it), driven as a person would: wait until the
 * screen shows a text, then type. No sleeps: each step waits for what the program shows.
 */
export class Pty {
  private readonly child: ChildProcessWithoutNullStreams;
  private shown = '';
  /** Where the next `waitFor` starts looking: what was waited for before is not found again. */
  private seen = 0;
  private waiting: (() => void) | undefined;
  readonly exit: Promise<number>;

  constructor(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
    this.child = spawn('python3', [HOST, process.execPath, BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, TERM: 'xterm', ...env },
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.shown += chunk.toString();
      this.waiting?.();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.shown += chunk.toString();
      this.waiting?.();
    });
    this.exit = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? 1)));
  }

  /** What the terminal has shown so far, without its control sequences. */
  get screen(): string {
    return stripVTControlCharacters(this.shown).replaceAll('\r', '');
  }

  /** Resolves once the terminal shows `text` after what was waited for before; fails if the program ends first. */
  async waitFor(text: string): Promise<void> {
    let ended = false;
    void this.exit.then(() => {
      ended = true;
      this.waiting?.();
    });
    for (;;) {
      const at = this.screen.indexOf(text, this.seen);
      if (at >= 0) {
        this.seen = at + text.length;
        return;
      }
      if (ended)
        throw new Error(`the program ended without showing ${JSON.stringify(text)}; it showed:\n${this.screen}`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Types keys: "\x03" is Ctrl-C. */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Types a line and Enter. */
  answer(line: string): void {
    this.type(`${line}\r`);
  }

  /** Answers a prompt: waits for it, then types the line and Enter. */
  async reply(prompt: string, line: string): Promise<void> {
    await this.waitFor(prompt);
    this.answer(line);
  }

  /** Ends the program (closing its terminal hangs it up). */
  close(): void {
    this.child.kill();
  }
}
