import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { oneLine, UsageError } from '../errors.js';
import { cleanupCommand } from './commands/cleanup.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { listCommand } from './commands/list.js';
import { oktaTokenCommand } from './commands/okta-token.js';
import { planCommand } from './commands/plan.js';
import { runCommand } from './commands/run.js';
import { simCommand } from './commands/sim.js';
import { DEFAULT_ENV_FILE, withEnvFile } from './env-file.js';
import { processIo, type Io, type Outcome } from './output.js';
import { closest } from './suggest.js';

const COMMANDS = ['init', 'generate', 'run', 'plan', 'okta-token', 'sim', 'list', 'cleanup'];

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
    const cli = yargs();
    await cli
      .scriptName('scimkit')
      .usage(
        'scimkit <command> [options]\n\nSet up and verify SCIM provisioning with tenant-specific Postman collections.',
      )
      // Not --env-file: Node 20 takes that flag for itself, wherever it stands on the command line.
      .option('dotenv', {
        type: 'string',
        global: true,
        describe: `Read secrets from this file too (default: ${DEFAULT_ENV_FILE} when present); set variables win`,
      })
      .middleware(async (args) => {
        io.env = await withEnvFile(given.env, args.dotenv ?? DEFAULT_ENV_FILE, args.dotenv !== undefined);
      })
      .command(initCommand(io, outcome))
      .command(generateCommand(io, outcome))
      .command(runCommand(io, outcome))
      .command(planCommand(io, outcome))
      .command(oktaTokenCommand(io, outcome))
      .command(simCommand(io, outcome))
      .command(listCommand(io, outcome))
      .command(cleanupCommand(io, outcome))
      .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}`)
      .strict()
      .help()
      .alias('help', 'h')
      .version(false)
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .fail((message, error) => {
        if (error instanceof UsageError) throw error;
        // yargs reports a coerce's refusal as its own error, with the refusal's message.
        const text = error?.name === 'YError' ? error.message : message;
        if (error && error.name !== 'YError') throw error;
        throw new UsageError(`${withSuggestion(text, cli, argv)} (see scimkit --help)`);
      })
      // A parse callback keeps yargs from printing or exiting by itself: --help goes to io.stdout like the rest.
      .parseAsync(argv, {}, (_error, _args, output) => {
        if (output) io.stdout.write(`${output}\n`);
      });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) return fail(oneLine(error));
    const foreseen = fileSystemError(error);
    if (foreseen) return fail(foreseen);
    if (io.env.SCIMKIT_DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return fail(`internal error: ${oneLine(error)} (SCIMKIT_DEBUG=1 shows details)`);
  }
}

/**
 * "Unknown argument: runn" → "…; did you mean run?". A mistyped option may show as a missing one first
 * ("Missing required argument: tenant" for --tenat): the first flag given that is no option gets the closest one.
 */
function withSuggestion(message: string, parser: Argv, argv: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(', ')[0];
  const command = unknown && closest(unknown, COMMANDS);
  if (command) return `${message}; did you mean ${command}?`;
  const options = (parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key;
  const known = Object.keys(options).filter((key) => key.length > 1 && !/[A-Z]/.test(key));
  const given = argv.filter((arg) => arg.startsWith('--')).map((arg) => arg.slice(2).split('=')[0]!);
  for (const flag of given.filter((name) => !known.includes(name) && !known.includes(name.replace(/^no-/, '')))) {
    const option = closest(flag, known);
    if (option) return `${message}; did you mean --${option}?${unknown ? '' : ` (--${flag} is no option)`}`;
  }
  return message;
}

/** A file or folder the user named that cannot be used: one line with the path and the cause, never "internal". */
function fileSystemError(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as { code?: string; path?: string; syscall?: string };
  if (!code || !path || !syscall) return undefined;
  const what: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOTDIR: 'a file stands where a folder is needed',
    EISDIR: 'it is a folder',
    EEXIST: 'it exists',
    ENOENT: 'it does not exist',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  return `cannot ${syscall} ${path} (${what[code] ?? code}): check the folder options (--out, --report-dir, --state-dir) and permissions`;
}
