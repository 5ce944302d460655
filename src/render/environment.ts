import { targetOf, type Tenant } from '../targets/index.js';
import { stableId } from '../ids.js';

export interface EnvironmentDefinition {
  id: string;
  name: string;
  values: { key: string; value: string; type: 'default' | 'secret'; enabled: true }[];
  _postman_variable_scope: 'environment';
}

/** The Postman environment file: tenant values in clear, every secret present but empty. */
export function renderEnvironment(tenant: Tenant): EnvironmentDefinition {
  return {
    id: stableId('scimkit', 'environment', tenant.name),
    name: `scimkit ${tenant.name}`,
    values: targetOf(tenant)
      .environment(tenant)
      .filter((v) => !v.alsoLearned)
      .map(({ key, value, type }) => ({ key, value: type === 'secret' ? '' : value, type, enabled: true })),
    _postman_variable_scope: 'environment',
  };
}
