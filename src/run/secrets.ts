import { randomInt } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { EnvironmentValue } from '../targets/environment-value.js';
import type { RunMode } from '../names.js';

export interface ResolvedValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
}

export interface SecretSettings {
  /** The profile file, for messages. */
  source: string;
  mode: RunMode;
  /** A run against the embedded simulator: what seeds it may be made up. */
  sim: boolean;
  /** The user asked for the secrets the run makes (--reveal-to): a set-up run may make them up. */
  handOver: boolean;
}

/** Where a run's value of a secret comes from. */
export type SecretSource = 'environment' | 'made up' | 'left empty' | 'missing';

/**
 * Where a secret comes from: its variable when set. Otherwise it is made up when that is safe: the secret of
 * something the run itself creates (deleted again by a verification run, handed over to the user by a set-up run
 * with --reveal-to), or one the simulator is seeded with. A set-up run without a hand-over does not create what it
 * could not hand over (the collection says so), and optional ones stay empty; any other is missing.
 */
export function secretSource(value: EnvironmentValue, env: NodeJS.ProcessEnv, settings: SecretSettings): SecretSource {
  const { fromEnv, optional, seedsSimulator, createdByRun } = value;
  if (fromEnv && env[fromEnv]) return 'environment';
  const makeUp =
    (createdByRun && (settings.mode === 'verify' || (settings.mode === 'setup' && settings.handOver))) ||
    (seedsSimulator && settings.sim);
  if (makeUp) return 'made up';
  if (!fromEnv || optional || (createdByRun && settings.mode === 'setup')) return 'left empty';
  return 'missing';
}

/** Fills the secret environment values, in memory only, from where secretSource says. */
export function resolveSecrets(
  values: EnvironmentValue[],
  env: NodeJS.ProcessEnv,
  settings: SecretSettings,
): ResolvedValue[] {
  const resolved = values.map((v) => {
    const { key, type, fromEnv } = v;
    switch (secretSource(v, env, settings)) {
      case 'environment': {
        const secret = env[fromEnv!]!;
        if (/\{\{|\}\}/.test(secret)) {
          throw new UsageError(
            `${fromEnv} holds "{{" or "}}", which Postman would read as a variable; a secret with them cannot be sent as it is`,
          );
        }
        return { key, value: secret, type };
      }
      case 'made up':
        return { key, value: strongSecret(), type };
      case 'left empty':
        return { key, value: v.value, type };
      case 'missing':
        throw new UsageError(
          `${fromEnv} is not set: export the secret for ${key} in it (the profile ${settings.source} names it), or run with --sim`,
        );
    }
  });
  // An empty one would hide the collection variable the run learns it in (see EnvironmentValue.alsoLearned).
  return resolved.filter((v, i) => v.value || !values[i]!.alsoLearned);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A secret of 48 letters and digits (285 bits): as long as the one the vendor's console generates, and free of
 * characters a tenant, a shell or a dotenv file could read otherwise.
 */
export function strongSecret(): string {
  let secret = '';
  for (let i = 0; i < 48; i += 1) secret += ALPHABET[randomInt(ALPHABET.length)];
  return secret;
}
