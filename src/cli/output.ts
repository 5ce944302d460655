import type { Writable } from 'node:stream';

/** Where commands print; tests pass their own streams. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The exit code a command's handler decided (yargs handlers cannot return one). */
export interface Outcome {
  exitCode: number;
}
