import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import { handOverSetUp, prepareHandOver } from '../handover/index.js';
import { environmentValues } from '../render/environment.js';
import { createReporters } from '../report/create.js';
import { Redactor } from '../report/redact.js';
import type { RunMode } from '../names.js';
import type { ReporterName, RunTotals } from '../report/types.js';
import type { SimulatorDefect } from '../sim/defects.js';
import type { AnySimulator, Ws1AccessSimulatorOptions } from '../sim/server.js';
import { normalizeBaseUrl } from '../tenant/base-url.js';
import type { Tenant } from '../tenant/types.js';
import { ResultCollector } from './collect.js';
import { exitCodeFor } from './exit-code.js';
import {
  DEFAULT_CLEANUP_TIMEOUT_MS,
  DEFAULT_MAX_ANSWER_BYTES,
  DEFAULT_STATE_DIR,
  DEFAULT_TIMEOUT_REQUEST_MS,
} from './defaults.js';
import { checkStateDir, describeRemaining, ledgerPath, RunLedger } from './ledger.js';
import { prepareRun, withOverrides } from './prepare.js';
import { runPasses } from './run-passes.js';
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
  /** Each answer, to its last byte. */
  timeoutRequestMs?: number;
  /** The main pass; 0 for none. */
  timeoutMs?: number;
  /** The clean-up pass; 0 for none. */
  cleanUpTimeoutMs?: number;
  maxAnswerBytes?: number;
  /** Where the profile came from, for messages. */
  source?: string;
  /** Where the ledger of the run is kept (default .scimkit/runs). */
  stateDir?: string;
  /** Only clean up what an earlier run with this run id left (scimkit cleanup). */
  cleanUpOnly?: boolean;
  /** A set-up run writes the secret of the Okta client it creates, and the token, to this new file. */
  revealTo?: string;
}

export interface TenantRunResult {
  tenant: string;
  runId: string;
  /** 0 passed (warnings aside), 1 a MUST check failed or something was left, 2 not carried out: exitCodeFor. */
  exitCode: 0 | 1 | 2;
  totals: RunTotals;
}

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** Renders a tenant's collection in memory and runs it with Newman, streaming results to the reporters. */
export async function runTenant(tenant: Tenant, options: RunOptions = {}): Promise<TenantRunResult> {
  const source = options.source ?? tenant.name;
  const runId = options.runId ?? newRunId();
  const file = ledgerPath(options.stateDir ?? DEFAULT_STATE_DIR, tenant.name, runId);
  // A retry picks up the record of an earlier run; a new run never shares a record with one.
  const recorded = options.cleanUpOnly ? RunLedger.load(file, runId) : undefined;
  // A retry names things as the run did.
  const mode = recorded?.header.mode ?? options.mode ?? 'verify';
  const prepared = await prepareRun(tenant, { mode, runId, folders: options.folders });
  const baseUrlOverride = options.baseUrl ? normalizeBaseUrl(options.baseUrl, '--base-url') : undefined;
  if (recorded && recorded.header.tenant !== tenant.name)
    throw new UsageError(`--tenant: run ${runId} belongs to tenant ${recorded.header.tenant}, not ${tenant.name}`);
  // A read-only run creates nothing, so it keeps no record.
  if (!recorded && mode !== 'read-only') checkStateDir(path.dirname(file));
  if (!recorded && existsSync(file)) {
    throw new UsageError(
      `--run-id: run ${runId} has a record in ${file}: delete what it left with ${cleanupCommand(source, runId, options.stateDir)}, or choose another run id`,
    );
  }
  const values = resolveSecrets(environmentValues(tenant), options.env ?? process.env, {
    source,
    mode,
    sim: Boolean(options.sim),
    handOver: Boolean(options.revealTo),
  });
  const secret = (key: string) => values.find((v) => v.key === key)?.value ?? '';
  const handOver = await prepareHandOver(tenant, {
    mode,
    revealTo: options.revealTo,
    secret: secret('oktaClientSecret'),
  });
  const reporters = await createReporters(options.reporters ?? ['cli'], `${tenant.name}-${runId}`, {
    dir: options.reportDir ?? 'reports',
    out: options.out,
  });
  let simulator: AnySimulator | undefined;
  try {
    if (options.sim) {
      const { startSimulator } = await import('../sim/server.js');
      const { simulatorFor } = await import('../sim/tenant-set-up.js');
      simulator = await startSimulator(
        simulatorFor(tenant, secret, {
          defects: options.simDefects,
          ws1Access: options.simOptions,
          setUpDone: mode === 'read-only',
        }),
      );
    }
    const baseUrl = simulator?.url ?? baseUrlOverride ?? recorded?.header.baseUrl ?? tenant.baseUrl;
    const ledger =
      recorded ??
      new RunLedger(file, {
        tenant: tenant.name,
        target: tenant.target,
        runId,
        mode,
        baseUrl,
        profile: source,
        startedAt: new Date().toISOString(),
      });
    const environment = withOverrides(values, { ...prepared.overrides, baseUrl });
    const redactor = new Redactor(
      environment.filter((v) => v.type === 'secret').map((v) => v.value),
      environment.filter((v) => /clientId$/i.test(v.key)).map((v) => v.value),
    );
    const info = { profile: source, tenant: tenant.name, target: tenant.target, baseUrl, runId, mode };
    const { skippedFolders, skippedRequests } = prepared;
    for (const reporter of reporters) {
      reporter.start(mode === 'read-only' ? { ...info, skippedFolders, skippedRequests } : info);
    }
    const collector = new ResultCollector(reporters, redactor);
    const variables = await runPasses({
      rendered: prepared,
      folders: prepared.folders,
      environment,
      collector,
      ledger,
      runScope: `${tenant.testData.prefix}-${runId}`,
      cleanUpOnly: Boolean(options.cleanUpOnly),
      settings: {
        origin: new URL(baseUrl).origin,
        bail: Boolean(options.bail),
        timeoutMs: options.timeoutMs ?? 0,
        cleanUpTimeoutMs: options.cleanUpTimeoutMs ?? DEFAULT_CLEANUP_TIMEOUT_MS,
        timeoutRequestMs: options.timeoutRequestMs ?? DEFAULT_TIMEOUT_REQUEST_MS,
        maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
        signal: options.signal,
      },
    });
    const remaining = ledger.finish();
    if (remaining) {
      collector.recordLeftovers({
        description: describeRemaining(remaining),
        retry: cleanupCommand(source, runId, options.stateDir),
      });
    }
    if (handOver) collector.recordHandOver(await handOverSetUp(handOver, { profile: source, baseUrl, variables }));
    const totals = collector.totals();
    for (const reporter of reporters) await reporter.end(totals);
    return { tenant: tenant.name, runId, exitCode: exitCodeFor(totals), totals };
  } catch (error) {
    await Promise.all(reporters.map((r) => r.abort?.()));
    throw error;
  } finally {
    await simulator?.close();
  }
}

/** The command that retries what a run could not clean up. */
export function cleanupCommand(profile: string, runId: string, stateDir: string | undefined): string {
  const where = stateDir && stateDir !== DEFAULT_STATE_DIR ? ` --state-dir ${stateDir}` : '';
  return `scimkit cleanup --tenant ${profile} --run-id ${runId}${where}`;
}
