import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { questionsOf, TARGET_IDS, targets } from '../../targets/index.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

/** Every question's flag over all targets, described with the targets whose profiles ask it. */
function questionFlags(): Map<string, string> {
  const asking = new Map<string, { ask: string; labels: string[] }>();
  for (const id of TARGET_IDS) {
    for (const { flag, ask } of questionsOf(id)) {
      const entry = asking.get(flag) ?? { ask, labels: [] };
      asking.set(flag, { ...entry, labels: [...entry.labels, targets[id].label] });
    }
  }
  return new Map(
    [...asking].map(([flag, { ask, labels }]) => [
      flag,
      labels.length === TARGET_IDS.length ? ask : `${ask} (${labels.join(', ')})`,
    ]),
  );
}

function builder(yargs: Argv) {
  const flags = questionFlags();
  let parser = yargs
    .option('target', {
      type: 'string',
      describe: `The target: ${TARGET_IDS.map((id) => `${id} (${targets[id].label})`).join(', ')}`,
    })
    .option('out', { type: 'string', describe: 'Where to write the profile (default: tenants/<name>.yaml)' })
    .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file the profile goes to' });
  for (const [flag, describe] of flags) parser = parser.option(flag, { type: 'string', describe });
  return parser
    .group(['target', ...flags.keys()], 'Answers (each one a question asked when not given):')
    .example('$0 init', 'Ask for each value of a new profile, checking each answer, and write tenants/<name>.yaml')
    .example(
      '$0 init --target ws1-access --name acme --url https://acme.vmwareidentity.com --directory-name "Okta Users" --directory-domain okta.acme.com --admin-client-id scimkit-admin',
      'Write tenants/acme.yaml without asking (defaults for the rest)',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function initCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { answerQuestions } = await import('../../tenant/init/wizard.js');
      const { profileText, secretVariables } = await import('../../tenant/init/profile-file.js');
      const { writeFileAtomic } = await import('../../io/atomic.js');
      const exists = (file: string, fix: string) =>
        new UsageError(`${file} exists; give --force to overwrite it, or ${fix}`);
      if (args.out !== undefined && !args.force && existsSync(args.out)) throw exists(args.out, 'another --out');
      const given: Record<string, string | boolean | undefined> = {};
      for (const flag of ['target', ...questionFlags().keys()]) given[flag] = once(args, flag);
      const stdin = io.stdin?.();
      const terminal =
        stdin?.isTTY && io.stdout.isTTY ? (await import('../terminal.js')).openTerminal(stdin, io.stdout) : undefined;
      const answers = await answerQuestions({
        flags: given,
        terminal,
        // Checked as soon as the name is known, so that nobody answers every question to be refused at the end.
        alsoCheck: (field, value) => {
          if (field === 'name' && args.out === undefined && !args.force && existsSync(profilePath(value)))
            throw exists(profilePath(value), 'another name or --out');
        },
      }).finally(() => terminal?.close());
      const file = args.out ?? profilePath(answers.values.get('name'));
      const text = profileText(answers, file);
      await writeFileAtomic(file, text, { overwrite: args.force }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EEXIST' ? exists(file, 'another --out') : error;
      });
      const variables = secretVariables(answers);
      const secrets = variables.length
        ? `put the secrets in ${variables.join(', ')} (the profile names them), then `
        : '';
      io.stdout.write(`wrote ${file}\nnext: ${secrets}scimkit plan --tenant ${file}\n`);
      outcome.exitCode = 0;
    },
  };
}

function profilePath(name: unknown): string {
  return path.join('tenants', `${String(name)}.yaml`);
}

/** A flag's value; given twice, it would be a list, and which one is meant is unclear. */
function once(args: Record<string, unknown>, flag: string): string | boolean | undefined {
  const value = args[flag];
  if (Array.isArray(value)) throw new UsageError(`--${flag}: given ${value.length} times; give it once`);
  return value as string | boolean | undefined;
}
