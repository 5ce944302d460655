import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Io, Outcome } from '../output.js';

/** What a command's module gives: its options (and help) and what it does. */
export interface Command<Args> {
  builder(yargs: Argv): Argv<Args>;
  handler(args: ArgumentsCamelCase<Args>): Promise<void>;
}

/** A command's module's export: the command, made for the CLI's output and exit code. */
export type CommandOf = (io: Io, outcome: Outcome) => Command<unknown>;
