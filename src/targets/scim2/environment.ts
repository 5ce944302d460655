import type { EnvironmentValue } from '../environment-value.js';
import type { RunEndpoint } from '../target.js';
import { FEATURES, type Scim2Tenant } from './profile.js';

/** The collection variable of a feature: supportsPatch, supportsGroups, ... */
export function supportsVariable(feature: string): string {
  return `supports${feature[0]!.toUpperCase()}${feature.slice(1)}`;
}

/**
 * Environment of a SCIM 2.0 service: its root, the credentials of its auth type (secrets by their variables), what
 * the profile says it supports (the rest is discovered at run time), and the attribute users are matched by.
 */
export function scim2Environment(tenant: Scim2Tenant): EnvironmentValue[] {
  const { auth } = tenant;
  const secret = (key: string, fromEnv: string): EnvironmentValue => ({
    key,
    value: '',
    type: 'secret',
    fromEnv,
    seedsSimulator: true,
  });
  const credentials: EnvironmentValue[] =
    auth.type === 'bearer'
      ? [secret('bearerToken', auth.tokenEnv!)]
      : auth.type === 'basic'
        ? [{ key: 'basicUsername', value: auth.username!, type: 'default' }, secret('basicPassword', auth.passwordEnv!)]
        : [
            { key: 'tokenUrl', value: auth.tokenUrl!, type: 'default' },
            { key: 'clientId', value: auth.clientId!, type: 'default' },
            secret('clientSecret', auth.secretEnv!),
            { key: 'tokenScope', value: auth.scope ?? '', type: 'default' },
          ];
  // Declared here, they win over discovery: an environment value hides the collection variable of the same name.
  const declared: EnvironmentValue[] = FEATURES.filter((f) => tenant.supports[f] !== undefined).map((f) => ({
    key: supportsVariable(f),
    value: String(tenant.supports[f]),
    type: 'default',
  }));
  return [
    { key: 'baseUrl', value: tenant.baseUrl, type: 'default' },
    { key: 'authType', value: auth.type, type: 'default' },
    ...credentials,
    ...declared,
    { key: 'matchAttribute', value: tenant.matchAttribute, type: 'default' },
    { key: 'testPrefix', value: tenant.testData.prefix, type: 'default' },
  ];
}

/**
 * The token URL a run sends to: one on the profile's origin follows where the run sends (--base-url, the
 * simulator, which serves it too); one on another origin stays, but for the simulator.
 */
export function scim2RunValues(tenant: Scim2Tenant, where: RunEndpoint): Record<string, string> {
  const { tokenUrl } = tenant.auth;
  if (tokenUrl === undefined) return {};
  const token = new URL(tokenUrl);
  if (!where.simulated && token.origin !== new URL(tenant.baseUrl).origin) return {};
  return { tokenUrl: `${new URL(where.baseUrl).origin}${token.pathname}` };
}

/** The authorization server's origin, when the profile trusts one of its own (auth.trustTokenOrigin). */
export function scim2TrustedOrigins(tenant: Scim2Tenant, where: RunEndpoint): string[] {
  const { tokenUrl } = { ...tenant.auth, ...scim2RunValues(tenant, where) };
  return tokenUrl === undefined ? [] : [new URL(tokenUrl).origin];
}
