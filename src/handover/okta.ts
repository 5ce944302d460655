import type { Ws1AccessTenant } from '../targets/index.js';
import type { RevealFile, RevealedValue } from './reveal-file.js';

/** The variable the Okta API token is handed over in (--reveal-to): the token Okta's API Token field takes. */
export const OKTA_TOKEN_VARIABLE = 'SCIMKIT_OKTA_API_TOKEN';

export interface OktaSetUp {
  tenant: Ws1AccessTenant;
  /** The profile file, for the commands the checklist names. */
  profile: string;
  baseUrl: string;
  /** The Okta client's secret the run used, and the token it obtained with it (with when it expires, ms). */
  secret: string;
  token?: { value: string; expiresAt?: number };
  /** What the documents say of a tenant on the profile's host, for the Base URL line (render/diagnoses.ts). */
  baseUrlDiagnoses?: string[];
}

/** The header of a reveal file: whose secrets these are. */
export function revealHeader(tenant: Ws1AccessTenant, baseUrl: string): string {
  return (
    `scimkit: the Okta client ${tenant.oktaClient.clientId} of tenant ${tenant.name} (${baseUrl}).\n` +
    'Secret: readable by you only. `scimkit ... --dotenv THIS-FILE` reads it back.'
  );
}

/** What a set-up run hands over: the client's secret, and the API token when the run obtained one. */
export function revealedValues(setUp: Pick<OktaSetUp, 'tenant' | 'secret' | 'token'>): RevealedValue[] {
  const { tenant, secret, token } = setUp;
  const values: RevealedValue[] = [];
  if (secret && tenant.oktaClient.secretEnv) {
    values.push({
      name: tenant.oktaClient.secretEnv,
      value: secret,
      comment: `The secret of the Okta client ${tenant.oktaClient.clientId} (oktaClient.secretEnv)`,
    });
  }
  if (token) {
    values.push({
      name: OKTA_TOKEN_VARIABLE,
      value: token.value,
      comment: `Okta's API Token${token.expiresAt ? `, expires ${isoDate(token.expiresAt)}` : ''}: paste it into Okta`,
    });
  }
  return values;
}

/**
 * The Okta side of the documents (Configure the VMware Workspace ONE Access Application in Okta, steps 7–18,
 * and What to do next), as a checklist with this tenant's values.
 */
export function oktaChecklist(setUp: OktaSetUp, reveal: RevealFile | undefined): string[] {
  const { tenant, profile, baseUrl, token } = setUp;
  const renew = `scimkit okta-token --tenant ${profile}`;
  const apiToken = !token
    ? 'this run got no token (see its failures)'
    : reveal
      ? `${OKTA_TOKEN_VARIABLE} in ${reveal.file}${token.expiresAt ? ` (expires ${isoDate(token.expiresAt)})` : ''}`
      : tenant.oktaClient.secretEnv
        ? `not shown by this run: \`${renew}\` prints one (with ${tenant.oktaClient.secretEnv} set to the client's secret)`
        : "not shown by this run: name the client secret's variable in oktaClient.secretEnv and run again with --reveal-to FILE";
  return [
    `Okta: in the VMware Workspace ONE app (Applications > Applications), for ${tenant.name}:`,
    `  [ ] General: Base URL ${baseUrl}`,
    ...(setUp.baseUrlDiagnoses ?? []).map((text) => `      ! ${tenant.baseUrl}: ${text}`),
    `  [ ] Provisioning > Configure API Integration: Enable API Integration; API Token: ${apiToken}`,
    '  [ ] Test API Credentials: it must say "verified successfully" (this run sent the same request, in Test API credentials)',
    '  [ ] Save; then Provisioning > To App > Edit: Enable Create Users, Update User Attributes and Deactivate Users; Save',
    `  [ ] Attribute mappings: domain = "${tenant.directory.domain}" (same value for all users; Create and update): exactly the directory's domain`,
    '  [ ] Push Groups from an Okta group used for nothing else (not the group that assigns the app); a pushed group lands in ' +
      "System Domain unless it exists first in Workspace ONE Access with the directory's domain (as the Groups folder creates it)",
    `  [ ] Before the token expires${token?.expiresAt ? ` (${isoDate(token.expiresAt)})` : ''}: \`${renew}\`, and paste the new one into Okta`,
  ];
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
