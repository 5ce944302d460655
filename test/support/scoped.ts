import type { Ws1AccessDefect } from '../../src/sim/ws1-access/defects.js';
import {
  startWs1AccessSimulator,
  ws1AccessSimulator,
  type RunningWs1AccessSimulator,
} from '../../src/targets/ws1-access/simulator.js';
import type { Ws1AccessTenant } from '../../src/targets/index.js';
import { simTenant } from './run.js';
import { ADMIN } from './sim.js';

/** The scoped token's secrets in tests: the simulator is seeded with them, and runs read them from SCOPED_ENV. */
export const SCOPED = {
  clientSecret: 'scoped-client-secret-0123456789abcdef',
  password: 'Service-Account-Pa55word-4c1e',
  redirectUri: 'https://oauth.pstmn.io/v1/callback',
};

export const SCOPED_ENV = {
  ACME_ADMIN_SECRET: ADMIN.secret,
  ACME_SCIM_CLIENT_SECRET: SCOPED.clientSecret,
  ACME_SCIM_PASSWORD: SCOPED.password,
};

/** A profile with the reduced-scope SCIM token: client, service account (password known: headless login), role. */
export function scopedTenant(changes: Record<string, unknown> = {}): Ws1AccessTenant {
  return simTenant({
    scopedClient: {
      clientId: 'SCIMClient',
      secretEnv: 'ACME_SCIM_CLIENT_SECRET',
      refreshTokenEnv: 'ACME_SCIM_REFRESH_TOKEN',
    },
    serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example', passwordEnv: 'ACME_SCIM_PASSWORD' },
    scimRole: { name: 'SCIM Service Role' },
    ...changes,
  });
}

const seeded: Record<string, string> = {
  scopedClientSecret: SCOPED.clientSecret,
  serviceAccountPassword: SCOPED.password,
};

/**
 * A simulator holding what the admin made by hand for this profile: the role, and the client and the account
 * unless `roleOnly` (as after the console steps alone).
 */
export function startScopedSimulator(
  options: { tenant?: Ws1AccessTenant; roleOnly?: boolean; defects?: Ws1AccessDefect[] } = {},
): Promise<RunningWs1AccessSimulator> {
  const simulator = ws1AccessSimulator(options.tenant ?? scopedTenant(), (key) => seeded[key] ?? '', {
    defects: options.defects ?? [],
  });
  const { directory, role, ...byHand } = simulator.ws1Access!.scoped!;
  const scoped = options.roleOnly ? { directory, role } : { directory, role, ...byHand };
  return startWs1AccessSimulator({ ...simulator, adminClient: ADMIN, ws1Access: { scoped } });
}
