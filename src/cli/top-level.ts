import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import { COMMANDS } from './commands/index.js';
import { DEFAULT_ENV_FILE } from './env-file.js';

/**
 * What the top level says: its usage, its global options, and `scimkit --help` and `--version` answered without
 * yargs. Importing yargs costs more than starting Node; a command line that names a command, an option or a
 * mistake goes through yargs as ever.
 */

export const USAGE =
  'scimkit <command> [options]\n\nSet up and verify SCIM provisioning with tenant-specific Postman collections.';

// Not --env-file: Node 20 takes that flag for itself, wherever it stands on the command line.
export const dotenvOption = {
  type: 'string',
  global: true,
  describe: `Read secrets from this file too (default: ${DEFAULT_ENV_FILE} when present); set variables win`,
} as const;

/** The width help is laid out in: the terminal's, at most 110 columns. */
export function helpWidth(): number {
  return Math.min(110, process.stdout.columns ?? 110);
}

export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return version;
}

/**
 * The answer to `scimkit --version` or `scimkit --help` alone, as yargs gives it; undefined for any other command
 * line, and for a help this layout does not reproduce exactly (a narrow terminal, another locale's words).
 */
export function quickAnswer(argv: readonly string[], width: number, env: NodeJS.ProcessEnv): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version') return `${packageVersion()}\n`;
  if (argv[0] === '--help' || argv[0] === '-h') {
    const help = topLevelHelp(width, env);
    return help === undefined ? undefined : `${help}\n`;
  }
  return undefined;
}

/** Whether yargs writes its help in English here: it follows LC_ALL, LC_MESSAGES, LANG, LANGUAGE, in that order. */
export function speaksEnglish(env: NodeJS.ProcessEnv): boolean {
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US').replace(/[.:].*/, '');
  return /^(en(_.*)?|C|POSIX)$/.test(locale);
}

/**
 * yargs' (and cliui's) layout of the top-level help, for its plain ASCII text: columns padded, descriptions
 * wrapped at spaces, an option's type put at the right end of its last line when it fits there. Undefined where
 * yargs would do more than that (a word wider than its column) or speak another language.
 */
export function topLevelHelp(width: number, env: NodeJS.ProcessEnv): string | undefined {
  if (!speaksEnglish(env) || width < 20) return undefined;
  const lines: string[] = [];
  for (const line of USAGE.split('\n')) {
    const wrapped = wrap(line, width);
    if (!wrapped) return undefined;
    lines.push(...wrapped);
  }
  lines.push('', 'Commands:');
  const names = COMMANDS.map(({ name }) => `scimkit ${name}`);
  const nameWidth = Math.min(Math.max(...names.map((name) => name.length)), Math.floor(width / 2)) + 4;
  for (const [i, { describe }] of COMMANDS.entries()) {
    const row = columns(names[i]!, 2, nameWidth, describe, width);
    if (!row) return undefined;
    lines.push(...row);
  }
  lines.push('', 'Options:');
  const options = [
    { flag: '--dotenv', indent: 4, describe: dotenvOption.describe, type: '[string]' },
    { flag: '-h, --help', indent: 0, describe: 'Show help', type: '[boolean]' },
    { flag: '--version', indent: 4, describe: 'Show version number', type: '[boolean]' },
  ];
  const flagWidth = Math.min(Math.max(...options.map((o) => o.flag.length + o.indent)), Math.floor(width / 2)) + 4;
  for (const { flag, indent, describe, type } of options) {
    const row = columns(flag, 2 + indent, flagWidth, describe, width);
    if (!row || type.length > width - 2) return undefined;
    // The type goes where its right-aligned column starts, on the last line if that line ends before it.
    const last = row.at(-1)!;
    if (last.length <= width - type.length)
      row[row.length - 1] = last + ' '.repeat(width - type.length - last.length) + type;
    else row.push(' '.repeat(width - type.length) + type);
    lines.push(...row);
  }
  return lines.join('\n');
}

/** A left column (padded left by `indent`, 2 on its right, `leftWidth` in all) and the wrapped text beside it. */
function columns(left: string, indent: number, leftWidth: number, text: string, width: number): string[] | undefined {
  const inner = leftWidth - indent - 2;
  const wrapped = wrap(text, width - leftWidth);
  if (left.length > inner || !wrapped) return undefined;
  return wrapped.map((line, i) => `${' '.repeat(indent)}${(i ? '' : left).padEnd(inner)}  ${line}`.replace(/ +$/, ''));
}

/** Words filled into lines of `width`; undefined when a word is wider (yargs breaks it). */
function wrap(text: string, width: number): string[] | undefined {
  const lines = [''];
  for (const word of text.split(' ').filter(Boolean)) {
    if (word.length > width) return undefined;
    const line = lines.at(-1)!;
    if (!line) lines[lines.length - 1] = word;
    else if (line.length + 1 + word.length <= width) lines[lines.length - 1] = `${line} ${word}`;
    else lines.push(word);
  }
  return lines;
}
