import type { Readable, Writable } from 'node:stream';

/** Where commands print; tests pass their own streams. */
export interface Io {
  /** Where a command asks (scimkit init), opened only by it; tests in-process run without one. */
  stdin?: () => Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};

/** The exit code a command's handler decided (yargs handlers cannot return one). */
export interface Outcome {
  exitCode: number;
}
