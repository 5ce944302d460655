import type { Tenant } from '../tenant/types.js';
import { stableId } from './ids.js';
import { janssenEnvironment } from './targets/janssen.js';
import { ws1AccessEnvironment, ws1AccessRunScoped } from './targets/ws1-access.js';

/** One environment value. Secrets are rendered empty; `fromEnv` names the variable a run fills them from. */
export interface EnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  fromEnv?: string;
  /** A run goes on without it (the collection says what it could not do). */
  optional?: true;
  /** The embedded simulator is seeded with it, so under --sim a missing one is made up. */
  seedsSimulator?: true;
}

export interface EnvironmentDefinition {
  id: string;
  name: string;
  values: { key: string; value: string; type: 'default' | 'secret'; enabled: true }[];
  _postman_variable_scope: 'environment';
}

export function environmentValues(tenant: Tenant): EnvironmentValue[] {
  switch (tenant.target) {
    case 'ws1-access':
      return ws1AccessEnvironment(tenant);
    case 'janssen':
      return janssenEnvironment(tenant);
  }
}

/** Environment values a verification run overrides, so that everything it creates is named after the run. */
export function runScopedValues(tenant: Tenant, runId: string): Record<string, string> {
  // A Janssen run creates users and groups only, named after the run by the collection itself.
  return tenant.target === 'ws1-access' ? ws1AccessRunScoped(tenant, runId) : {};
}

/** The Postman environment file: tenant values in clear, every secret present but empty. */
export function renderEnvironment(tenant: Tenant): EnvironmentDefinition {
  return {
    id: stableId('scimkit', 'environment', tenant.name),
    name: `scimkit ${tenant.name}`,
    values: environmentValues(tenant).map(({ key, value, type }) => ({
      key,
      value: type === 'secret' ? '' : value,
      type,
      enabled: true,
    })),
    _postman_variable_scope: 'environment',
  };
}
