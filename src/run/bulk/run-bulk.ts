import type { Writable } from 'node:stream';
import { UsageError } from '../../errors.js';
import { createReporters } from '../../report/create.js';
import { zeroCounts, type RunTotals } from '../../report/types.js';
import type { BulkUser } from '../../targets/bulk-shape.js';
import { TARGET_IDS, targetOf, targets, type Target, type Tenant } from '../../targets/index.js';
import { baseUrlOverride } from '../../tenant/validate.js';
import { ConformanceTally } from '../conformance.js';
import { DEFAULT_LIMITS } from '../defaults.js';
import { openEndpoint, type Endpoint } from '../endpoint.js';
import { environmentValues, redactorFor, trustedOrigins, type RunEnvironment } from '../environment.js';
import { resolveSecrets, type SecretSettings } from '../secrets.js';
import { exitCodeFor } from '../exit-code.js';
import { describeRemaining } from '../ledger.js';
import { cleanupCommand, newRecord, newRunId } from '../record.js';
import type { RunOptions, TenantRunResult } from '../run-tenant.js';
import { TenantTransport } from '../transport.js';
import { inBatches } from './batches.js';
import { provision } from './lifecycle.js';
import { pool } from './pool.js';
import { failedFor, stepResults } from './results.js';
import { Progress } from './progress.js';
import { BulkTally } from './tally.js';
import { BulkAuthorization } from './token.js';
import { checkDataFile, csvUsers, generatedUsers } from './users.js';

/** Users in flight at once: Okta's own provisioning runs a handful of requests per app in parallel. */
export const BULK_CONCURRENCY = 8;

/** Where a bulk run's users come from: a count to generate, or a CSV file. */
export type BulkSource = { users: number } | { data: string };

export interface BulkRunOptions extends Pick<
  RunOptions,
  'runId' | 'source' | 'env' | 'stateDir' | 'sim' | 'simDefects' | 'baseUrl' | 'signal' | 'limits' | 'report'
> {
  bulk: BulkSource;
  /** Where progress goes: a terminal only. */
  progressTo?: Writable;
}

/**
 * `run --users N` / `--data FILE`: each user's lifecycle through scimkit's own HTTP loop (Newman costs ~25 ms a
 * request), a few users at once, every user recorded in the run's ledger before it is created and deleted at the
 * end whatever stops the run. Results are counted per check, never kept per user.
 */
