import { SCOPE_PREFIX } from '../../sim/janssen/constants.js';
import type { EnvironmentValue } from '../environment-value.js';
import type { JanssenTenant } from './profile.js';

/** Environment of a Janssen Server: the SCIM client, the scopes to verify, and what this server offers. */
export function janssenEnvironment(tenant: JanssenTenant): EnvironmentValue[] {
  return [
    { key: 'baseUrl', value: tenant.baseUrl, type: 'default' },
    { key: 'clientId', value: tenant.client.clientId, type: 'default' },
    { key: 'clientSecret', value: '', type: 'secret', fromEnv: tenant.client.secretEnv, seedsSimulator: true },
    { key: 'scopePrefix', value: SCOPE_PREFIX, type: 'default' },
    // The scopes whose enforcement the run verifies; the others' checks are skipped.
    { key: 'verifyScopes', value: tenant.scopes.join(' '), type: 'default' },
    { key: 'userExtension', value: tenant.userExtension, type: 'default' },
    { key: 'fidoDevices', value: String(tenant.fidoDevices), type: 'default' },
    { key: 'bypassIntended', value: String(tenant.bypassIntended), type: 'default' },
    { key: 'testPrefix', value: tenant.testData.prefix, type: 'default' },
  ];
}
