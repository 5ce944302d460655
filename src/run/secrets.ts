import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { EnvironmentValue } from '../render/environment.js';

export interface ResolvedValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
}

/**
 * Fills the secret environment values from the process environment, in memory only. With the simulator,
 * a missing secret is replaced by a random one the simulator is seeded with, so a demo needs no set-up.
 */
export function resolveSecrets(
  values: EnvironmentValue[],
  env: NodeJS.ProcessEnv,
  options: { source: string; generateMissing: boolean },
): ResolvedValue[] {
  return values.map(({ key, value, type, fromEnv, optional, seedsSimulator }) => {
    const secret = fromEnv ? env[fromEnv] : undefined;
    if (secret) return { key, value: secret, type };
    if (options.generateMissing && seedsSimulator) return { key, value: randomBytes(24).toString('base64url'), type };
    if (!fromEnv || optional) return { key, value, type };
    throw new UsageError(
      `${fromEnv} is not set: export the secret for ${key} in it (the profile ${options.source} names it), or run with --sim`,
    );
  });
}
