import { checkDefects } from '../../sim/defects.js';
import { serve, type Listening, type RunningSimulator } from '../../sim/shell/server.js';
import { ws1AccessDefects, type Ws1AccessDefect } from '../../sim/ws1-access/defects.js';
import type { Ws1AccessOptions } from '../../sim/ws1-access/context.js';
import type { Ws1AccessState } from '../../sim/ws1-access/state.js';
import type { SimulatorExtras } from '../target.js';
import type { Ws1AccessTenant } from './profile.js';

export interface Ws1AccessSimulatorOptions extends Listening {
  /** The admin client the simulator trusts; a run authenticates with it. */
  adminClient: { clientId: string; secret: string };
  defects?: Ws1AccessDefect[];
  ws1Access?: Omit<Ws1AccessOptions, 'defects'>;
}

export type RunningWs1AccessSimulator = RunningSimulator<Ws1AccessState, Ws1AccessDefect>;

/** Starts a simulated Workspace ONE Access tenant. */
export async function startWs1AccessSimulator(options: Ws1AccessSimulatorOptions): Promise<RunningWs1AccessSimulator> {
  const defects = checkDefects(options.defects ?? [], ws1AccessDefects, 'ws1-access');
  // Loaded here so commands that never simulate do not pay for Express.
  const { createWs1AccessApp } = await import('../../sim/ws1-access/app.js');
  return serve(createWs1AccessApp(options.adminClient, { ...options.ws1Access, defects }), options);
}

/**
 * The simulator of this profile's tenant, as it is before a run: it trusts the admin client and holds what the
 * admin made by hand (the scoped SCIM token's role, client and account), with the run's secrets.
 */
export function ws1AccessSimulator(
  tenant: Ws1AccessTenant,
  secret: (key: string) => string,
  extras: SimulatorExtras = {},
): Ws1AccessSimulatorOptions {
  const { host, port, requiredUserAttributes, jsonMediaTypes, sources } = extras;
  return {
    host,
    port,
    adminClient: { clientId: tenant.adminClient.clientId, secret: secret('adminClientSecret') },
    // Checked where the simulator starts.
    defects: extras.defects as Ws1AccessDefect[] | undefined,
    ws1Access: {
      ...scopedSetUp(tenant, secret, extras.beforeSetUp),
      ...(extras.setUpDone ? { setUp: documentedSetUp(tenant, secret('oktaClientSecret')) } : {}),
      ...(requiredUserAttributes ? { requiredUserAttributes } : {}),
      ...(jsonMediaTypes ? { jsonMediaTypes } : {}),
      ...(sources ? { sources } : {}),
    },
  };
}

function documentedSetUp(tenant: Ws1AccessTenant, secret: string) {
  const { clientId, accessTokenTTL } = tenant.oktaClient;
  return { oktaClient: { clientId, secret, accessTokenTTL }, directory: tenant.directory };
}

/**
 * What the admin made by hand for the scoped token: the role, the service account and the client; before a set-up
 * run, only what the document makes in the console (the role, the account), and not yet the directory it names.
 */
function scopedSetUp(
  tenant: Ws1AccessTenant,
  secret: (key: string) => string,
  beforeSetUp = false,
): Omit<Ws1AccessOptions, 'defects'> {
  const { scopedClient: client, serviceAccount: account, scimRole: role } = tenant;
  if (!client || !account || !role) return {};
  const { name, domain } = tenant.directory;
  const byPostman = {
    client: {
      clientId: client.clientId,
      secret: secret('scopedClientSecret'),
      redirectUri: client.redirectUri,
      accessTokenTTL: client.accessTokenTTL,
      refreshTokenTTL: client.refreshTokenTTL,
      refreshTokenIdleTTL: client.refreshTokenIdleTTL,
    },
  };
  return {
    scoped: {
      directory: beforeSetUp ? { name, domain, seeded: false } : { name, domain },
      role: { name: role.name },
      ...(beforeSetUp ? {} : byPostman),
      serviceAccount: { userName: account.userName, email: account.email, password: secret('serviceAccountPassword') },
    },
  };
}
