/** Where Janssen serves its SCIM API, and its token endpoint. */
export const SCIM_BASE = '/jans-scim/restv1/v2';
export const TOKEN_PATH = '/jans-auth/restv1/token';

/** The prefix of every SCIM scope (oauth-protection.md). */
export const SCOPE_PREFIX = 'https://jans.io/scim/';

/** The SCIM scopes, without their prefix. fido.* belong to the U2F endpoint that current servers removed. */
export const SCIM_SCOPES = [
  'users.read',
  'users.write',
  'groups.read',
  'groups.write',
  'fido.read',
  'fido.write',
  'fido2.read',
  'fido2.write',
  'bulk',
  'all-resources.search',
] as const;
export type ScimScope = (typeof SCIM_SCOPES)[number];

/** The schemas of Janssen's own resource types, the FIDO devices. */
export const DEVICE_URN = {
  fidoDevice: 'urn:ietf:params:scim:schemas:core:2.0:FidoDevice',
  fido2Device: 'urn:ietf:params:scim:schemas:core:2.0:Fido2Device',
} as const;

/** USER_EXT_SCHEMA_ID ("GluuUserCustomExtension"); a deployment may change it in the TUI. */
export const DEFAULT_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:gluu:2.0:User';

/** Janssen's defaults for the SCIM configuration (maxCount) and for Bulk (bulkMaxOperations, bulkMaxPayloadSize). */
export const DEFAULT_MAX_COUNT = 200;
export const BULK_MAX_OPERATIONS = 30;
export const BULK_MAX_PAYLOAD_SIZE = 3_072_000;
