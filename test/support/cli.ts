import { execFile } from 'node:child_process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (bin/scimkit.js) in a child process, as a user or CI would. */
export function scimkit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/scimkit.js', ...args],
      { env: { PATH: process.env.PATH, ...env }, maxBuffer: 16 * 1024 * 1024 },
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
