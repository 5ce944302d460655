import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { oneLine, UsageError } from '../errors.js';
import { cleanupCommand } from './commands/cleanup.js';
import { generateCommand } from './commands/generate.js';
import { listCommand } from './commands/list.js';
import { planCommand } from './commands/plan.js';
import { runCommand } from './commands/run.js';
import { simCommand } from './commands/sim.js';
import { DEFAULT_ENV_FILE, withEnvFile } from './env-file.js';
import { processIo, type Io, type Outcome } from './output.js';

/**
 * Runs the CLI and returns its exit code: 0 all checks passed, 1 a check failed, 2 usage, configuration or
 * network error. Errors are one line on stderr, never a stack trace (SCIMKIT_DEBUG=1 shows it).
 */
export async function main(argv: string[] = hideBin(process.argv), given: Io = processIo): Promise<number> {
  const outcome: Outcome = { exitCode: 0 };
  // Commands read io.env when they run, after the middleware below has added the .env file's variables.
  const io: Io = { ...given };
  const fail = (message: string) => {
    io.stderr.write(`scimkit: ${message}\n`);
    return 2;
  };
  try {
    await yargs(argv)
      .scriptName('scimkit')
      .usage('$0 <command> [options]\n\nSet up and verify SCIM provisioning with tenant-specific Postman collections.')
      // Not --env-file: Node 20 takes that flag for itself, wherever it stands on the command line.
      .option('dotenv', {
        type: 'string',
        global: true,
        describe: `Read secrets from this file too (default: ${DEFAULT_ENV_FILE} when present); set variables win`,
      })
      .middleware(async (args) => {
        io.env = await withEnvFile(given.env, args.dotenv ?? DEFAULT_ENV_FILE, args.dotenv !== undefined);
      })
      .command(generateCommand(io, outcome))
      .command(runCommand(io, outcome))
      .command(planCommand(io, outcome))
      .command(simCommand(io, outcome))
      .command(listCommand(io, outcome))
      .command(cleanupCommand(io, outcome))
      .demandCommand(1, 'Name a command: generate, run, plan, sim, list or cleanup')
      .strict()
      .help()
      .alias('help', 'h')
      .version(false)
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .fail((message, error) => {
        throw error ?? new UsageError(`${message} (see scimkit --help)`);
      })
      .parseAsync();
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) return fail(oneLine(error));
    if (io.env.SCIMKIT_DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return fail(`internal error: ${oneLine(error)} (SCIMKIT_DEBUG=1 shows details)`);
  }
}
