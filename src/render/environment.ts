import type { Tenant } from '../tenant/types.js';
import { stableId } from './ids.js';
import { ws1AccessEnvironment } from './targets/ws1-access.js';

/** One environment value. Secrets are rendered empty; `fromEnv` names the variable a run fills them from. */
export interface EnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  fromEnv?: string;
}

export interface EnvironmentDefinition {
  id: string;
  name: string;
  values: { key: string; value: string; type: 'default' | 'secret'; enabled: true }[];
  _postman_variable_scope: 'environment';
}

const valuesByTarget: { [T in Tenant['target']]: (tenant: Extract<Tenant, { target: T }>) => EnvironmentValue[] } = {
  'ws1-access': ws1AccessEnvironment,
};

export function environmentValues(tenant: Tenant): EnvironmentValue[] {
  return valuesByTarget[tenant.target](tenant);
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
