import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { Capture } from './capture.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve('bin/scimkit.js');

/**
 * Runs the CLI's main in this process, with its own streams and environment, as bin/scimkit.js does: the same
 * commands, checks and exit codes, without starting Node again for each call. Relative paths are the checkout's.
 */
export async function scimkit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, env: { PATH: process.env.PATH, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the real CLI (bin/scimkit.js) in a child process, as a user or CI would: for what only a process shows. */
export function scimkitProcess(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, ...env }, cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** An error exit: code 2, one line on stderr, no stack trace. */
export function isUsageFailure(result: CliResult): boolean {
  const lines = result.stderr.trimEnd().split('\n');
  return (
    result.code === 2 && lines.length === 1 && lines[0]!.startsWith('scimkit: ') && !/\n\s+at /.test(result.stderr)
  );
}

/**
 * Runs bin/scimkit.js with stdout read by a reader that stops after the first chunk and closes its end, as
 * `scimkit list | head -1` does.
 */
export function scimkitReadPartly(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      stdout = chunk.toString();
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
