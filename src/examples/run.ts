import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTenant } from '../run/run-tenant.js';
import { fixedSources } from '../sim/shell/sources.js';
import type { Tenant } from '../targets/index.js';
import { ExampleAnswers } from './answers.js';
import { inventedSecrets } from './secrets.js';

/** The run id, and the simulator's stopped clock, of every examples run: the same answers each time. */
export const EXAMPLES_RUN_ID = '1f0c9a2e';
export const EXAMPLES_TIME = '2026-01-01T00:00:00.000Z';

/**
 * The answers of a tenant's collection, run as `scimkit run --setup --sim` runs it against a tenant that has only
 * what the documents make in its console, with every example copy (render/example-requests.ts) sent too. The
 * simulator's clock, ids and tokens are fixed, its secrets invented, and the run keeps its record in a folder of its
 * own, removed after: nothing is written to the user's state folder or reports.
 */
export async function exampleAnswers(tenant: Tenant): Promise<ExampleAnswers> {
  const answers = new ExampleAnswers();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'scimkit-examples-'));
  try {
    const result = await runTenant(tenant, {
      mode: 'setup',
      runId: EXAMPLES_RUN_ID,
      source: `${tenant.name} (examples)`,
      env: inventedSecrets(tenant),
      stateDir,
      sim: true,
      simulator: { sources: fixedSources(EXAMPLES_TIME), beforeSetUp: true },
      exampleRequests: true,
      report: { reporters: [], quiet: true, also: [answers] },
    });
    const { failures, error } = result.totals;
    if (result.exitCode !== 0) {
      const why = [error, ...failures.map((f) => `${f.check}: ${f.message}`)].filter(Boolean).slice(0, 3);
      throw new Error(`the examples run of ${tenant.name} failed, so its examples would be wrong: ${why.join('; ')}`);
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  return answers;
}
