import type { Tenant } from '../tenant/types.js';
import type { SimulatorOptions } from './server.js';

/**
 * What the admin did by hand before a run, which a simulator for this profile starts with: the scoped SCIM
 * token's role (a console-only step), its client and its service account, with the run's secrets.
 */
export function simulatedSetUp(tenant: Tenant, secret: (key: string) => string): SimulatorOptions['ws1Access'] {
  const { scopedClient: client, serviceAccount: account, scimRole: role } = tenant;
  if (!client || !account || !role) return {};
  return {
    scoped: {
      directory: tenant.directory,
      role: { name: role.name },
      client: {
        clientId: client.clientId,
        secret: secret('scopedClientSecret'),
        redirectUri: client.redirectUri,
        accessTokenTTL: client.accessTokenTTL,
        refreshTokenTTL: client.refreshTokenTTL,
        refreshTokenIdleTTL: client.refreshTokenIdleTTL,
      },
      serviceAccount: { userName: account.userName, email: account.email, password: secret('serviceAccountPassword') },
    },
  };
}
