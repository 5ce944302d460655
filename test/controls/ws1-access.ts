import type { Ws1AccessDefect } from '../../src/sim/ws1-access/defects.js';
import { GROUP_FOLDERS, USER_FOLDERS } from '../support/run.js';

/**
 * Every family of checks the collection makes, proven able to fail: a simulator broken in exactly one way
 * must make the run exit 1 and name the checks that caught it.
 */
export interface Ws1AccessControl {
  family: string;
  caughtBy: string[];
  /** The folders the run needs to meet the defect: those whose checks catch it, and those they chain from. */
  folders: string[];
  /** Clean-up leaves the tenant as it found it. */
  cleansUp: boolean;
  /** 1 for failed checks (the default), 2 when the tenant stops answering. */
  exitCode?: 1 | 2;
  /** Profile fields the run is made with, when the defect meets only some profiles. */
  profile?: Record<string, unknown>;
  /** A documented failure (templates/ws1-access/diagnoses.yaml) whose cause and fix this failed check must name. */
  diagnosis?: { check: string; id: string };
}

// The admin token comes from the collection's own script; the Okta token and the directory from their folders.
const OKTA = ['OAuth 2.0 client for Okta', 'Okta bearer token'];
const USERS = USER_FOLDERS;
const GROUPS = GROUP_FOLDERS;
const DELETE = [...USERS, 'Delete the user'];
const TEST_API = [...OKTA, 'Test API credentials'];
const SCOPED = ['Scoped SCIM token'];

