import { basicHeader, updatedName, type BulkShapeOf, type BulkUser } from '../bulk-shape.js';
import type { Ws1AccessTenant } from './profile.js';

const SCHEMAS = ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:workspace:1.0'];

/**
 * The body of templates/ws1-access/partials/scim/create-user (Create Users as Okta sends it): a PROVISIONED user in
 * the profile's directory of type Other, by its domain.
 */
function userBody(user: BulkUser, domain: string, runId: string, prefix: string, name = { ...user }) {
  return {
    schemas: SCHEMAS,
    userName: user.userName,
    name: { givenName: name.givenName, familyName: name.familyName },
    displayName: `${name.givenName} ${name.familyName}`,
    emails: [{ value: user.email, type: 'work', primary: true }],
    externalId: `${prefix}-${runId}-00u${user.index}`,
    active: true,
    'urn:scim:schemas:extension:workspace:1.0': { internalUserType: 'PROVISIONED', domain },
  };
}

/**
 * The SCIM 1.1 /Users of the admin API under the admin client's token (Generate OAuth Bearer Token): no PUT on users,
 * so the update is the whole profile as a PATCH and the deactivation a PATCH of active alone, as the templates send
 * them. Users go into the profile's directory (its domain): a bulk run needs the documents' set-up done.
 */
export const ws1AccessBulk: BulkShapeOf<Ws1AccessTenant> = (tenant, { baseUrl, runId, secret }) => {
  const origin = new URL(baseUrl).origin;
  const { domain } = tenant.directory;
  const { prefix } = tenant.testData;
  return {
    users: `${origin}/SAAS/jersey/manager/api/scim/Users`,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'Okta SCIM Client 1.0.0' },
    updateMethod: 'PATCH',
    create: (user) => userBody(user, domain, runId, prefix),
    update: (user) => userBody(user, domain, runId, prefix, { ...user, ...updatedName(user) }),
    deactivate: () => ({ schemas: ['urn:scim:schemas:core:1.0'], active: false }),
    auth: {
      tokenRequest: {
        method: 'POST',
        url: `${origin}/SAAS/auth/oauthtoken`,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: basicHeader(tenant.adminClient.clientId, secret('adminClientSecret')),
        },
        body: 'grant_type=client_credentials&scope=admin',
      },
      refusal: `the tenant refused the admin client ${tenant.adminClient.clientId}: check that ${tenant.adminClient.secretEnv} holds its secret`,
    },
  };
};
