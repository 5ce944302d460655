import type { SimulatorExtras } from '../targets/target.js';
import { targetOf, type Tenant } from '../targets/index.js';

/** Where a run sends its requests, and how to let go of it afterwards. */
export interface Endpoint {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The tenant a run talks to: the embedded simulator of the profile's target (seeded with the run's secrets), or a
 * real tenant at the given URL.
 */
export async function openEndpoint(
  tenant: Tenant,
  options: { sim: boolean; baseUrl: string; secret: (key: string) => string; simulator: SimulatorExtras },
): Promise<Endpoint> {
  if (!options.sim) return { baseUrl: options.baseUrl, close: async () => {} };
  const simulator = await targetOf(tenant).simulate(tenant, options.secret, options.simulator);
  return { baseUrl: simulator.url, close: () => simulator.close() };
}
