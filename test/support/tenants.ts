import { parseTenant } from '../../src/tenant/load.js';
import type { Ws1AccessTenant } from '../../src/targets/index.js';

/** A valid ws1-access profile as YAML text, with fields replaced or removed by `changes` (undefined removes). */
export function ws1Profile(changes: Record<string, unknown> = {}): string {
  const profile: Record<string, unknown> = {
    name: 'acme',
    target: 'ws1-access',
    baseUrl: 'https://acme.vmwareidentity.com',
    directory: { name: 'Okta Universal Directory', domain: 'OKTA.COM' },
    adminClient: { clientId: 'scimkit-admin', secretEnv: 'ACME_ADMIN_SECRET' },
    oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 1576800 },
    testData: { prefix: 'scimkit' },
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete profile[key];
    else profile[key] = value;
  }
  return JSON.stringify(profile);
}

export function ws1Tenant(changes: Record<string, unknown> = {}): Ws1AccessTenant {
  return parseTenant(ws1Profile(changes), 'test.yaml') as Ws1AccessTenant;
}
