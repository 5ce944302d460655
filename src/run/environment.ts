import type { RunMode } from '../names.js';
import { Redactor } from '../report/redact.js';
import type { EnvironmentValue } from '../targets/environment-value.js';
import { targetOf, type Tenant } from '../targets/index.js';
import { resolveSecrets, type ResolvedValue, type SecretSettings } from './secrets.js';

/**
 * The one place a run's environment is assembled: the values the profile's target declares, their secrets filled
 * in (see secrets.ts), and what the run sets over them: the run id, the run-scoped names of a verification run, and
 * the origin it sends to.
 */
export interface RunEnvironment {
  /** The profile's values, secrets filled in. */
  values: ResolvedValue[];
  /** A secret's value by its key ('' when none): what seeds a simulator and the hand-over. */
  secret(key: string): string;
}

export function environmentValues(tenant: Tenant): EnvironmentValue[] {
  return targetOf(tenant).environment(tenant);
}

/** The profile's environment with its secrets, from where secretSource says; nothing is written anywhere. */
export function resolveEnvironment(tenant: Tenant, env: NodeJS.ProcessEnv, settings: SecretSettings): RunEnvironment {
  const values = resolveSecrets(environmentValues(tenant), env, settings);
  return { values, secret: (key) => values.find((v) => v.key === key)?.value ?? '' };
}

/** What a run sets over the profile's values. */
export function runOverrides(
  tenant: Tenant,
  run: { mode: RunMode; runId: string; baseUrl: string; simulated?: boolean },
) {
  const where = { baseUrl: run.baseUrl, simulated: Boolean(run.simulated) };
  return { runId: run.runId, ...targetOf(tenant).runValues(tenant, run.mode, run.runId, where), baseUrl: run.baseUrl };
}

/** The origins a run may send to: the tenant's, and those its target trusts besides (see Target.trustedOrigins). */
export function trustedOrigins(tenant: Tenant, where: { baseUrl: string; simulated: boolean }): string[] {
  const others = targetOf(tenant).trustedOrigins?.(tenant, where) ?? [];
  return [...new Set([new URL(where.baseUrl).origin, ...others])];
}

/** The environment a run sends with: the values given (secrets resolved, or masked by a plan), overridden. */
export function withOverrides(
  values: readonly { key: string; value: string; type: 'default' | 'secret' }[],
  overrides: Record<string, string>,
): ResolvedValue[] {
  const result = values.map(({ key, value, type }) => ({ key, type, value: overrides[key] ?? value }));
  for (const [key, value] of Object.entries(overrides)) {
    if (!values.some((v) => v.key === key)) result.push({ key, value, type: 'default' });
  }
  return result;
}

/** Masks every secret of the run, and the client ids a Basic header pairs them with. */
export function redactorFor(values: RunEnvironment['values']): Redactor {
  return new Redactor(
    values.filter((v) => v.type === 'secret').map((v) => v.value),
    values.filter((v) => /clientId$/i.test(v.key)).map((v) => v.value),
  );
}
