import type { Ws1AccessTenant } from '../../tenant/types.js';
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
    { key: 'adminClientSecret', value: '', type: 'secret', fromEnv: tenant.adminClient.secretEnv },
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
  return values;
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
