import { environmentValues } from '../run/environment.js';
import type { Tenant } from '../targets/index.js';

/**
 * The secrets the examples run is given, by the variable each is read from: invented, the same on every run, never
 * the user's (no variable is read, and none needs to be set). Like any secret of a run they are masked wherever an
 * answer would show them (src/report/redact.ts). An optional one is given only when it seeds the simulator (the
 * service account's password): the refresh token stays unset, so that the scoped token comes from the login.
 */
export function inventedSecrets(tenant: Tenant): Record<string, string> {
  return Object.fromEntries(
    environmentValues(tenant)
      .filter((value) => value.type === 'secret' && value.fromEnv && (!value.optional || value.seedsSimulator))
      .map((value) => [value.fromEnv!, inventedSecret(value.key)]),
  );
}

/** The invented secret for an environment value: long enough to be masked, and plain to spot if it ever leaked. */
export function inventedSecret(key: string): string {
  return `invented-${key}-for-scimkit-examples`;
}
