import type { Writable } from 'node:stream';

/** What the first Ctrl-C prints (once, however many worker processes it stops). */
export const INTERRUPTED = 'scimkit: interrupted: stopping the run and cleaning up (Ctrl-C again to quit now)\n';

/**
 * Ctrl-C or SIGTERM stops the run, which then lets its clean-up delete what it created; a second one quits at
 * once, printing `quitting()`: how to delete the rest later (the ledger on disk holds everything the run may have
 * created). `release` gives the signals back.
 */
export function interruptible(stderr: Writable, quitting: () => string): { signal: AbortSignal; release(): void } {
  const interrupted = new AbortController();
  const onSignal = () => {
    if (!interrupted.signal.aborted) {
      stderr.write(INTERRUPTED);
      interrupted.abort();
      return;
    }
    stderr.write(`scimkit: quit before the clean-up finished; ${quitting()}\n`);
    process.exit(2);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return {
    signal: interrupted.signal,
    release: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal),
  };
}
