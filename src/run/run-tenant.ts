import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { oneLine } from '../errors.js';
import { environmentValues } from '../render/environment.js';
import { createReporters } from '../report/create.js';
import { Redactor } from '../report/redact.js';
import type { ReporterName, RunMode, RunTotals } from '../report/types.js';
import type { SimulatorDefect } from '../sim/defects.js';
import type { AnySimulator, Ws1AccessSimulatorOptions } from '../sim/server.js';
import { normalizeBaseUrl } from '../tenant/base-url.js';
import type { Tenant } from '../tenant/types.js';
import { ResultCollector } from './collect.js';
import { KillSwitch } from './kill-switch.js';
import {
  DEFAULT_STATE_DIR,
  describeLeftovers,
  leftovers,
  ledgerPath,
  removeLedger,
  saveLedger,
  type Leftovers,
} from './ledger.js';
import { runPass, type PassOptions } from './newman-pass.js';
import { prepareRun, withOverrides, type PreparedRun } from './prepare.js';
import { resolveSecrets } from './secrets.js';

export interface RunOptions {
  /**
   * verify (default): the client and directory the run creates are named after the run and deleted afterwards;
   * setup: the profile's client and directory are created when missing, and kept;
   * read-only: only requests that change nothing are sent, against the profile's set-up.
   */
  mode?: RunMode;
  /** Start the embedded simulator for this run and point the run at it. */
  sim?: boolean;
  simDefects?: SimulatorDefect[];
  simOptions?: Ws1AccessSimulatorOptions['ws1Access'];
  /** Overrides the profile's baseUrl. */
  baseUrl?: string;
  folders?: string[];
  reporters?: ReporterName[];
  reportDir?: string;
  /** Where the cli reporter writes. */
  out?: Writable;
  /** Where secrets are read from. */
  env?: NodeJS.ProcessEnv;
  runId?: string;
  /** Stop at the first failed check; clean-up still runs. */
  bail?: boolean;
  /** Aborting it (Ctrl-C) stops the run; clean-up still runs. */
  signal?: AbortSignal;
  timeoutRequestMs?: number;
  /** For the whole run, and again for its clean-up; 0 for none. */
  timeoutMs?: number;
  /** Where the profile came from, for messages. */
  source?: string;
  /** Where the ledger of a run that could not clean up is kept (default .scimkit/runs). */
  stateDir?: string;
  /** Only clean up: seed the clean-up with these leftovers of an earlier run (scimkit cleanup). */
  cleanUpOnly?: Leftovers;
}

export interface TenantRunResult {
  tenant: string;
  /** 0 every check passed, 1 a check failed, 2 the run could not be carried out (network, config). */
  exitCode: 0 | 1 | 2;
  totals: RunTotals;
}

/** Renders a tenant's collection in memory and runs it with Newman, streaming results to the reporters. */
export async function runTenant(tenant: Tenant, options: RunOptions = {}): Promise<TenantRunResult> {
  const source = options.source ?? tenant.name;
  const mode = options.mode ?? 'verify';
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const prepared = await prepareRun(tenant, { mode, runId, folders: options.folders });
  const baseUrlOverride = options.baseUrl ? normalizeBaseUrl(options.baseUrl, '--base-url') : undefined;
  const values = resolveSecrets(environmentValues(tenant), options.env ?? process.env, {
    source,
    generateMissing: Boolean(options.sim),
  });
  const secret = (key: string) => values.find((v) => v.key === key)?.value ?? '';
  const redactor = new Redactor(values.filter((v) => v.type === 'secret').map((v) => v.value));

  const reporters = await createReporters(options.reporters ?? ['cli'], tenant.name, {
    dir: options.reportDir ?? 'reports',
    out: options.out,
  });
  let simulator: AnySimulator | undefined;
  try {
    if (options.sim) {
      const { startSimulator } = await import('../sim/server.js');
      const { simulatorFor } = await import('../sim/tenant-set-up.js');
      simulator = await startSimulator(
        simulatorFor(tenant, secret, { defects: options.simDefects, ws1Access: options.simOptions }),
      );
    }
    const baseUrl = simulator?.url ?? baseUrlOverride ?? tenant.baseUrl;
    const environment = withOverrides(values, { ...prepared.overrides, baseUrl });
    const info = { profile: source, tenant: tenant.name, target: tenant.target, baseUrl, runId, mode };
    const { skippedFolders, skippedRequests } = prepared;
    for (const reporter of reporters) {
      reporter.start(mode === 'read-only' ? { ...info, skippedFolders, skippedRequests } : info);
    }
    const collector = new ResultCollector(reporters, redactor);
    const left = await runWithCleanUp(tenant.target, prepared, environment, collector, options);
    await keepLedger(tenant, runId, baseUrl, left, collector, options);
    const totals = collector.totals();
    for (const reporter of reporters) await reporter.end(totals);
    return { tenant: tenant.name, exitCode: exitCode(totals), totals };
  } catch (error) {
    await Promise.all(reporters.map((r) => r.abort?.()));
    throw error;
  } finally {
    await simulator?.close();
  }
}

