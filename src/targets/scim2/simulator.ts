import { checkDefects } from '../../sim/defects.js';
import type { GenericScim2Options } from '../../sim/generic-scim2/context.js';
import { extensionSchema } from '../../sim/generic-scim2/extensions.js';
import { genericScim2Defects, type GenericScim2Defect } from '../../sim/generic-scim2/defects.js';
import type { GenericAuth, GenericScim2State } from '../../sim/generic-scim2/state.js';
import { serve, type Listening, type RunningSimulator } from '../../sim/shell/server.js';
import type { SimulatorExtras } from '../target.js';
import type { Scim2Tenant } from './profile.js';

export interface Scim2SimulatorOptions extends Listening {
  /** The credentials it accepts (or the client it issues tokens to). */
  auth: GenericAuth;
  defects?: GenericScim2Defect[];
  scim2?: GenericScim2Options;
}

/** Its url is the SCIM root it serves: its address and the base path. */
export type RunningScim2Simulator = RunningSimulator<GenericScim2State, GenericScim2Defect>;

/** Starts a simulated SCIM 2.0 service that follows the RFCs (src/sim/generic-scim2/). */
export async function startScim2Simulator(options: Scim2SimulatorOptions): Promise<RunningScim2Simulator> {
  const defects = checkDefects(options.defects ?? [], genericScim2Defects, 'scim2');
  // Loaded here so commands that never simulate do not pay for Express.
  const { createGenericScim2App } = await import('../../sim/generic-scim2/app.js');
  const running = await serve(createGenericScim2App(options.auth, options.scim2, defects), options);
  return { ...running, url: `${running.url}${options.scim2?.basePath ?? ''}` };
}

/**
 * The simulator of this profile's service: its SCIM root's path, the profile's credentials with the run's secrets,
 * the extensions it declares, and ETags and /Me unless it says the service lacks them.
 */
export function scim2Simulator(
  tenant: Scim2Tenant,
  secret: (key: string) => string,
  extras: SimulatorExtras = {},
): Scim2SimulatorOptions {
  return {
    host: extras.host,
    port: extras.port,
    auth: simulatedAuth(tenant, secret),
    // Checked where the simulator starts.
    defects: extras.defects as GenericScim2Defect[] | undefined,
    scim2: {
      basePath: new URL(tenant.baseUrl).pathname.replace(/\/+$/, ''),
      extensions: tenant.extensions.map(extensionSchema),
      etag: tenant.supports.etag !== false,
      me: tenant.supports.me !== false,
      ...(extras.sources ? { sources: extras.sources } : {}),
    },
  };
}

function simulatedAuth(tenant: Scim2Tenant, secret: (key: string) => string): GenericAuth {
  const { auth } = tenant;
  switch (auth.type) {
    case 'bearer':
      return { type: 'bearer', token: secret('bearerToken') };
    case 'basic':
      return { type: 'basic', username: auth.username!, password: secret('basicPassword') };
    case 'oauth2-client-credentials':
      return {
        type: 'oauth2-client-credentials',
        tokenPath: new URL(auth.tokenUrl!).pathname,
        clientId: auth.clientId!,
        secret: secret('clientSecret'),
      };
  }
}
