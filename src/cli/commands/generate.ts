import type { Argv } from 'yargs';
import { shardOption, tenantOption } from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './index.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('shard', shardOption)
    .option('out', { type: 'string', default: 'collections', describe: 'Output folder; files go to OUT/<name>/' })
    .example(
      '$0 generate --tenant tenants/acme.yaml',
      'Write collections/acme/acme.postman_collection.json and its environment',
    )
    .example('$0 generate --tenant tenants/examples --out build', 'Render every example profile into build/');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function generateCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { chosenTenants } = await import('../chosen-tenants.js');
      const { generatedFiles } = await import('../../examples/generate.js');
      const { writeFileAtomic } = await import('../../io/atomic.js');
      // Render every profile before writing anything: one bad profile leaves the output folder untouched.
      const rendered = [];
      for (const { tenant } of await chosenTenants(args, io.stderr)) {
        rendered.push({ tenant, files: await generatedFiles(tenant, args.out) });
      }
      for (const { tenant, files } of rendered) {
        for (const file of files) await writeFileAtomic(file.path, file.content);
        io.stdout.write(`${tenant.name}: wrote ${files.map((f) => f.path).join(' and ')}\n`);
      }
      outcome.exitCode = 0;
    },
  };
}
