import type { Argv } from 'yargs';
import { shardOption, tenantOption } from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('shard', shardOption)
    .example('$0 list --tenant tenants/examples/acme.yaml', 'Show the requests, in the order a run sends them');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function listCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { chosenTenants } = await import('../chosen-tenants.js');
      const { renderCollection } = await import('../../render/collection.js');
      for (const { tenant } of await chosenTenants(args, io.stderr)) {
        const collection = await renderCollection(tenant);
        io.stdout.write(`${tenant.name}: ${collection.info.name}\n`);
        for (const folder of collection.item) {
          for (const item of folder.item) {
            io.stdout.write(`  ${folder.name} | ${item.name} | ${item.request.method} ${item.request.url.raw}\n`);
          }
        }
      }
      outcome.exitCode = 0;
    },
  };
}
