import { runTenant, type RunOptions, type TenantRunResult } from '../../src/run/run-tenant.js';
import type { Ws1AccessTenant } from '../../src/targets/index.js';
import { Capture } from './capture.js';
import { ADMIN } from './sim.js';
import { ws1Tenant } from './tenants.js';
import { scratchDir } from './scratch.js';

/** A profile whose admin client is the simulator's test admin (secret in ACME_ADMIN_SECRET). */
export function simTenant(changes: Record<string, unknown> = {}): Ws1AccessTenant {
  return ws1Tenant({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' }, ...changes });
}

export async function run(
  tenant: Ws1AccessTenant,
  options: RunOptions = {},
): Promise<TenantRunResult & { output: string; failedChecks: string[] }> {
  const out = new Capture();
  const result = await runTenant(tenant, {
    env: { ACME_ADMIN_SECRET: ADMIN.secret },
    // Ledgers of runs that leave something behind go to a scratch folder, not the checkout's .scimkit/.
    stateDir: await scratchDir('state'),
    ...options,
    report: { out, ...options.report },
  });
  return { ...result, output: out.text, failedChecks: result.totals.failures.map((f) => f.check) };
}

/** The ws1-access folders a test needs to reach users, and groups: the Okta token and the directory come first. */
const OKTA = ['OAuth 2.0 client for Okta', 'Okta bearer token'];
export const USER_FOLDERS = [...OKTA, 'Directory of type Other', 'User lifecycle'];
export const GROUP_FOLDERS = [...USER_FOLDERS, 'Groups'];
