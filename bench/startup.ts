import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COMMAND_NAMES } from '../src/cli/commands/index.js';
import { timed, type Benchmark, type Side } from './harness.js';

const BIN = fileURLToPath(new URL('../../bin/scimkit.js', import.meta.url));

/** Wall-clock milliseconds from spawning Node with these arguments to its exit; a failure stops the benchmark. */
function spawned(label: string, args: string[]): Side {
  return {
    label,
    measure: () =>
      timed(
        () =>
          new Promise<void>((resolve, reject) => {
            execFile(process.execPath, args, (error) => (error ? reject(error) : resolve()));
          }),
      ),
  };
}

/**
 * Start-up: `scimkit --version`, `scimkit --help` and each command's `--help`, each a process of its own, against
 * starting Node with nothing to do (`node -e 0`). What they cost beyond it is what scimkit loads before it answers.
 */
export function startupBenchmarks(): Benchmark[] {
  const subjects = [['--version'], ['--help'], ...COMMAND_NAMES.map((command) => [command, '--help'])];
  return subjects.map((args) => {
    // startup-version, startup-help, startup-run-help, ...
    const name = ['startup', ...args.map((arg) => arg.replace(/^-+/, ''))].join('-');
    return {
      name,
      unit: 'ms',
      baseline: spawned('node -e 0', ['-e', '0']),
      subject: spawned(`scimkit ${args.join(' ')}`, [BIN, ...args]),
      target: { ratio: 2, better: 'lower' },
      runs: 11,
      warmups: 2,
      reproduce: `npm run bench -- --only ${name}`,
    };
  });
}
