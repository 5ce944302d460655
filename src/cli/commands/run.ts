import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { defectsFor, janssenDefects, parseDefects, ws1AccessDefects } from '../../sim/defects.js';
import type { Tenant } from '../../tenant/types.js';
import { REPORTER_NAMES, type ReporterName } from '../../report/types.js';
import {
  baseUrlOption,
  folderOption,
  readOnlyOption,
  runMode,
  setupOption,
  stateDirOption,
  tenantOption,
} from '../options.js';
import type { Io, Outcome } from '../output.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('sim', {
      type: 'boolean',
      default: false,
      describe: 'Start the embedded tenant simulator and run against it',
    })
    .option('sim-defect', {
      type: 'string',
      array: true,
      default: [],
      describe:
        'Break the simulator on purpose, to see the checks fail. Workspace ONE Access: ' +
        `${Object.keys(ws1AccessDefects).join(', ')}. Janssen: ${Object.keys(janssenDefects).join(', ')}`,
    })
    .option('base-url', baseUrlOption)
    .option('folder', folderOption)
    .option('reporters', { type: 'string', default: 'cli', describe: 'Comma-separated: cli, junit, json, html' })
    .option('report-dir', { type: 'string', default: 'reports', describe: 'Where junit, json and html reports go' })
    .option('state-dir', stateDirOption)
    .option('run-id', { type: 'string', describe: 'Run id to name test data with (default: random)' })
    .option('setup', setupOption)
    .option('read-only', readOnlyOption)
    .option('bail', {
      type: 'boolean',
      default: false,
      describe: 'Stop at the first failed check (clean-up still runs)',
    })
    .option('timeout', {
      type: 'number',
      default: 0,
      describe: 'Milliseconds the whole run may take, and its clean-up again (0: no limit)',
    })
    .option('timeout-request', { type: 'number', default: 30000, describe: 'Milliseconds to wait for each answer' })
    .example('$0 run --tenant tenants/examples --sim', 'Run every example tenant against the embedded simulator')
    .example(
      'ACME_ADMIN_SECRET=... $0 run --tenant tenants/acme.yaml --reporters cli,junit',
      'Run against the real tenant, with a JUnit report for CI',
    )
    .example('$0 run --tenant tenants/acme.yaml --sim --sim-defect ignore-domain', 'See the domain checks fail')
    .example('$0 run --tenant tenants/acme.yaml --read-only', 'Check the existing set-up without changing anything')
    .epilogue(
      'By default a run verifies the tenant with a client, directory, users and groups of its own, named with the ' +
        "profile's prefix and the run id, and deletes them at the end; it never changes what existed before.\n" +
        'Exit codes: 0 every check passed, 1 a check failed, 2 usage, configuration or network error.',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function runCommand(io: Io, outcome: Outcome): CommandModule<object, Args> {
  return {
    command: 'run',
    describe: 'Render tenant collections in memory and run them with Newman',
    builder,
    handler: async (args) => {
      const reporters = args.reporters
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const unknown = reporters.find((name) => !(REPORTER_NAMES as readonly string[]).includes(name));
      if (unknown)
        throw new UsageError(
          `--reporters: unknown reporter "${unknown}"; use a comma-separated list of: ${REPORTER_NAMES.join(', ')}`,
        );
      const defects = parseDefects(args.simDefect, '--sim-defect');
      if (defects.length && !args.sim) throw new UsageError('--sim-defect needs --sim');
      if (args.sim && args.baseUrl)
        throw new UsageError('--sim and --base-url exclude each other: --sim runs against the embedded simulator');

      const { loadTenants } = await import('../../tenant/load.js');
      const { runTenant } = await import('../../run/run-tenant.js');
      // Every profile is checked before the first request is sent.
      const tenants = await loadTenants(args.tenant);
      // A defect breaks the simulators of the profiles whose target has it; one that breaks none is a mistake.
      const appliesTo = (target: Tenant['target']) => (defect: string) => Object.hasOwn(defectsFor(target), defect);
      const stray = defects.find((defect) => !tenants.some(({ tenant }) => appliesTo(tenant.target)(defect)));
      if (stray) throw new UsageError(`--sim-defect: ${stray} breaks the simulator of none of the profiles given`);
      // Ctrl-C stops the run and lets its clean-up delete what it created; a second Ctrl-C quits at once.
      const interrupted = new AbortController();
      const onSignal = () => {
        if (!interrupted.signal.aborted) {
          io.stderr.write('scimkit: interrupted: stopping the run and cleaning up (Ctrl-C again to quit now)\n');
          interrupted.abort();
        } else {
          io.stderr.write('scimkit: quit before clean-up finished: what the run created may remain\n');
          process.exit(2);
        }
      };
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
      let exitCode = 0;
      try {
        for (const { file, tenant } of tenants) {
          if (interrupted.signal.aborted) break;
          const result = await runTenant(tenant, {
            source: file,
            sim: args.sim,
            simDefects: defects.filter(appliesTo(tenant.target)),
            baseUrl: args.baseUrl,
            folders: args.folder,
            mode: runMode(args),
            reporters: reporters as ReporterName[],
            reportDir: args.reportDir,
            out: io.stdout,
            env: io.env,
            runId: args.runId,
            stateDir: args.stateDir,
            bail: args.bail,
            signal: interrupted.signal,
            timeoutMs: args.timeout,
            timeoutRequestMs: args.timeoutRequest,
          });
          exitCode = Math.max(exitCode, result.exitCode);
        }
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
      if (interrupted.signal.aborted) exitCode = 2;
      outcome.exitCode = exitCode;
    },
  };
}
