import type { Argv } from 'yargs';
import {
  gradingProfileOption,
  runIdOption,
  stateDirOption,
  timeoutCleanupOption,
  timeoutRequestOption,
} from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', { type: 'string', demandOption: true, describe: 'The tenant profile of the run' })
    .option('run-id', { ...runIdOption('The run whose leftovers to delete'), demandOption: true })
    .option('base-url', { type: 'string', describe: 'Tenant URL (default: the one the run used)' })
    .option('state-dir', stateDirOption)
    .option('profile', gradingProfileOption)
    .option('timeout-cleanup', timeoutCleanupOption)
    .option('timeout-request', timeoutRequestOption)
    .example(
      '$0 cleanup --tenant tenants/acme.yaml --run-id 1f0c9a2e',
      'Delete what run 1f0c9a2e created and could not delete, or lost track of when it was killed',
    )
    .epilogue(
      'Only what the run recorded is touched: the ids it kept, and the run-scoped names of creates whose answer ' +
        'never came. Exit codes: 0 all removed, 1 some remain, 2 usage or network error.',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function cleanupCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { loadTenant } = await import('../../tenant/load.js');
      const { cleanUpTenant } = await import('../../run/run-tenant.js');
      const { stopCause } = await import('../../report/summary.js');
      const tenant = await loadTenant(args.tenant);
      const result = await cleanUpTenant(tenant, {
        source: args.tenant,
        runId: args.runId,
        baseUrl: args.baseUrl,
        stateDir: args.stateDir,
        gradingProfile: args.profile,
        limits: { cleanUpTimeoutMs: args.timeoutCleanup, timeoutRequestMs: args.timeoutRequest },
        report: { out: io.stdout },
        env: io.env,
      });
      if (result.exitCode === 2) io.stderr.write(`scimkit: ${tenant.name}: ${stopCause(result.totals)}\n`);
      else if (!result.totals.leftovers)
        io.stdout.write(`Run ${args.runId}: everything it created is deleted, and its record is removed.\n`);
      outcome.exitCode = result.exitCode;
    },
  };
}
