import type { ScopedClient, ServiceAccount, Ws1AccessTenant } from '../../tenant/types.js';
import type { EnvironmentValue } from '../environment.js';

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
  ];
  if (tenant.oktaClient.secretEnv) {
    values.push({ key: 'oktaClientSecret', value: '', type: 'secret', fromEnv: tenant.oktaClient.secretEnv });
  }
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
 * What a verification run creates instead of the profile's client and directory: names made of the prefix and
 * the run id, and a domain of its own (a domain belongs to one directory), all deleted by the clean-up. The run
 * therefore never meets, let alone changes, the tenant's real set-up.
 */
export function ws1AccessRunScoped(tenant: Ws1AccessTenant, runId: string): Record<string, string> {
  const scope = `${tenant.testData.prefix}-${runId}`;
  return {
    oktaClientId: `${scope}-okta`,
    directoryName: `${scope} ${tenant.directory.name}`,
    directoryDomain: `${scope}.${tenant.directory.domain}`.toLowerCase(),
    keepSetup: 'false',
  };
}
