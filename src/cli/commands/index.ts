import type { CommandModule } from 'yargs';
import type { Io, Outcome } from '../output.js';
import type { Command, CommandOf } from './command.js';

/**
 * Every command with the line `scimkit --help` shows for it. A command's module (its options, and through them
 * the targets) is imported only when the command line names it: `scimkit --help` and a run load no other.
 */
export const COMMANDS: readonly { name: string; describe: string; load(): Promise<CommandOf> }[] = [
  {
    name: 'init',
    describe: 'Write a tenant profile: asks for each value (or takes flags), checked as loading a profile checks it',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    name: 'generate',
    describe:
      'Render Postman collections (with example answers from the simulator) and environments for tenant profiles',
    load: async () => (await import('./generate.js')).generateCommand,
  },
  {
    name: 'run',
    describe: 'Render tenant collections in memory and run them with Newman',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    name: 'plan',
    describe: 'Print what a run would send, secrets masked, without sending anything',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'okta-token',
    describe: "Print a fresh bearer token for Okta's API Token field, from the profile's Okta client",
    load: async () => (await import('./okta-token.js')).oktaTokenCommand,
  },
  {
    name: 'sim',
    describe: "Serve a simulated tenant (Workspace ONE Access, or the --tenant profile's target) until interrupted",
    load: async () => (await import('./sim.js')).simCommand,
  },
  {
    name: 'list',
    describe: "Print every request a tenant's collection sends: folder, name, method, URL",
    load: async () => (await import('./list.js')).listCommand,
  },
  {
    name: 'cleanup',
    describe: 'Delete what an earlier run left on the tenant, from its record',
    load: async () => (await import('./cleanup.js')).cleanupCommand,
  },
];

export const COMMAND_NAMES = COMMANDS.map((command) => command.name);

/** The yargs command, its module loaded by the builder: yargs calls that only for the command it runs. */
export function lazyCommand(entry: (typeof COMMANDS)[number], io: Io, outcome: Outcome): CommandModule {
  let command: Command<unknown> | undefined;
  return {
    command: entry.name,
    describe: entry.describe,
    builder: async (yargs) => {
      command = (await entry.load())(io, outcome);
      // --version is the top level's: a command's help does not list it, and a command refuses it.
      return command.builder(yargs.version(false));
    },
    handler: (args) => command!.handler(args),
  };
}
