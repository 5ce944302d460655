import type { Argv } from 'yargs';
import { oneLine, UsageError } from '../errors.js';
import { COMMAND_NAMES, COMMANDS, lazyCommand } from './commands/index.js';
import { DEFAULT_ENV_FILE, withEnvFile } from './env-file.js';
import { processIo, type Io, type Outcome } from './output.js';
import { storedHelp } from './stored-help.js';
import { closest } from './suggest.js';
import { dotenvOption, helpWidth, packageVersion, quickAnswer, USAGE } from './top-level.js';

/**
 * Runs the CLI and returns its exit code: 0 all checks passed, 1 a check failed, 2 usage, configuration or
 * network error. Errors are one line on stderr, never a stack trace (SCIMKIT_DEBUG=1 shows it). `--version` and
 * `--help` alone (top-level.ts), and a command's `--help` from the build's store (stored-help.ts), are answered
 * without loading yargs.
 */
export async function main(argv: string[] = process.argv.slice(2), given: Io = processIo): Promise<number> {
  const width = helpWidth();
  const quick = quickAnswer(argv, width, process.env) ?? storedHelp(argv, width, process.env);
  if (quick === undefined) return parse(argv, given);
  given.stdout.write(quick);
  return 0;
}

/** main without its quick answers: every command line through yargs. */
export async function parse(argv: string[], given: Io): Promise<number> {
  const outcome: Outcome = { exitCode: 0 };
  // Commands read io.env when they run, after the middleware below has added the .env file's variables.
  const io: Io = { ...given };
  const fail = (message: string) => {
    io.stderr.write(`scimkit: ${message}\n`);
    return 2;
  };
  try {
    const { default: yargs } = await import('yargs');
    const cli = yargs();
    const refusal = (text: string) => new UsageError(`${withSuggestion(text, cli, argv)} (see scimkit --help)`);
    await cli
      .scriptName('scimkit')
      .usage(USAGE)
      .option('dotenv', dotenvOption)
      .middleware(async (args) => {
        // --version and --help are answered without running anything: a --dotenv beside them is not read.
        if (args.version || args.help) return;
        io.env = await withEnvFile(given.env, args.dotenv ?? DEFAULT_ENV_FILE, args.dotenv !== undefined);
      })
      .command(COMMANDS.map((entry) => lazyCommand(entry, io, outcome)))
      .demandCommand(1, `Name a command: ${COMMAND_NAMES.join(', ')}`)
      .strict()
      .help()
      .alias('help', 'h')
      .version(packageVersion())
      .wrap(helpWidth())
      .fail((message, error) => {
        if (error instanceof UsageError) throw error;
        // yargs reports a coerce's refusal as its own error, with the refusal's message.
        if (error && error.name !== 'YError') throw error;
        throw refusal(error?.message ?? message);
      })
      // A parse callback keeps yargs from printing or exiting by itself: --help goes to io.stdout like the rest.
      .parseAsync(argv, {}, (_error, _args, output) => {
        if (output) io.stdout.write(`${output}\n`);
      })
      // A coerce's refusal in a command (whose builder is async) rejects the parse instead of reaching .fail().
      .catch((error: unknown) => {
        throw error instanceof Error && error.name === 'YError' ? refusal(error.message) : error;
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
  const command = unknown && closest(unknown, COMMAND_NAMES);
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
