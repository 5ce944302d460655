import type { GenericScim2Defect } from '../../src/sim/generic-scim2/defects.js';

const DISCOVERY = 'Discovery (RFC 7644 §4)';
const AUTHENTICATION = 'Authentication (RFC 7644 §2)';
const CREATE = 'Creating users (RFC 7644 §3.3)';
const RETRIEVE = 'Retrieving users (RFC 7644 §3.4)';
const PUT = 'Replacing users with PUT (RFC 7644 §3.5.1)';
const PATCH = 'Modifying users with PATCH (RFC 7644 §3.5.2)';
const GROUPS = 'Groups (RFC 7643 §4.2, RFC 7644 §3)';
const DELETE = 'Deleting users (RFC 7644 §3.6)';
const MEDIA = 'Media types (RFC 7644 §3.8)';
const BULK = 'Bulk operations (RFC 7644 §3.7)';
const ETAGS = 'Versioning resources with ETags (RFC 7644 §3.14)';
const ME = 'The authenticated subject, /Me (RFC 7644 §3.11)';
const ENTRA = 'Entra ID replay (Microsoft Entra provisioning)';

/** The enterprise extension, as a profile lists it (`extensions:`), with one attribute to send and read back. */
export const ENTERPRISE = {
  schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  attributes: { costCenter: '4130' },
};

/**
 * The checks that catch each defect of the generic SCIM 2.0 simulator, and the folders its run needs (the folder of
 * the check, and those whose users it reads). A SHOULD check that catches a defect makes a warning, not a failure.
 * `profile`: what the test profile needs besides (fields of a scim2 profile), for the checks to run at all.
 */
export const scim2Controls: Record<
  GenericScim2Defect,
  { folders: string[]; caughtBy: string[]; level?: 'SHOULD'; profile?: Record<string, unknown> }
