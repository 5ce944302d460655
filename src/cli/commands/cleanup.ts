import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { stateDirOption } from '../options.js';
import type { Io, Outcome } from '../output.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', { type: 'string', demandOption: true, describe: 'The tenant profile of the run' })
    .option('run-id', { type: 'string', demandOption: true, describe: 'The run whose leftovers to delete' })
    .option('base-url', { type: 'string', describe: 'Tenant URL (default: the one the run used)' })
    .option('state-dir', stateDirOption)
    .example(
      '$0 cleanup --tenant tenants/acme.yaml --run-id 1f0c9a2e',
      'Delete what run 1f0c9a2e created and could not delete',
    )
    .epilogue(
      'Only ids the run recorded are touched. Exit codes: 0 all removed, 1 some remain, 2 usage or network error.',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function cleanupCommand(io: Io, outcome: Outcome): CommandModule<object, Args> {
  return {
    command: 'cleanup',
    describe: 'Retry the clean-up of an earlier run, from the ids it recorded',
    builder,
    handler: async (args) => {
      const { loadTenant } = await import('../../tenant/load.js');
      const { runTenant } = await import('../../run/run-tenant.js');
      const { ledgerPath, loadLedger } = await import('../../run/ledger.js');
      const tenant = await loadTenant(args.tenant);
      const ledger = await loadLedger(ledgerPath(args.stateDir, tenant.name, args.runId), args.runId);
      if (ledger.tenant !== tenant.name)
        throw new UsageError(`--tenant: run ${args.runId} belongs to tenant ${ledger.tenant}`);
      const result = await runTenant(tenant, {
        source: args.tenant,
        cleanUpOnly: ledger.variables,
        runId: args.runId,
        baseUrl: args.baseUrl ?? ledger.baseUrl,
        stateDir: args.stateDir,
        out: io.stdout,
        env: io.env,
      });
      outcome.exitCode = result.exitCode;
    },
  };
}
