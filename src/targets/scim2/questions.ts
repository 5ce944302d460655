import { secretEnvAfterName, type Answers, type Question } from '../question.js';
import type { Scim2AuthType, Scim2Tenant } from './profile.js';

const when =
  (type: Scim2AuthType) =>
  ({ 'auth.type': chosen }: Answers) =>
    (chosen ?? 'bearer') === type;

/**
 * What `scimkit init` asks for a SCIM 2.0 service, besides its name, URL (the SCIM root) and test data: how it
 * authenticates, and what that needs. What it supports is discovered at run time; say it in the profile to override.
 */
export const scim2Questions: Question<Scim2Tenant>[] = [
  { field: 'auth.type', flag: 'auth', ask: 'Authentication: bearer, basic or oauth2-client-credentials' },
  {
    field: 'auth.tokenEnv',
    flag: 'token-env',
    ask: 'Environment variable holding the bearer token',
    askIf: when('bearer'),
    suggest: secretEnvAfterName('SCIM_TOKEN'),
  },
  { field: 'auth.username', flag: 'username', ask: 'User name (HTTP Basic)', askIf: when('basic') },
  {
    field: 'auth.passwordEnv',
    flag: 'password-env',
    ask: 'Environment variable holding the password',
    askIf: when('basic'),
    suggest: secretEnvAfterName('SCIM_PASSWORD'),
  },
  { field: 'auth.tokenUrl', flag: 'token-url', ask: 'Token URL', askIf: when('oauth2-client-credentials') },
  { field: 'auth.clientId', flag: 'client-id', ask: 'Client id', askIf: when('oauth2-client-credentials') },
  {
    field: 'auth.secretEnv',
    flag: 'client-secret-env',
    ask: "Environment variable holding the client's secret",
    askIf: when('oauth2-client-credentials'),
    suggest: secretEnvAfterName('SCIM_CLIENT_SECRET'),
  },
  { field: 'auth.scope', flag: 'scope', ask: 'Scopes to ask for', askIf: when('oauth2-client-credentials') },
];
