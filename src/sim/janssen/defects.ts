/** Defects of the Janssen Server simulator, each breaking one family of the Janssen collection's checks. */
export const janssenDefects = {
  'scope-not-enforced': 'any valid token passes every endpoint, whatever scopes it holds',
  'bypass-mode': 'every endpoint answers without a token (BYPASS protection mode), though nobody chose it',
  'no-token-403': 'a request without an Authorization header gets 403 instead of 401',
  'user-create-status-200': 'POST /Users answers 200 instead of 201',
  'error-status-as-number': 'SCIM Error bodies carry status as a number instead of a string',
  'duplicate-user-accepted': 'a second user with the same userName is created instead of a 409',
  'count-over-max-accepted': 'a count above maxCount is served instead of a 400 tooMany',
  'patch-any-schema': 'PATCH accepts any schemas instead of exactly the PatchOp schema',
  'unknown-id-500': 'an unknown id answers 500 instead of 404',
  'discovery-needs-token': 'ServiceProviderConfig, ResourceTypes and Schemas demand a token',
  'discovery-filter-served': 'a filter on ServiceProviderConfig, ResourceTypes or Schemas is ignored instead of a 403',
} as const;

export type JanssenDefect = keyof typeof janssenDefects;
