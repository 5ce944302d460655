import { basicHeader, updatedName, type BulkShapeOf, type BulkUser } from '../bulk-shape.js';
import type { Scim2Tenant } from './profile.js';
import { scim2RunValues } from './environment.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The body templates/scim2/03-create-users/02-create-user sends (Okta's), for one bulk user. */
function userBody(user: BulkUser, name = { givenName: user.givenName, familyName: user.familyName }) {
  return {
    schemas: [USER_SCHEMA],
    userName: user.userName,
    name: { givenName: name.givenName, familyName: name.familyName },
    emails: [{ primary: true, value: user.email, type: 'work' }],
    displayName: `${name.givenName} ${name.familyName}`,
    locale: 'en-US',
    externalId: `00u${user.index}`,
    groups: [],
    active: true,
  };
}

/**
 * RFC 7644 users under the SCIM root: Okta's create, a PUT of the whole user to update (RFC 7644 §3.5.1, what Okta
 * sends), and its path-less PATCH of active:false to deactivate (templates/scim2/06-patch-users).
 */
export const scim2Bulk: BulkShapeOf<Scim2Tenant> = (tenant, { baseUrl, secret }) => {
  const { auth } = tenant;
  const tokenUrl = scim2RunValues(tenant, { baseUrl, simulated: false }).tokenUrl ?? auth.tokenUrl;
  return {
    users: `${baseUrl.replace(/\/+$/, '')}/Users`,
    headers: { Accept: 'application/scim+json', 'Content-Type': 'application/scim+json' },
    updateMethod: 'PUT',
    create: (user) => userBody(user),
    update: (user, id) => ({ ...userBody(user, updatedName(user)), id }),
    deactivate: () => ({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] }),
    auth:
      auth.type === 'bearer'
        ? { header: `Bearer ${secret('bearerToken')}` }
        : auth.type === 'basic'
          ? { header: basicHeader(auth.username!, secret('basicPassword')) }
          : {
              tokenRequest: {
                method: 'POST',
                url: tokenUrl!,
                headers: {
                  Accept: 'application/json',
                  'Content-Type': 'application/x-www-form-urlencoded',
                  Authorization: basicHeader(auth.clientId!, secret('clientSecret')),
                },
                body: new URLSearchParams({
                  grant_type: 'client_credentials',
                  ...(auth.scope ? { scope: auth.scope } : {}),
                }).toString(),
              },
              refusal: `the token URL refused the client ${auth.clientId}: check that ${auth.secretEnv} holds its secret, and auth.scope in the profile`,
            },
  };
};
