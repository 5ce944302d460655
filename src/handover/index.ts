import { UsageError } from '../errors.js';
import type { RunMode } from '../names.js';
import type { Tenant, Ws1AccessTenant } from '../targets/index.js';
import { baseUrlDiagnoses as diagnosesOfBaseUrl, loadDiagnoses } from '../render/diagnoses.js';
import { oktaChecklist, revealedValues, revealHeader, type OktaSetUp } from './okta.js';
import { RevealFile } from './reveal-file.js';

/** What a set-up run hands the admin at its end: the Okta side as a checklist, the secrets if asked for. */
export interface HandOver {
  tenant: Ws1AccessTenant;
  /** The Okta client's secret the run starts with (given, or made up), before it creates the client. */
  secret: string;
  reveal?: RevealFile;
}

/**
 * Before anything is sent: a set-up run of a Workspace ONE Access tenant hands over what Okta needs, and with
 * --reveal-to, the file is claimed now and already holds the secret the run will create the client with.
 */
export async function prepareHandOver(
  tenant: Tenant,
  options: { mode: RunMode; revealTo?: string; secret: string },
): Promise<HandOver | undefined> {
  if (options.mode !== 'setup' || tenant.target !== 'ws1-access') return undefined;
  const handOver: HandOver = { tenant, secret: options.secret };
  if (options.revealTo) {
    handOver.reveal = await RevealFile.create(options.revealTo);
    await handOver.reveal.write(
      revealHeader(tenant, tenant.baseUrl),
      revealedValues({ tenant, secret: options.secret }),
    );
  }
  return handOver;
}

/** After the run: the secret and the token in the reveal file, and the Okta checklist for the summary. */
export async function handOverSetUp(
  handOver: HandOver,
  run: { profile: string; baseUrl: string; variables: Record<string, string> },
): Promise<string[]> {
  const { tenant, reveal } = handOver;
  const { variables } = run;
  const expiresAt = Number(variables.oktaTokenExpiresAt) || undefined;
  const setUp: OktaSetUp = {
    tenant,
    profile: run.profile,
    baseUrl: run.baseUrl,
    // The tenant may have returned the secret of a client that existed (older releases do).
    secret: handOver.secret || variables.oktaClientSecret || '',
    ...(variables.oktaAccessToken ? { token: { value: variables.oktaAccessToken, expiresAt } } : {}),
  };
  if (reveal) await reveal.write(revealHeader(tenant, run.baseUrl), revealedValues(setUp));
  // The profile's URL is the tenant's, whatever a run against the simulator sent to.
  const baseUrlDiagnoses = diagnosesOfBaseUrl(await loadDiagnoses(tenant.target), tenant.baseUrl);
  return oktaChecklist({ ...setUp, baseUrlDiagnoses }, reveal);
}

/** The hand-over writes one Okta client's secret under the name its profile gives it. */
export function checkRevealTo(tenants: Tenant[]): void {
  const [tenant, ...others] = tenants;
  if (!tenant || others.length)
    throw new UsageError('--reveal-to: give one tenant profile (a file holds the secrets of one Okta client)');
  if (tenant.target !== 'ws1-access')
    throw new UsageError(
      `--reveal-to: ${tenant.name} is a ${tenant.target} tenant; only Workspace ONE Access hands over an Okta client`,
    );
  if (!tenant.oktaClient.secretEnv) {
    throw new UsageError(
      `--reveal-to: ${tenant.name} names no oktaClient.secretEnv: add the variable the Okta client's secret is to be read back from, such as ${tenant.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_OKTA_SECRET`,
    );
  }
}
