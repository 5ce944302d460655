import { secretEnvAfterName, type Question } from '../question.js';
import type { Ws1AccessTenant } from './profile.js';

/**
 * What `scimkit init` asks for a Workspace ONE Access profile, besides its name, URL and test data. The scoped
 * SCIM token (scopedClient, serviceAccount, scimRole) is an advanced set-up, added by hand.
 */
export const ws1AccessQuestions: Question<Ws1AccessTenant>[] = [
  { field: 'directory.name', flag: 'directory-name', ask: "Name of the directory of type Other for Okta's users" },
  { field: 'directory.domain', flag: 'directory-domain', ask: "Its domain (Okta's domain attribute carries it)" },
  { field: 'adminClient.clientId', flag: 'admin-client-id', ask: 'Client id of the admin Service Client Token client' },
  {
    field: 'adminClient.secretEnv',
    flag: 'admin-secret-env',
    ask: 'Environment variable holding its secret',
    suggest: secretEnvAfterName('ADMIN_SECRET'),
  },
  { field: 'oktaClient.clientId', flag: 'okta-client-id', ask: 'Client id of the OAuth client for Okta' },
  { field: 'oktaClient.accessTokenTTL', flag: 'okta-token-ttl', ask: "Lifetime of Okta's token, in minutes" },
  {
    field: 'oktaClient.secretEnv',
    flag: 'okta-secret-env',
    ask: "Environment variable that will hold the Okta client's secret",
  },
  {
    field: 'mediaTypes',
    flag: 'media-types',
    ask: 'Media types to send: vendor (the 2018 API), json (the 2025 API) or both',
  },
];