export async function runBulk(tenant: Tenant, options: BulkRunOptions): Promise<TenantRunResult> {
  const shapeOf = (targetOf(tenant) as Target<Tenant>).bulk;
  if (!shapeOf) {
    const supported = TARGET_IDS.filter((id) => targets[id].bulk);
    throw new UsageError(
      `--users: bulk provisioning is not supported for target ${tenant.target} yet (it is for ${supported.join(', ')})`,
    );
  }
  if ('data' in options.bulk) checkDataFile(options.bulk.data);
  const runId = options.runId ?? newRunId();
  const source = options.source ?? tenant.name;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const openLedger = newRecord(tenant, { runId, mode: 'verify', source, stateDir: options.stateDir });
  const baseUrl = options.baseUrl ? baseUrlOverride(tenant.target, options.baseUrl) : tenant.baseUrl;
  const sim = Boolean(options.sim);
  const environment = bulkSecrets(tenant, options.env ?? process.env, {
    source,
    mode: 'verify',
    sim,
    handOver: false,
  });
  const { reporters: names = ['cli'], dir = 'reports', ...where } = options.report ?? {};
  const reporters = await createReporters(names, `${tenant.name}-${runId}`, { dir, ...where });
  let endpoint: Endpoint | undefined;
  try {
    endpoint = await openEndpoint(tenant, {
      sim,
      baseUrl,
      secret: environment.secret,
      // Users go into what the documents' set-up made (Workspace ONE Access: the profile's directory).
      simulator: { defects: options.simDefects, setUpDone: true },
    });
    const scope = `${tenant.testData.prefix}-${runId}`;
    const users: AsyncIterable<BulkUser> =
      'users' in options.bulk ? generatedUsers(scope, options.bulk.users) : csvUsers(options.bulk.data, scope);
    const shape = shapeOf(tenant, { baseUrl: endpoint.baseUrl, runId, secret: environment.secret });
    const transport = new TenantTransport({
      origins: trustedOrigins(tenant, { baseUrl: endpoint.baseUrl, simulated: sim }),
      deadlineMs: limits.timeoutRequestMs,
      maxBytes: limits.maxAnswerBytes,
    });
    const info = {
      profile: source,
      tenant: tenant.name,
      target: tenant.target,
      baseUrl: endpoint.baseUrl,
      runId,
      mode: 'verify' as const,
      gradingProfile: 'strict' as const,
    };
    for (const reporter of reporters) reporter.start(info);

    const tally = new BulkTally();
    const errors: string[] = [];
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeUp = () => {
      errors.push(`--timeout: the run took more than ${limits.timeoutMs} ms and stopped`);
      stop.abort();
    };
    const timer = limits.timeoutMs > 0 ? setTimeout(timeUp, limits.timeoutMs) : undefined;
    // Once stopped, the users in flight go on to their deletion, within --timeout-cleanup: what it cuts short is
    // left on record, for `scimkit cleanup`.
    let cleanUpTimer: NodeJS.Timeout | undefined;
    const cleanUpOverdue = () => {
      errors.push(`the clean-up took longer than --timeout-cleanup ${limits.cleanUpTimeoutMs} ms`);
      transport.stop('--timeout-cleanup');
    };
    stop.signal.addEventListener('abort', () => {
      if (limits.cleanUpTimeoutMs > 0) cleanUpTimer = setTimeout(cleanUpOverdue, limits.cleanUpTimeoutMs);
    });
    const progress = new Progress(options.progressTo, tally, 'users' in options.bulk ? options.bulk.users : undefined);
    const ledger = openLedger(
      {
        tenant: tenant.name,
        target: tenant.target,
        runId,
        mode: 'verify',
        baseUrl: endpoint.baseUrl,
        profile: source,
        startedAt: new Date().toISOString(),
      },
      { kinds: {}, flags: {}, ids: [] },
    );
    try {
      const redactor = redactorFor(environment.values);
      const run = {
        shape,
        transport,
        tally,
        auth: await BulkAuthorization.open(transport, shape.auth, { redactor }),
        redactor,
        stopping: () => stop.signal.aborted,
        lost: () => stop.abort(),
      };
      await pool(
        inBatches(users, ledger),
        BULK_CONCURRENCY,
        async ({ user, settle }) => settle(await provision(user, run)),
        () => stop.signal.aborted,
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      errors.push(error.message);
    } finally {
      clearTimeout(timer);
      clearTimeout(cleanUpTimer);
      options.signal?.removeEventListener('abort', onAbort);
      progress.end();
      // Its keep-alive sockets go with it.
      transport.stop('the bulk run ended');
    }
    if (options.signal?.aborted) errors.push('interrupted (Ctrl-C)');
    const remaining = ledger.finish();
    const totals = bulkTotals(tally, errors);
    for (const result of stepResults(totals.bulk!, shape)) for (const reporter of reporters) reporter.request(result);
    if (remaining) {
      totals.leftovers = {
        description: describeRemaining(remaining),
        retry: cleanupCommand(source, runId, options.stateDir),
      };
      totals.conformance = new ConformanceTally().summary(totals);
    }
    for (const reporter of reporters) await reporter.end(totals);
    return { tenant: tenant.name, runId, exitCode: exitCodeFor(totals), totals };
  } catch (error) {
    await Promise.all(reporters.map((r) => r.abort?.()));
    throw error;
  } finally {
    await endpoint?.close();
  }
}

/** The run's totals from the tally: a bulk check that failed for any user fails the run, as a MUST check does. */
function bulkTotals(tally: BulkTally, errors: string[]): RunTotals {
  const bulk = tally.totals();
  const failed = bulk.checks.filter((c) => c.failed > 0);
  const error = errors.length ? errors.join('; ') : undefined;
  const counts = {
    ...zeroCounts(),
    requests: bulk.requests,
    checks: bulk.checks.reduce((n, c) => n + c.passed + c.failed, 0),
    failedChecks: bulk.checks.reduce((n, c) => n + c.failed, 0),
    networkErrors: bulk.noAnswer,
    durationMs: Math.round(bulk.seconds * 1000),
    failures: failed.map((c) => ({ check: c.name, message: failedFor(c) })),
    ...(error ? { error } : {}),
    bulk,
  };
  return { ...counts, conformance: new ConformanceTally().summary(counts) };
}

/**
 * The secrets a bulk run reads: against a tenant, only its SCIM client's (the one the target's simulator trusts); a
 * simulator is seeded with all of them, made up where unset.
 */
function bulkSecrets(tenant: Tenant, env: NodeJS.ProcessEnv, settings: SecretSettings): RunEnvironment {
  const { secretKey } = (targetOf(tenant) as Target<Tenant>).trustedClient(tenant);
  const needed = environmentValues(tenant).filter((v) => settings.sim || v.type !== 'secret' || v.key === secretKey);
  const values = resolveSecrets(needed, env, settings);
  return { values, secret: (key) => values.find((v) => v.key === key)?.value ?? '' };
}
