import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { oneLine, UsageError } from '../errors.js';
import { renderCollection } from '../render/collection.js';
import { environmentValues } from '../render/environment.js';
import { CliReporter } from '../report/cli/index.js';
import { JsonReporter } from '../report/json/index.js';
import { JunitReporter } from '../report/junit/index.js';
import { Redactor } from '../report/redact.js';
import type { Reporter, ReporterName, RunTotals } from '../report/types.js';
import type { Ws1AccessDefect } from '../sim/defects.js';
import type { RunningSimulator, SimulatorOptions } from '../sim/server.js';
import { normalizeBaseUrl } from '../tenant/base-url.js';
import type { Tenant } from '../tenant/types.js';
import { collectResults } from './collect.js';
import { resolveSecrets } from './secrets.js';

export interface RunOptions {
  /** Start the embedded simulator for this run and point the run at it. */
  sim?: boolean;
  simDefects?: Ws1AccessDefect[];
  simOptions?: SimulatorOptions['ws1Access'];
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
  timeoutRequestMs?: number;
  timeoutMs?: number;
  /** Where the profile came from, for messages. */
  source?: string;
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
  const collection = await renderCollection(tenant);
  const folders = selectFolders(
    collection.item.map((f) => f.name),
    options.folders,
  );
  const baseUrlOverride = options.baseUrl ? normalizeBaseUrl(options.baseUrl, '--base-url') : undefined;
  const values = resolveSecrets(environmentValues(tenant), options.env ?? process.env, {
    source,
    generateMissing: Boolean(options.sim),
  });
  const secret = (key: string) => values.find((v) => v.key === key)?.value ?? '';
  const redactor = new Redactor(values.filter((v) => v.type === 'secret').map((v) => v.value));
  const runId = options.runId ?? randomBytes(4).toString('hex');

  const reporters = await createReporters(tenant.name, options);
  let simulator: RunningSimulator | undefined;
  try {
    if (options.sim) {
      const { startSimulator } = await import('../sim/server.js');
      simulator = await startSimulator({
        target: tenant.target,
        adminClient: { clientId: tenant.adminClient.clientId, secret: secret('adminClientSecret') },
        defects: options.simDefects,
        ws1Access: options.simOptions,
      });
    }
    const baseUrl = simulator?.url ?? baseUrlOverride ?? tenant.baseUrl;
    const environment = [
      ...values.map((v) => (v.key === 'baseUrl' ? { ...v, value: baseUrl } : v)),
      { key: 'runId', value: runId, type: 'default' as const },
    ];
    for (const reporter of reporters) reporter.start({ tenant: tenant.name, target: tenant.target, baseUrl, runId });
    const totals = await runNewman(collection, environment, folders, reporters, redactor, options);
    for (const reporter of reporters) await reporter.end(totals);
    return { tenant: tenant.name, exitCode: exitCode(totals), totals };
  } catch (error) {
    await Promise.all(reporters.map((r) => r.abort?.()));
    throw error;
  } finally {
    await simulator?.close();
  }
}

function exitCode(totals: RunTotals): 0 | 1 | 2 {
  if (totals.error || totals.networkErrors > 0) return 2;
  return totals.failedChecks > 0 ? 1 : 0;
}

/**
 * The folders to run; unknown names are a usage error listing the known ones. The last folder of every
 * collection deletes what the run created (see render/templates.ts), so it always runs.
 */
function selectFolders(known: string[], wanted: string[] | undefined): string[] | undefined {
  if (!wanted?.length) return undefined;
  for (const name of wanted) {
    if (!known.includes(name)) {
      throw new UsageError(`--folder: no folder named "${name}"; use one of: ${known.join(', ')}`);
    }
  }
  return [...new Set([...wanted, known.at(-1)!])];
}

async function createReporters(tenant: string, options: RunOptions): Promise<Reporter[]> {
  const names = options.reporters ?? ['cli'];
  const dir = options.reportDir ?? 'reports';
  const reporters: Reporter[] = [];
  for (const name of names) {
    if (name === 'cli') reporters.push(new CliReporter(options.out));
    if (name === 'junit') reporters.push(await JunitReporter.create(path.join(dir, `${tenant}.junit.xml`)));
    if (name === 'json') reporters.push(await JsonReporter.create(path.join(dir, `${tenant}.report.json`)));
  }
  return reporters;
}

async function runNewman(
  collection: object,
  environment: { key: string; value: string; type: string }[],
  folders: string[] | undefined,
  reporters: Reporter[],
  redactor: Redactor,
  options: RunOptions,
): Promise<RunTotals> {
  // Newman is loaded only when a run happens: the other commands start faster without it.
  const { default: newman } = await import('newman');
  const started = Date.now();
  return new Promise((resolve) => {
    const emitter = newman.run(
      {
        collection: collection as never,
        environment: { values: environment.map((v) => ({ ...v, enabled: true })) } as never,
        reporters: [],
        folder: folders,
        timeoutRequest: options.timeoutRequestMs ?? 30_000,
        timeout: options.timeoutMs ?? 0,
      },
      (error: Error | null) => {
        const totals = collector.totals();
        resolve(error ? { ...totals, error: redactor.redact(oneLine(error)) } : totals);
      },
    ) as EventEmitter & { summary?: { run: { executions: unknown[] } } };
    const collector = collectResults(emitter, reporters, redactor, started);
    // Newman keeps every request and response for its own reporters; scimkit streams instead, so it drops them.
    emitter.on('item', () => {
      if (emitter.summary) emitter.summary.run.executions.length = 0;
    });
  });
}
