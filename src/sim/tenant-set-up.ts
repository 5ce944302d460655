import type { JanssenTenant, Tenant, Ws1AccessTenant } from '../tenant/types.js';
import { UsageError } from '../errors.js';
import { isJanssenDefect, isWs1AccessDefect, type SimulatorDefect } from './defects.js';
import type { SimulatorOptions } from './server.js';
import type { Ws1AccessOptions } from './ws1-access/context.js';

/** What a caller adds to a profile's simulator: where it listens, what is broken, and ws1-access settings. */
export interface SimulatorExtras {
  host?: string;
  port?: number;
  defects?: SimulatorDefect[];
  ws1Access?: Omit<Ws1AccessOptions, 'defects'>;
  /** The tenant already has the documents' set-up (the Okta client, the directory), as a read-only run expects. */
  setUpDone?: boolean;
}

/** The client a simulator for this profile trusts with full rights, and the environment value of its secret. */
export function trustedClient(tenant: Tenant): { clientId: string; secretKey: string; secretEnv: string } {
  return tenant.target === 'ws1-access'
    ? { clientId: tenant.adminClient.clientId, secretKey: 'adminClientSecret', secretEnv: tenant.adminClient.secretEnv }
    : { clientId: tenant.client.clientId, secretKey: 'clientSecret', secretEnv: tenant.client.secretEnv };
}

/**
 * A simulator for this profile, as the tenant would be before a run: it trusts the profile's client and holds
 * what the admin made by hand (the scoped SCIM token's role, client and account), with the run's secrets.
 */
export function simulatorFor(
  tenant: Tenant,
  secret: (key: string) => string,
  extra: SimulatorExtras = {},
): SimulatorOptions {
  const client = trustedClient(tenant);
  const common = {
    host: extra.host,
    port: extra.port,
    adminClient: { clientId: client.clientId, secret: secret(client.secretKey) },
  };
  if (tenant.target === 'janssen') {
    const defects = defectsOf(extra.defects ?? [], 'janssen', isJanssenDefect);
    return { ...common, target: 'janssen', defects, janssen: janssenSetUp(tenant) };
  }
  const defects = defectsOf(extra.defects ?? [], 'ws1-access', isWs1AccessDefect);
  return {
    ...common,
    target: 'ws1-access',
    defects,
    ws1Access: {
      ...ws1AccessSetUp(tenant, secret),
      ...(extra.setUpDone ? { setUp: documentedSetUp(tenant, secret('oktaClientSecret')) } : {}),
      ...extra.ws1Access,
    },
  };
}

/** The defects asked for, all of which must exist on this target's simulator. */
export function defectsOf<D extends SimulatorDefect>(
  defects: readonly SimulatorDefect[],
  target: Tenant['target'],
  applies: (name: string) => name is D,
): D[] {
  const stray = defects.find((defect) => !applies(defect));
  if (stray) {
    throw new UsageError(
      `--sim-defect: ${stray} breaks another target's simulator, not ${target}; see scimkit run --help`,
    );
  }
  return defects as D[];
}

function janssenSetUp(tenant: JanssenTenant) {
  // A device to read, update and delete, so that the device requests run instead of reporting none.
  return { fidoDevices: tenant.fidoDevices, userExtension: tenant.userExtension, seedDevices: true };
}

function documentedSetUp(tenant: Ws1AccessTenant, secret: string) {
  const { clientId, accessTokenTTL } = tenant.oktaClient;
  return { oktaClient: { clientId, secret, accessTokenTTL }, directory: tenant.directory };
}

function ws1AccessSetUp(tenant: Ws1AccessTenant, secret: (key: string) => string): Omit<Ws1AccessOptions, 'defects'> {
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
