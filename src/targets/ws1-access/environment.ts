import type { RunMode } from '../../names.js';
import type { EnvironmentValue } from '../environment-value.js';
import type { ScopedClient, ServiceAccount, Ws1AccessTenant } from './profile.js';

/**
 * Environment of a Workspace ONE Access tenant. Only values a person may want to edit live here;
 * values requests chain at run time (tokens, ids) are collection variables, so an empty
 * environment entry can never shadow them.
 */
export function ws1AccessEnvironment(tenant: Ws1AccessTenant): EnvironmentValue[] {
  const values: EnvironmentValue[] = [
    { key: 'baseUrl', value: tenant.baseUrl, type: 'default' },
    { key: 'adminClientId', value: tenant.adminClient.clientId, type: 'default' },
    {
      key: 'adminClientSecret',
      value: '',
      type: 'secret',
      fromEnv: tenant.adminClient.secretEnv,
      seedsSimulator: true,
    },
    { key: 'oktaClientId', value: tenant.oktaClient.clientId, type: 'default' },
    { key: 'oktaAccessTokenTTL', value: String(tenant.oktaClient.accessTokenTTL), type: 'default' },
    { key: 'directoryName', value: tenant.directory.name, type: 'default' },
    { key: 'directoryDomain', value: tenant.directory.domain, type: 'default' },
    { key: 'testPrefix', value: tenant.testData.prefix, type: 'default' },
    // Imported into Postman the collection does the documents' set-up: the client and directory it creates stay.
    { key: 'keepSetup', value: 'true', type: 'default' },
    // The Okta client's secret: the run's own (from oktaClient.secretEnv, or made up), else the tenant generates it.
    {
      key: 'oktaClientSecret',
      value: '',
      type: 'secret',
      ...(tenant.oktaClient.secretEnv ? { fromEnv: tenant.oktaClient.secretEnv } : {}),
      createdByRun: true,
      seedsSimulator: true,
      alsoLearned: true,
    },
    // In Postman the create answer shows the secret the tenant generated; a scimkit run has no one to show it to.
    { key: 'oktaSecretFromAnswer', value: 'true', type: 'default' },
  ];
  if (tenant.scopedClient && tenant.serviceAccount && tenant.scimRole) {
    values.push(...scopedTokenValues(tenant.scopedClient, tenant.serviceAccount, tenant.scimRole.name));
    // The role's Domain condition names the profile's directory, whatever directory a verification run makes.
    values.push({ key: 'scimRoleDomain', value: tenant.directory.domain, type: 'default' });
  }
  return values;
}

/** The reduced-scope SCIM token's settings; its role is limited to the profile's directory domain. */
function scopedTokenValues(client: ScopedClient, account: ServiceAccount, role: string): EnvironmentValue[] {
  const secret = (key: string, fromEnv: string | undefined, more: Partial<EnvironmentValue>): EnvironmentValue => ({
    key,
    value: '',
    type: 'secret',
    ...(fromEnv ? { fromEnv } : {}),
    ...more,
  });
  return [
    { key: 'scopedClientId', value: client.clientId, type: 'default' },
    secret('scopedClientSecret', client.secretEnv, { seedsSimulator: true }),
    { key: 'scopedRedirectUri', value: client.redirectUri, type: 'default' },
    { key: 'scopedAccessTokenTTL', value: String(client.accessTokenTTL), type: 'default' },
    { key: 'scopedRefreshTokenTTL', value: String(client.refreshTokenTTL), type: 'default' },
    { key: 'scopedRefreshTokenIdleTTL', value: String(client.refreshTokenIdleTTL), type: 'default' },
    // Obtained once with "Get New Access Token" in Postman; Newman then refreshes with it.
    secret('scopedRefreshToken', client.refreshTokenEnv, { optional: true }),
    { key: 'serviceAccountUserName', value: account.userName, type: 'default' },
    { key: 'serviceAccountEmail', value: account.email, type: 'default' },
    // Only for the login without a browser that the simulator offers.
    secret('serviceAccountPassword', account.passwordEnv, { optional: true, seedsSimulator: true }),
    { key: 'scimRoleName', value: role, type: 'default' },
    { key: 'tokenWarnDays', value: String(client.tokenWarnDays), type: 'default' },
  ];
}

/**
 * What a scimkit run sets over the profile's values. It has no one to show a create answer to, so the Okta client
 * is created with the run's own secret or not at all. A verification run creates, instead of the profile's client
 * and directory, its own: names made of the prefix and the run id, and a domain of its own (a domain belongs to one
 * directory), all deleted by the clean-up. It therefore never meets, let alone changes, the tenant's real set-up.
 */
export function ws1AccessRunValues(tenant: Ws1AccessTenant, mode: RunMode, runId: string): Record<string, string> {
  const scope = `${tenant.testData.prefix}-${runId}`;
  return {
    oktaSecretFromAnswer: 'false',
    ...(mode === 'verify'
      ? {
          oktaClientId: `${scope}-okta`,
          directoryName: `${scope} ${tenant.directory.name}`,
          directoryDomain: `${scope}.${tenant.directory.domain}`.toLowerCase(),
          keepSetup: 'false',
        }
      : {}),
  };
}
