import { handOverSetUp, prepareHandOver } from '../handover/index.js';
import type { GradingProfile, RunMode } from '../names.js';
import { createReporters, type ReporterSettings } from '../report/create.js';
import type { Reporter, ReporterName, RunTotals } from '../report/types.js';
import type { Tenant } from '../targets/index.js';
import type { SimulatorExtras } from '../targets/target.js';
import { baseUrlOverride } from '../tenant/validate.js';
import { ResultCollector } from './collect.js';
import { exitCodeFor } from './exit-code.js';
import { DEFAULT_LIMITS, type RunLimits } from './defaults.js';
import { openEndpoint, type Endpoint } from './endpoint.js';
import { redactorFor, resolveEnvironment, runOverrides, trustedOrigins, withOverrides } from './environment.js';
import { describeRemaining, RunLedger } from './ledger.js';
import { cleanupCommand, earlierRecord, newRecord, newRunId, type OpenLedger } from './record.js';
import { prepareRun } from './prepare.js';
import { runPasses } from './run-passes.js';

export interface RunOptions {
  /**
   * verify (default): the client and directory the run creates are named after the run and deleted afterwards;
   * setup: the profile's client and directory are created when missing, and kept;
   * read-only: only requests that change nothing are sent, against the profile's set-up.
   */
  mode?: RunMode;
  /** What fails the run (default strict: the RFCs as written; okta or entra: the checks that client depends on). */
  gradingProfile?: GradingProfile;
  folders?: string[];
  runId?: string;
  /** Where the profile came from, for messages. */
  source?: string;
  /** Where secrets are read from. */
  env?: NodeJS.ProcessEnv;
  /** Where the ledger of the run is kept (default .scimkit/runs). */
  stateDir?: string;
  /** A set-up run writes the secret of the Okta client it creates, and the token, to this new file. */
  revealTo?: string;
  /** Start the embedded simulator for this run, broken by these defects, and point the run at it. */
  sim?: boolean;
  simDefects?: readonly string[];
  /** What else the simulator is (its sources, the state it starts in): `scimkit generate`'s examples run. */
  simulator?: Pick<SimulatorExtras, 'sources' | 'beforeSetUp'>;
  /** Also send, after each request, a copy of it per example its template declares (render/example-requests.ts). */
  exampleRequests?: boolean;
  /** Overrides the profile's baseUrl. */
  baseUrl?: string;
  /** Aborting it (Ctrl-C) stops the run; clean-up still runs. */
  signal?: AbortSignal;
  /** How it stops, and how much it takes (defaults in defaults.ts). */
  limits?: Partial<RunLimits>;
  /**
   * The reporters (cli by default), where file reports go (reports/), where the cli one writes, and quiet; `also`:
   * reporters the caller made (the examples collector), after those.
   */
  report?: { reporters?: ReporterName[]; also?: Reporter[] } & Partial<ReporterSettings>;
}

export interface TenantRunResult {
  tenant: string;
  runId: string;
  /** 0 passed (warnings aside), 1 a check weighing a failure failed or something was left, 2 not carried out. */
  exitCode: 0 | 1 | 2;
  totals: RunTotals;
}

/** Renders a tenant's collection in memory and runs it with Newman, streaming results to the reporters. */
export async function runTenant(tenant: Tenant, options: RunOptions = {}): Promise<TenantRunResult> {
  const runId = options.runId ?? newRunId();
  const mode = options.mode ?? 'verify';
  const source = options.source ?? tenant.name;
  const openLedger = newRecord(tenant, { runId, mode, source, stateDir: options.stateDir });
  const baseUrl = options.baseUrl ? baseUrlOverride(tenant.target, options.baseUrl) : tenant.baseUrl;
  return carryOut(tenant, { ...options, runId, mode, baseUrl }, openLedger);
}

/** Deletes what an earlier run left, by its record: its clean-up folder alone, named as the run named things. */
export async function cleanUpTenant(
  tenant: Tenant,
  options: Omit<RunOptions, 'mode' | 'folders' | 'sim' | 'revealTo'> & { runId: string },
): Promise<TenantRunResult> {
  const recorded = earlierRecord(tenant, options.runId, options.stateDir);
  const baseUrl = options.baseUrl ? baseUrlOverride(tenant.target, options.baseUrl) : recorded.header.baseUrl;
  return carryOut(tenant, { ...options, mode: recorded.header.mode, baseUrl, cleanUpOnly: true }, (_, keys) =>
    RunLedger.resume(recorded, keys),
  );
}

