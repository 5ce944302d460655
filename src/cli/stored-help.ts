import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import { COMMAND_NAMES } from './commands/index.js';
import { speaksEnglish } from './top-level.js';

/**
 * Each command's `--help` as yargs writes it, stored by the build (build-help.ts) in dist/help.json, so that
 * `scimkit <command> --help` is answered without importing yargs (which costs more than starting Node). The store
 * holds yargs' English text at the width of a pipe, a file or a wide terminal and at 80 columns, and for each
 * command a digest of the compiled modules its help was made from and of yargs' version. Any other width or
 * language, a missing store or one made from other modules (compiled since, or another yargs) leaves the help to
 * yargs: never a stale one.
 */

/**
 * The widths the store is laid out in: helpWidth() without a terminal or in one at least that wide (110), and in a
 * terminal of the classic 80 columns.
 */
export const STORED_WIDTHS = [80, 110] as const;

export const storePath = path.join(packageRoot, 'dist', 'help.json');

/** Where the modules a digest covers are, named relative to it with forward slashes. */
export const compiledDir = path.join(packageRoot, 'dist', 'src');

export interface StoredHelp {
  /** What yargs wrote on stdout, byte for byte, at each of STORED_WIDTHS. */
  texts: Record<string, string>;
  /** The compiled modules the help is made from: its command's and the top level's, and what they import. */
  modules: string[];
  digest: string;
}

export type HelpStore = Record<string, StoredHelp>;

/** `scimkit <command> --help` (or `-h`) from the store; undefined for any other command line, or a store unfit. */
export function storedHelp(argv: readonly string[], width: number, env: NodeJS.ProcessEnv): string | undefined {
  const [command, flag] = argv;
  if (argv.length !== 2 || (flag !== '--help' && flag !== '-h') || !COMMAND_NAMES.includes(command!)) return undefined;
  if (!(STORED_WIDTHS as readonly number[]).includes(width) || !speaksEnglish(env)) return undefined;
  try {
    const entry = (JSON.parse(readFileSync(storePath, 'utf8')) as HelpStore)[command!];
    const text = entry?.texts[String(width)];
    return text !== undefined && modulesDigest(entry!.modules) === entry!.digest ? text : undefined;
  } catch {
    // No store, or a module it names gone: yargs answers, and reports what it finds wrong itself.
    return undefined;
  }
}

/** The digest of these compiled modules' names and contents, and of the yargs that lays the help out. */
export function modulesDigest(modules: readonly string[]): string {
  const yargs = createRequire(import.meta.url)('yargs/package.json') as { version: string };
  const hash = createHash('sha256').update(`yargs ${yargs.version}\0`);
  for (const module of modules)
    hash
      .update(`${module}\0`)
      .update(readFileSync(path.join(compiledDir, module)))
      .update('\0');
  return hash.digest('hex');
}