> = {
  'discovery-by-id-missing': {
    folders: [DISCOVERY],
    caughtBy: [
      `${DISCOVERY} / Get the User resource type by id / status is 200`,
      `${DISCOVERY} / Get the User schema by id / status is 200`,
    ],
  },
  'anonymous-access': {
    folders: [AUTHENTICATION],
    caughtBy: [`${AUTHENTICATION} / A request without credentials is refused (401) / status is 401`],
  },
  'any-credentials-accepted': {
    folders: [AUTHENTICATION],
    caughtBy: [`${AUTHENTICATION} / A request with wrong credentials is refused (401) / status is 401`],
  },
  'error-status-as-number': {
    folders: [RETRIEVE],
    caughtBy: [`${RETRIEVE} / An unknown id is 404 in the Error format / error body is a SCIM Error with status "404"`],
  },
  'user-create-status-200': {
    folders: [CREATE],
    caughtBy: [`${CREATE} / Create a user as Okta does / status is 201`],
  },
  'create-location-mismatch': {
    folders: [CREATE],
    caughtBy: [`${CREATE} / Create a user as Okta does / Location header is the URL of the new user`],
  },
  'create-answers-id-only': {
    folders: [CREATE],
    caughtBy: [`${CREATE} / Create a user as Okta does / the new user is returned, as sent`],
    level: 'SHOULD',
  },
  'duplicate-user-accepted': {
    folders: [CREATE],
    caughtBy: [`${CREATE} / Creating the same userName again is refused (409 uniqueness) / status is 409`],
  },
  'paging-fields-as-strings': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [`${RETRIEVE} / List the users one to a page / totalResults, startIndex and itemsPerPage are integers`],
  },
  'paging-ignores-start-index': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [
      `${RETRIEVE} / The second page holds another user / another user than on the first page, from startIndex 2`,
    ],
  },
  'paging-ignores-count': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [`${RETRIEVE} / List the users one to a page / at most one user on the page, of at least two`],
  },
  'pages-one-short': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [`${RETRIEVE} / List the users one to a page / a user on the page, as Okta needs`],
    level: 'SHOULD',
  },
  'filter-case-sensitive': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [
      `${RETRIEVE} / Find the user by its userName in upper case / exactly the user, whatever the case of its userName`,
    ],
  },
  'filter-miss-404': {
    folders: [CREATE],
    caughtBy: [`${CREATE} / Look up the user before creating it (Okta) / status is 200`],
  },
  'attributes-ignored': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [
      `${RETRIEVE} / Only the attributes asked for (attributes) / attributes not asked for are left out (name, emails)`,
    ],
  },
  'sort-ignored': {
    folders: [DISCOVERY, CREATE, RETRIEVE],
    caughtBy: [`${RETRIEVE} / Sort users by userName, descending / the users come in descending userName order`],
  },
  'put-returns-old-resource': {
    folders: [CREATE, PUT],
    caughtBy: [`${PUT} / Replace the user with the full modified object (Okta) / the new values are returned`],
  },
  'patch-pathless-refused': {
    folders: [CREATE, PATCH],
    caughtBy: [`${PATCH} / Deactivate the user as Okta does (no path) / status is 200 with the resource, or 204`],
  },
  'patch-member-filter-unsupported': {
    folders: [CREATE, GROUPS],
    caughtBy: [`${GROUPS} / Remove a member by a value filter / status is 200 with the resource, or 204`],
  },
  'delete-keeps-resource': {
    folders: [CREATE, DELETE],
    caughtBy: [`${DELETE} / The deleted user is gone (404) / status is 404`],
  },
  'json-media-type': {
    folders: [MEDIA],
    caughtBy: [
      `${MEDIA} / Accept application/scim+json is answered in application/scim+json / Content-Type is application/scim+json`,
    ],
  },
  'bulk-id-unresolved': {
    folders: [DISCOVERY, BULK],
    caughtBy: [
      `${BULK} / Create a user and a group holding it in one bulk request / each operation answered 201: the user, then the group that refers to it by bulkId`,
    ],
  },
  'etag-header-mismatch': {
    folders: [DISCOVERY, CREATE, ETAGS],
    caughtBy: [`${ETAGS} / Get the user with its version (ETag) / meta.version equals the ETag header`],
    level: 'SHOULD',
  },
  'if-none-match-ignored': {
    folders: [DISCOVERY, CREATE, ETAGS],
    caughtBy: [`${ETAGS} / A GET naming the current version in If-None-Match is 304, with no body / status is 304`],
  },
  'if-match-ignored': {
    folders: [DISCOVERY, CREATE, ETAGS],
    caughtBy: [
      `${ETAGS} / A PUT naming the old version in If-Match is refused (412) / status is 412`,
      `${ETAGS} / A PATCH naming the old version in If-Match is refused (412) / status is 412`,
    ],
  },
  'me-missing': {
    folders: [ME],
    caughtBy: [
      `${ME} / Get the authenticated subject (/Me) / status is 200 or 308 (supported), or 501 (not supported)`,
    ],
    level: 'SHOULD',
  },
  'extension-dropped': {
    folders: [CREATE, RETRIEVE],
    caughtBy: [
      `${RETRIEVE} / The second user keeps its extension ${ENTERPRISE.schema} / the extension's attributes are kept, as sent`,
    ],
    profile: { extensions: [ENTERPRISE] },
  },
  // Entra ID's capitalised op names: RFC 7644 spells them in lower case, so the checks that need them are SHOULD.
  'patch-op-case-sensitive': {
    folders: [DISCOVERY, ENTRA],
    caughtBy: [
      `${ENTRA} / Update the user's multi-valued properties (Replace) / status is 200 with the resource, or 204`,
      `${ENTRA} / Disable the user (Replace active) / status is 200 with the resource, or 204`,
      `${ENTRA} / Add members (Add members) / status is 200 with the resource, or 204`,
    ],
    level: 'SHOULD',
  },
  'patch-remove-value-ignored': {
    folders: [DISCOVERY, ENTRA],
    caughtBy: [`${ENTRA} / Remove a member by its value (Remove members) / only the member named is removed`],
    level: 'SHOULD',
  },
  'manager-ignored': {
    folders: [DISCOVERY, ENTRA],
    caughtBy: [`${ENTRA} / Add the manager (Add) / the manager is the one sent`],
    level: 'SHOULD',
  },
  'filter-externalid-unsupported': {
    folders: [ENTRA],
    caughtBy: [`${ENTRA} / Query the user by externalId (Entra ID's matching) / status is 200`],
  },
  'group-search-excluded-attributes-ignored': {
    folders: [DISCOVERY, ENTRA],
    caughtBy: [`${ENTRA} / Get the group by displayName, without its members / exactly the group, without members`],
  },
};
