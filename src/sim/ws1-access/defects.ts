/**
 * Ways the Workspace ONE Access simulator can be broken on purpose, one defect per option. Each breaks exactly one family of the
 * collection's checks, so a test can prove those checks catch it (a negative control).
 */
export const ws1AccessDefects = {
  'user-create-status-200': 'POST /scim/Users answers 200 instead of 201',
  'scim-content-type-text': 'SCIM answers are labelled text/plain instead of application/json',
  'no-location-header': 'POST /scim/Users answers without a Location header',
  'wrong-user-id': "POST /scim/Users answers with an id that is not the stored user's",
  'duplicate-user-accepted': 'a second user with the same userName is created instead of a 409',
  'delete-keeps-user': 'DELETE /scim/Users/{id} answers 204 but keeps the user',
  'ignore-domain': 'users and groups land in System Domain whatever domain they are sent with',
  'token-ignores-ttl': "tokens last the default 3 hours whatever the client's accessTokenTTL",
  'scim-without-token': 'SCIM requests without a bearer token are served',
  'member-delete-ignored': 'group members sent with "operation": "delete" are not removed',
  'any-client-secret': 'the token endpoint accepts any client secret',
  'client-ttl-ignored': 'new OAuth clients get the default access-token TTL whatever accessTokenTTL they are sent',
  'directory-type-jit': 'directories are created as JIT directories whatever type they are sent',
  'paging-as-strings': 'SCIM user and group lists carry totalResults, itemsPerPage and startIndex as strings',
  'filter-finds-nothing': 'SCIM lists with a filter (userName eq, displayName eq) answer no resources',
  'filter-hides-inactive': 'SCIM user lists with a filter leave out deactivated users',
  'reactivate-ignored': 'PATCH /scim/Users/{id} with active: true answers 204 and leaves the user disabled',
  'directory-create-not-found':
    'POST …/directoryconfigs answers 404 NOT_FOUND "Resource not found.", as a blog reader met it',
  'patch-ignored': 'PATCH /scim/Users/{id} answers 204 but changes nothing',
  'plain-errors': 'errors are plain text instead of the {"errors":[...]} envelope',
  'group-patch-hangs': 'PATCH /scim/Groups/{id} never answers',
  'answer-cut-midway': 'GET /scim/Users/{id} drops the connection halfway through its answer',
  'user-delete-fails': 'DELETE /scim/Users/{id} answers 500',
  'user-token-expired': 'access tokens issued to a user are JWTs whose exp has already passed',
  'token-with-placeholder':
    'access tokens end in {{adminClientSecret}}, which Postman would fill in wherever one is sent',
  'scoped-role-full-admin': 'members of the SCIM role get every admin right, not just users and groups in its domain',
  // Not a fault: a tenant on the 2025 API, which only a profile with `mediaTypes: vendor` cannot talk to.
  'strict-media-types':
    'answers application/json, and the OAuth client endpoints refuse other types as the 2025 spec lists them: 406 to an Accept without application/json, 415 to another Content-Type',
} as const;

export type Ws1AccessDefect = keyof typeof ws1AccessDefects;