/**
 * The selected folders, then the clean-up folder in a Newman pass of its own, seeded with the ledger the first
 * pass left. Clean-up therefore runs whatever ended the first pass: failed checks, --bail, a request without
 * an answer, the overall timeout, Ctrl-C.
 */
async function runWithCleanUp(
  target: Tenant['target'],
  { collection, folders }: PreparedRun,
  environment: PassOptions['environment'],
  collector: ResultCollector,
  options: RunOptions,
): Promise<Record<string, string>> {
  const settings = { timeoutMs: options.timeoutMs ?? 0, timeoutRequestMs: options.timeoutRequestMs ?? 30_000 };
  const mainSwitch = new KillSwitch();
  const interrupt = () => mainSwitch.stop('the run was interrupted');
  options.signal?.addEventListener('abort', interrupt, { once: true });
  if (options.signal?.aborted) interrupt();
  const main =
    folders.main.length && !options.cleanUpOnly
      ? await runPass(
          {
            collection,
            environment,
            folders: folders.main,
            bail: Boolean(options.bail),
            killSwitch: mainSwitch,
            ...settings,
          },
          collector,
        )
      : { variables: options.cleanUpOnly ?? {}, error: undefined };
  options.signal?.removeEventListener('abort', interrupt);
  // --bail ends the pass with the failed check's error: that failure is already reported, and is no run error.
  const bailed = options.bail && /^Assertion/.test(main.error?.name ?? '');
  if (main.error && !bailed) collector.recordError(whyStopped(main.error, mainSwitch, settings.timeoutMs));
  // Nothing recorded, nothing to delete: no clean-up pass, and no token fetched for it from a tenant that may be down.
  if (!folders.cleanUp || !leftovers(target, main.variables)) return main.variables;

  const seeded = {
    ...collection,
    variable: collection.variable.map((v) => ({ ...v, value: main.variables[v.key] ?? v.value })),
  };
  const cleanUpSwitch = new KillSwitch();
  const cleanUp = await runPass(
    {
      collection: seeded,
      environment,
      folders: [folders.cleanUp],
      bail: false,
      killSwitch: cleanUpSwitch,
      ...settings,
    },
    collector,
  );
  if (cleanUp.error) collector.recordError(`clean-up: ${whyStopped(cleanUp.error, cleanUpSwitch, settings.timeoutMs)}`);
  return cleanUp.variables;
}

/**
 * Keeps the ids a clean-up could not delete in a ledger file (ids only, never a secret) so that
 * `scimkit cleanup --run-id` can retry; removes the file once nothing is left.
 */
async function keepLedger(
  tenant: Tenant,
  runId: string,
  baseUrl: string,
  variables: Record<string, string>,
  collector: ResultCollector,
  options: RunOptions,
): Promise<void> {
  const file = ledgerPath(options.stateDir ?? DEFAULT_STATE_DIR, tenant.name, runId);
  const left = leftovers(tenant.target, variables);
  if (!left) {
    if (options.cleanUpOnly) await removeLedger(file);
    return;
  }
  await saveLedger(file, { tenant: tenant.name, runId, baseUrl, savedAt: new Date().toISOString(), variables: left });
  collector.recordLeftovers({
    description: describeLeftovers(tenant.target, left),
    retry: `scimkit cleanup --tenant ${options.source ?? tenant.name} --run-id ${runId}`,
  });
}

/** One line on why a pass ended early. A request that got no answer is already reported with its cause. */
function whyStopped(error: Error & { code?: string }, killSwitch: KillSwitch, timeoutMs: number): string {
  if (killSwitch.stopped) return `${killSwitch.stopped}; clean-up ran`;
  if (/timed? ?out/i.test(error.message) && timeoutMs > 0) return `the run took longer than --timeout ${timeoutMs} ms`;
  if (error.code) return `stopped after a request got no answer (${error.code})`;
  return oneLine(error);
}

function exitCode(totals: RunTotals): 0 | 1 | 2 {
  if (totals.error || totals.networkErrors > 0) return 2;
  return totals.failedChecks > 0 ? 1 : 0;
}