export const ws1AccessControls: Record<Ws1AccessDefect, Ws1AccessControl> = {
  'user-create-status-200': {
    folders: USERS,
    family: 'status',
    caughtBy: ['User lifecycle / Create the user in the Other directory / status is 201'],
    cleansUp: true,
  },
  'scim-content-type-text': {
    folders: [...GROUPS, 'Test API credentials'],
    family: 'Content-Type',
    caughtBy: [
      'Test API credentials / List users as Okta does / Content-Type is JSON',
      'User lifecycle / Create the user in the Other directory / Content-Type is JSON',
      "Groups / Create the group in the directory's domain / Content-Type is JSON",
    ],
    cleansUp: true,
  },
  'no-location-header': {
    folders: USERS,
    family: 'body and header fields',
    caughtBy: ['User lifecycle / Create the user in the Other directory / Location header points to the new user'],
    cleansUp: true,
  },
  'token-ignores-ttl': {
    folders: OKTA,
    family: 'body and header fields',
    caughtBy: ['Okta bearer token / Get the Okta bearer token / expires_in agrees with the configured TTL'],
    cleansUp: true,
  },
  'wrong-user-id': {
    folders: USERS,
    family: 'chained id',
    caughtBy: [
      'User lifecycle / Create the user in the Other directory / Location header points to the new user',
      'User lifecycle / Get the user by id / status is 200',
    ],
    cleansUp: false, // the real id was never given out: nobody can delete what they cannot name
  },
  'duplicate-user-accepted': {
    folders: USERS,
    family: '409',
    caughtBy: ['User lifecycle / Creating the same userName again is refused / status is 409'],
    cleansUp: true, // the duplicate went to the ledger
  },
  'delete-keeps-user': {
    folders: DELETE,
    family: '404 after delete',
    caughtBy: [
      'Delete the user / Verify the user is gone / deleted user is gone (404)',
      'Delete the user / Look up the deleted user by userName / the deleted user is no longer found',
    ],
    diagnosis: {
      check: 'Delete the user / Verify the user is gone / deleted user is gone (404)',
      id: 'deleted-user-updated',
    },
    cleansUp: false, // its DELETE keeps everything
  },
  'ignore-domain': {
    folders: GROUPS,
    family: 'domain rules',
    caughtBy: [
      "User lifecycle / Create the user in the Other directory / user is in the directory's domain",
      "User lifecycle / A user outside the directory's domain is refused / status is 400",
      "Groups / Create the group in the directory's domain / group is in the directory's domain",
    ],
    diagnosis: {
      check: "Groups / Create the group in the directory's domain / group is in the directory's domain",
      id: 'groups-in-system-domain',
    },
    cleansUp: true, // the stray user went to the ledger
  },
  'scim-without-token': {
    folders: TEST_API,
    family: 'authentication',
    caughtBy: ['Test API credentials / A request without a token is refused / status is 401'],
    cleansUp: true,
  },
  'member-delete-ignored': {
    folders: GROUPS,
    family: 'group membership',
    caughtBy: ['Groups / Verify the rename and the removal / members no longer include the user'],
    cleansUp: true,
  },
  'client-ttl-ignored': {
    folders: OKTA,
    family: 'client settings',
    caughtBy: [
      'OAuth 2.0 client for Okta / Read the Okta client back / accessTokenTTL is the configured 1576800 minutes',
      'Okta bearer token / Get the Okta bearer token / expires_in agrees with the configured TTL',
    ],
    cleansUp: true,
  },
  'directory-type-jit': {
    folders: USERS,
    family: 'directory type and documented errors',
    caughtBy: [
      'Directory of type Other / Find the directory by name / the directory is of type Other',
      'User lifecycle / Create the user in the Other directory / no documented provisioning error',
    ],
    diagnosis: {
      check: 'User lifecycle / Create the user in the Other directory / no documented provisioning error',
      id: 'user-creation-not-supported',
    },
    cleansUp: true,
  },
  'paging-as-strings': {
    folders: TEST_API,
    family: 'list shape',
    caughtBy: [
      'Test API credentials / List users as Okta does / totalResults, itemsPerPage and startIndex are integers',
      'Test API credentials / List groups as Okta does / totalResults, itemsPerPage and startIndex are integers',
    ],
    cleansUp: true,
  },
  'filter-finds-nothing': {
    folders: GROUPS,
    family: 'lookups Okta links by',
    caughtBy: [
      'User lifecycle / Look up the created user by userName / the lookup finds exactly the created user',
      'User lifecycle / Look up the deactivated user by userName / the lookup finds exactly the deactivated user',
      'Groups / Look up the created group by displayName / the lookup finds exactly the created group',
    ],
    diagnosis: {
      check: 'User lifecycle / Look up the created user by userName / the lookup finds exactly the created user',
      id: 'matching-user-not-found',
    },
    cleansUp: true,
  },
  'filter-hides-inactive': {
    folders: USERS,
    family: 'lookups Okta links by',
    caughtBy: [
      'User lifecycle / Look up the deactivated user by userName / the lookup finds exactly the deactivated user',
    ],
    cleansUp: true,
  },
  'reactivate-ignored': {
    folders: USERS,
    family: 'updates',
    caughtBy: [
      'User lifecycle / Verify the user is active again / the user is active again',
      'User lifecycle / Verify the user is active again / userStatus, when sent, is 1 (enabled)',
    ],
    cleansUp: true,
  },
  'directory-create-not-found': {
    folders: ['Directory of type Other'],
    family: 'directory type and documented errors',
    caughtBy: [
      'Directory of type Other / Create the directory of type Other / status is 201',
      'Directory of type Other / Create the directory of type Other / no documented directory error',
    ],
    diagnosis: {
      check: 'Directory of type Other / Create the directory of type Other / no documented directory error',
      id: 'directory-not-found',
    },
    cleansUp: true,
  },
  'patch-ignored': {
    folders: USERS,
    family: 'updates',
    caughtBy: [
      'User lifecycle / Verify the update / name is updated',
      'User lifecycle / Verify the user is deactivated / the user is inactive',
    ],
    cleansUp: true,
  },
  'plain-errors': {
    folders: USERS,
    family: 'error format',
    caughtBy: [
      'User lifecycle / Creating the same userName again is refused / error body uses the {"errors":[{code, message}]} envelope',
    ],
    cleansUp: true,
  },
  'group-patch-hangs': {
    folders: GROUPS,
    family: 'network: no answer',
    caughtBy: ['Groups / Add the user to the group / request is answered'],
    cleansUp: true, // the run stops there, and clean-up deletes the group and the user
    exitCode: 2,
  },
  'answer-cut-midway': {
    folders: USERS,
    family: 'network: answer cut',
    caughtBy: ['User lifecycle / Get the user by id / request is answered'],
    cleansUp: true,
    exitCode: 2,
  },
  'user-delete-fails': {
    folders: DELETE,
    family: 'deletion and clean-up',
    caughtBy: [
      'Delete the user / Delete the user through SCIM / status is 2xx',
      'Clean up / Delete the users this run created / user is removed (2xx, or 404: already gone)',
    ],
    cleansUp: false, // the user stays, and its id is kept for `scimkit cleanup`
  },
  'any-client-secret': {
    folders: ['Admin token'],
    family: 'authentication',
    caughtBy: [
      'Admin token / A wrong client secret is refused / status is 400 or 401',
      'Admin token / A wrong client secret is refused / no access_token is issued',
    ],
    cleansUp: true,
  },
  'token-with-placeholder': {
    folders: ['Admin token'],
    family: 'token as data',
    caughtBy: ['Admin token / Get an admin token (client credentials) / access_token holds no "{{" or "}}"'],
    cleansUp: true,
  },
  'user-token-expired': {
    folders: SCOPED,
    family: 'token health',
    caughtBy: ['Scoped SCIM token / Refresh the scoped token / the scoped token is not expired'],
    cleansUp: true,
  },
  'scoped-role-full-admin': {
    folders: SCOPED,
    family: 'least privilege',
    caughtBy: [
      'Scoped SCIM token / Listing OAuth clients is refused / status is 403',
      'Scoped SCIM token / Creating an OAuth client is refused / status is 403',
      'Scoped SCIM token / Creating a directory is refused / status is 403',
    ],
    cleansUp: true,
  },
  'strict-media-types': {
    profile: { mediaTypes: 'vendor' },
    folders: ['OAuth 2.0 client for Okta'],
    family: 'media types',
    caughtBy: [
      'OAuth 2.0 client for Okta / Look up the Okta client / status is 200 or 404',
      'OAuth 2.0 client for Okta / Create the Okta client (Service Client Token) / status is 201',
    ],
    cleansUp: true,
  },
};
