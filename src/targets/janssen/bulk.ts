import { SCIM_BASE, SCOPE_PREFIX, TOKEN_PATH } from '../../sim/janssen/constants.js';
import { basicHeader, updatedName, type BulkShapeOf, type BulkUser } from '../bulk-shape.js';
import type { JanssenTenant } from './profile.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The body of templates/janssen/02-users/02-create-user (its schemas list the profile's user extension). */
function userBody(
  user: BulkUser,
  extension: string,
  name = { givenName: user.givenName, familyName: user.familyName },
) {
  return {
    schemas: [USER_SCHEMA, extension],
    userName: user.userName,
    name: { givenName: name.givenName, familyName: name.familyName },
    displayName: `${name.givenName} ${name.familyName}`,
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: true,
  };
}

/**
 * Janssen's SCIM 2.0 /Users under a token of the users scopes (client credentials, the client in HTTP Basic, as its
 * documentation gets one): PUT to update (02-users/04-replace-user), a PATCH of `active` to deactivate
 * (05-patch-user).
 */
export const janssenBulk: BulkShapeOf<JanssenTenant> = (tenant, { baseUrl, secret }) => {
  const origin = new URL(baseUrl).origin;
  const { clientId, secretEnv } = tenant.client;
  return {
    users: `${origin}${SCIM_BASE}/Users`,
    headers: { Accept: 'application/scim+json', 'Content-Type': 'application/scim+json' },
    updateMethod: 'PUT',
    create: (user) => userBody(user, tenant.userExtension),
    update: (user, id) => ({ ...userBody(user, tenant.userExtension, updatedName(user)), id }),
    deactivate: () => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    }),
    auth: {
      tokenRequest: {
        method: 'POST',
        url: `${origin}${TOKEN_PATH}`,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: basicHeader(clientId, secret('clientSecret')),
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: `${SCOPE_PREFIX}users.read ${SCOPE_PREFIX}users.write`,
        }).toString(),
      },
      // An expired token: 401 say the docs, 403 says the code (../shared/reference): either.
      expired: [401, 403],
      refusal: `the token endpoint refused the client ${clientId}: check that ${secretEnv} holds its secret, and that the client has the users.read and users.write scopes`,
    },
  };
};
