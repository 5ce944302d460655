import type { Argv } from 'yargs';
import {
  baseUrlOption,
  folderOption,
  readOnlyOption,
  runIdOption,
  runMode,
  setupOption,
  shardOption,
  tenantOption,
} from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('shard', shardOption)
    .option('base-url', baseUrlOption)
    .option('folder', folderOption)
    .option('setup', setupOption)
    .option('read-only', readOnlyOption)
    .option('run-id', runIdOption('Run id to show in the names of test data (default: <run-id>)'))
    .example('$0 plan --tenant tenants/acme.yaml', 'Show every request a run against acme would send')
    .example('$0 plan --tenant tenants/acme.yaml --read-only', 'Show what a read-only run sends')
    .epilogue('Nothing is sent and no secret is read beyond checking that it is set; credentials show as ********.');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function planCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { chosenTenants } = await import('../chosen-tenants.js');
      const { planTenant } = await import('../../run/plan.js');
      const { baseUrlOverride } = await import('../../tenant/validate.js');
      const tenants = await chosenTenants(args, io.stderr);
      for (const { file, tenant } of tenants) {
        const plan = await planTenant(tenant, {
          mode: runMode(args),
          folders: args.folder,
          baseUrl: args.baseUrl ? baseUrlOverride(tenant.target, args.baseUrl) : undefined,
          runId: args.runId,
          env: io.env,
          source: file,
        });
        io.stdout.write(plan);
      }
      outcome.exitCode = 0;
    },
  };
}
