import { checkDefects } from '../../sim/defects.js';
import type { JanssenOptions } from '../../sim/janssen/context.js';
import { janssenDefects, type JanssenDefect } from '../../sim/janssen/defects.js';
import type { JanssenState } from '../../sim/janssen/state.js';
import { serve, type Listening, type RunningSimulator } from '../../sim/shell/server.js';
import type { SimulatorExtras } from '../target.js';
import type { JanssenTenant } from './profile.js';

export interface JanssenSimulatorOptions extends Listening {
  /** The bundled "SCIM Client": may obtain tokens with any SCIM scope. */
  adminClient: { clientId: string; secret: string };
  defects?: JanssenDefect[];
  janssen?: JanssenOptions;
}

export type RunningJanssenSimulator = RunningSimulator<JanssenState, JanssenDefect>;

/** Starts a simulated Janssen Server. */
export async function startJanssenSimulator(options: JanssenSimulatorOptions): Promise<RunningJanssenSimulator> {
  const defects = checkDefects(options.defects ?? [], janssenDefects, 'janssen');
  // Loaded here so commands that never simulate do not pay for Express.
  const { createJanssenApp } = await import('../../sim/janssen/app.js');
  return serve(createJanssenApp(options.adminClient, options.janssen, defects), options);
}

/** The simulator of this profile's server: it trusts the SCIM client, and holds a device to read and delete. */
export function janssenSimulator(
  tenant: JanssenTenant,
  secret: (key: string) => string,
  extras: SimulatorExtras = {},
): JanssenSimulatorOptions {
  return {
    host: extras.host,
    port: extras.port,
    adminClient: { clientId: tenant.client.clientId, secret: secret('clientSecret') },
    // Checked where the simulator starts.
    defects: extras.defects as JanssenDefect[] | undefined,
    // A device to read, update and delete, so that the device requests run instead of reporting none.
    janssen: {
      fidoDevices: tenant.fidoDevices,
      userExtension: tenant.userExtension,
      seedDevices: true,
      ...(extras.sources ? { sources: extras.sources } : {}),
    },
  };
}