/** Options with what the run decided: its id, its mode, where it sends (unless simulated), whether it only cleans up. */
type Settled = RunOptions & { runId: string; mode: RunMode; baseUrl: string; cleanUpOnly?: boolean };

/** The stages of one run: what to send, the environment, the hand-over, the endpoint, the passes, the record. */
async function carryOut(tenant: Tenant, options: Settled, openLedger: OpenLedger): Promise<TenantRunResult> {
  const { mode, runId } = options;
  const source = options.source ?? tenant.name;
  const prepared = await prepareRun(tenant, {
    mode,
    folders: options.folders,
    exampleRequests: options.exampleRequests,
  });
  // A retry of an earlier run's clean-up runs its clean-up folder alone.
  const folders = options.cleanUpOnly ? { ...prepared.folders, main: [] } : prepared.folders;
  const environment = resolveEnvironment(tenant, options.env ?? process.env, {
    source,
    mode,
    sim: Boolean(options.sim),
    handOver: Boolean(options.revealTo),
  });
  const handOver = await prepareHandOver(tenant, {
    mode,
    revealTo: options.revealTo,
    secret: environment.secret('oktaClientSecret'),
  });
  const { reporters: names = ['cli'], dir = 'reports', also = [], ...where } = options.report ?? {};
  const reporters = [...(await createReporters(names, `${tenant.name}-${runId}`, { dir, ...where })), ...also];
  let endpoint: Endpoint | undefined;
  try {
    endpoint = await openEndpoint(tenant, {
      sim: Boolean(options.sim),
      baseUrl: options.baseUrl,
      secret: environment.secret,
      simulator: { ...options.simulator, defects: options.simDefects, setUpDone: mode === 'read-only' },
    });
    const header = {
      tenant: tenant.name,
      target: tenant.target,
      runId,
      mode,
      baseUrl: endpoint.baseUrl,
      profile: source,
      startedAt: new Date().toISOString(),
    };
    const ledger = openLedger(header, prepared.ledger);
    const where = { baseUrl: endpoint.baseUrl, simulated: Boolean(options.sim) };
    const values = withOverrides(environment.values, runOverrides(tenant, { mode, runId, ...where }));
    const redactor = redactorFor(values);
    const gradingProfile = options.gradingProfile ?? 'strict';
    const collector = new ResultCollector(reporters, redactor, gradingProfile);
    const info = {
      profile: source,
      tenant: tenant.name,
      target: tenant.target,
      baseUrl: endpoint.baseUrl,
      runId,
      mode,
      gradingProfile,
      folders: prepared.collection.item.map(({ name, description }) => ({
        name,
        description: redactor.redact(description),
      })),
    };
    const { skippedFolders, skippedRequests } = prepared;
    for (const reporter of reporters) {
      reporter.start(mode === 'read-only' ? { ...info, skippedFolders, skippedRequests } : info);
    }
    const variables = await runPasses({
      rendered: prepared,
      folders,
      environment: values,
      collector,
      ledger,
      runScope: `${tenant.testData.prefix}-${runId}`,
      settings: {
        ...DEFAULT_LIMITS,
        ...options.limits,
        origins: trustedOrigins(tenant, where),
        signal: options.signal,
        gradingProfile,
      },
    });
    const remaining = ledger.finish();
    if (remaining) {
      collector.recordLeftovers({
        description: describeRemaining(remaining),
        retry: cleanupCommand(source, runId, options.stateDir),
      });
    }
    if (handOver) {
      collector.recordHandOver(
        await handOverSetUp(handOver, { profile: source, baseUrl: endpoint.baseUrl, variables }),
      );
    }
    const totals = collector.totals();
    for (const reporter of reporters) await reporter.end(totals);
    return { tenant: tenant.name, runId, exitCode: exitCodeFor(totals), totals };
  } catch (error) {
    await Promise.all(reporters.map((r) => r.abort?.()));
    throw error;
  } finally {
    await endpoint?.close();
  }
}
