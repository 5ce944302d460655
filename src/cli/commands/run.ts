import type { Argv } from 'yargs';
import { shown, UsageError } from '../../errors.js';
import { defectsHelp, parseDefects } from '../../targets/index.js';
import { REPORTER_NAMES, type ReporterName } from '../../report/types.js';
import {
  baseUrlOption,
  concurrencyOption,
  folderOption,
  gradingProfileOption,
  maxAnswerBytesOption,
  readOnlyOption,
  runIdOption,
  runMode,
  setupOption,
  shardOption,
  stateDirOption,
  tenantOption,
  timeoutCleanupOption,
  timeoutRequestOption,
  workerHeapOption,
} from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('shard', shardOption)
    .option('concurrency', concurrencyOption)
    .option('worker-heap', workerHeapOption)
    .option('sim', {
      type: 'boolean',
      default: false,
      describe: 'Start the embedded tenant simulator and run against it',
    })
    .option('sim-defect', {
      type: 'string',
      array: true,
      default: [],
      describe: `Break the simulator on purpose, to see the checks fail. ${defectsHelp()}`,
    })
    .option('base-url', baseUrlOption)
    .option('folder', folderOption)
    .option('profile', gradingProfileOption)
    .option('reporters', {
      type: 'string',
      alias: ['r', 'reporter'],
      default: 'cli',
      describe: 'Comma-separated: cli, junit, json, html',
      // Given twice (-r cli -r junit), as Newman users do: one list.
      coerce: (given: string | string[]) => [given].flat().join(','),
    })
    .option('report-dir', { type: 'string', default: 'reports', describe: 'Where junit, json and html reports go' })
    .option('quiet', {
      type: 'boolean',
      alias: ['q', 'silent'],
      default: false,
      describe:
        'Print nothing on stdout, not even the summary the run prints without the cli reporter; reports are ' +
        'still written, and stderr still says why a run stopped and what it left',
    })
    .option('users', {
      type: 'number',
      describe:
        "Bulk provisioning: the lifecycle of N users named after the run, as Okta's initial assignment does (look " +
        'up, create, verify, update, deactivate, delete), with throughput and latency percentiles; not Newman',
    })
    .option('data', {
      type: 'string',
      describe: 'Bulk provisioning of the users of a CSV file (columns userName, givenName, familyName, email)',
    })
    .option('state-dir', stateDirOption)
    .option('run-id', runIdOption('Run id to name test data with (default: random)'))
    .option('setup', setupOption)
    .option('read-only', readOnlyOption)
    .option('reveal-to', {
      type: 'string',
      describe:
        "With --setup: write the Okta client's secret and the API token to this new file (0600, dotenv form), " +
        'for --dotenv and for pasting into Okta',
    })
    .option('bail', {
      type: 'boolean',
      default: false,
      describe: 'Stop at the first failed check that fails the run under --profile (clean-up still runs)',
    })
    .option('timeout', {
      type: 'number',
      default: 0,
      describe: 'Milliseconds the run may take before it stops and cleans up (0: no limit)',
    })
    .option('timeout-cleanup', timeoutCleanupOption)
    .option('timeout-request', timeoutRequestOption)
    .option('max-answer-bytes', maxAnswerBytesOption)
    .example('$0 run --tenant tenants/examples --sim', 'Run every example tenant against the embedded simulator')
    .example(
      'ACME_ADMIN_SECRET=... $0 run --tenant tenants/acme.yaml --reporters cli,junit',
      'Run against the real tenant, with a JUnit report for CI',
    )
    .example(
      '$0 run --tenant tenants/acme.yaml --reporters junit --quiet',
      'Only the JUnit report (without --quiet, the summary is still printed)',
    )
    .example('$0 run --tenant tenants/acme.yaml --sim --sim-defect ignore-domain', 'See the domain checks fail')
    .example(
      '$0 run --tenant tenants --concurrency 4 --shard 2/3 --reporters junit',
      'The second of three CI jobs over a fleet: its share of tenants, four at once',
    )
    .example(
      '$0 run --tenant tenants/examples/scim2.yaml --sim --profile okta',
      'Fail only on what Okta depends on; the other failures are warnings',
    )
    .example(
      '$0 run --tenant tenants/acme.yaml --users 10000',
      'A capacity check: 10,000 users provisioned and deleted',
    )
    .example('$0 run --tenant tenants/acme.yaml --read-only', 'Check the existing set-up without changing anything')
    .example(
      '$0 run --tenant tenants/acme.yaml --setup --reveal-to okta.env',
      "Do the documents' set-up; okta.env gets the Okta client's secret and the API token for Okta",
    )
    .epilogue(
      'By default a run verifies the tenant with a client, directory, users and groups of its own, named with the ' +
        "profile's prefix and the run id, and deletes them at the end; it never changes what existed before.\n" +
        'Exit codes: 0 every check passed (warnings aside), 1 a check failed that fails the run under --profile, 2 ' +
        'usage, configuration or network error.',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

/** --users or --data, checked against what a bulk run does not do; undefined for a normal run. */
function bulkSource(args: Args): { users: number } | { data: string } | undefined {
  if (args.users === undefined && args.data === undefined) return undefined;
  if (args.users !== undefined && args.data !== undefined)
    throw new UsageError('--users and --data exclude each other: give one');
  if (args.users !== undefined && (!Number.isInteger(args.users) || args.users < 1)) {
    throw new UsageError('--users: give the number of users, a whole number of 1 or more');
  }
  const excluded = [
    ['--folder', args.folder?.length],
    ['--setup', args.setup],
    ['--read-only', args['read-only']],
    ['--reveal-to', args['reveal-to'] !== undefined],
    ['--bail', args.bail],
    ['--concurrency', args.concurrency > 1],
    // Every bulk check is one Okta's assignment depends on: graded alike under every profile.
    ['--profile', args.profile !== 'strict'],
  ] as const;
  const given = excluded.find(([, value]) => value);
  if (given) throw new UsageError(`${given[0]} does not apply to a bulk run (--users, --data): leave it out`);
  return args.users !== undefined ? { users: args.users } : { data: args.data! };
}

export function runCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const reporters = args.reporters
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const unknown = reporters.find((name) => !(REPORTER_NAMES as readonly string[]).includes(name));
      if (unknown)
        throw new UsageError(
          `--reporters: unknown reporter ${shown(unknown)}; use a comma-separated list of: ${REPORTER_NAMES.join(', ')}`,
        );
      const defects = parseDefects(args.simDefect, '--sim-defect');
      if (defects.length && !args.sim) throw new UsageError('--sim-defect needs --sim');
      if (args.sim && args.baseUrl)
        throw new UsageError('--sim and --base-url exclude each other: --sim runs against the embedded simulator');
      if (args.revealTo !== undefined && !args.setup) {
        throw new UsageError(
          '--reveal-to needs --setup: a verification run deletes its client, a read-only run creates none (scimkit okta-token prints a token)',
        );
      }

      const bulk = bulkSource(args);

      const { chosenTenants } = await import('../chosen-tenants.js');
      const { checkRevealTo } = await import('../../handover/index.js');
      // Every profile is checked before the first request is sent.
      const tenants = await chosenTenants(args, io.stderr);
      if (args.revealTo !== undefined) checkRevealTo(tenants.map((t) => t.tenant));
      if (bulk) {
        if (tenants.length !== 1) throw new UsageError('--users and --data take one --tenant file, not a folder');
        const { runBulkTenant } = await import('../../run/bulk/run-bulk-tenant.js');
        outcome.exitCode = await runBulkTenant({
          ...tenants[0]!,
          stdout: io.stdout,
          stderr: io.stderr,
          options: {
            bulk,
            sim: args.sim,
            simDefects: defects,
            baseUrl: args.baseUrl,
            report: { reporters: reporters as ReporterName[], dir: args.reportDir, quiet: args.quiet },
            env: io.env,
            runId: args.runId,
            stateDir: args.stateDir,
            limits: {
              timeoutMs: args.timeout,
              cleanUpTimeoutMs: args.timeoutCleanup,
              timeoutRequestMs: args.timeoutRequest,
              maxAnswerBytes: args.maxAnswerBytes,
            },
          },
        });
        return;
      }
      const run = {
        tenants,
        out: io.stdout,
        stderr: io.stderr,
        options: {
          sim: args.sim,
          simDefects: defects,
          baseUrl: args.baseUrl,
          folders: args.folder,
          mode: runMode(args),
          gradingProfile: args.profile,
          report: { reporters: reporters as ReporterName[], dir: args.reportDir, quiet: args.quiet },
          env: io.env,
          runId: args.runId,
          stateDir: args.stateDir,
          limits: {
            bail: args.bail,
            timeoutMs: args.timeout,
            cleanUpTimeoutMs: args.timeoutCleanup,
            timeoutRequestMs: args.timeoutRequest,
            maxAnswerBytes: args.maxAnswerBytes,
          },
          ...(args.revealTo !== undefined ? { revealTo: args.revealTo } : {}),
        },
      };
      // Worker processes only when there is more than one tenant to share among them.
      const { exitCode } =
        args.concurrency > 1 && tenants.length > 1
          ? await (
              await import('../../run/fleet/run-fleet.js')
            ).runFleet({ ...run, concurrency: args.concurrency, workerHeapMiB: args.workerHeap })
          : await (await import('../../run/run-tenants.js')).runTenants(run);
      outcome.exitCode = exitCode;
    },
  };
}
