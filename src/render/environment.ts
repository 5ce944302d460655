import type { Tenant } from '../tenant/types.js';
import { stableId } from './ids.js';
import { janssenEnvironment } from './targets/janssen.js';
import { ws1AccessEnvironment, ws1AccessRunValues } from './targets/ws1-access.js';
import type { RunMode } from '../names.js';
import type { EnvironmentValue } from './environment-value.js';

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

/**
 * Environment values a scimkit run sets over the profile's: a verification run names everything it creates after
 * the run, and no run can show the user an answer the way Postman does.
 */
export function runValues(tenant: Tenant, mode: RunMode, runId: string): Record<string, string> {
  // A Janssen run creates users and groups only, named after the run by the collection itself.
  return tenant.target === 'ws1-access' ? ws1AccessRunValues(tenant, mode, runId) : {};
}

/** The Postman environment file: tenant values in clear, every secret present but empty. */
export function renderEnvironment(tenant: Tenant): EnvironmentDefinition {
  return {
    id: stableId('scimkit', 'environment', tenant.name),
    name: `scimkit ${tenant.name}`,
    values: environmentValues(tenant)
      .filter((v) => !v.alsoLearned)
      .map(({ key, value, type }) => ({ key, value: type === 'secret' ? '' : value, type, enabled: true })),
    _postman_variable_scope: 'environment',
  };
}
