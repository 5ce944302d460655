import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Terminal } from '../tenant/init/wizard.js';

/** A terminal to ask in, line by line; Ctrl-C or Ctrl-D ends the asking with one line, nothing written. */
export function openTerminal(input: Readable, output: Writable): Terminal & { close(): void } {
  const lines = createInterface({ input, output, terminal: true });
  const stop = new AbortController();
  lines.on('SIGINT', () => {
    output.write('\n');
    stop.abort();
  });
  lines.on('close', () => stop.abort());
  return {
    async question(prompt) {
      try {
        return await lines.question(prompt, { signal: stop.signal });
      } catch (error) {
        if (stop.signal.aborted) throw new UsageError('init: stopped; nothing was written');
        throw error;
      }
    },
    say: (line) => output.write(`${line}\n`),
    close: () => lines.close(),
  };
}
