import { shown, UsageError } from '../errors.js';

/**
 * Ways a simulator can be broken on purpose, one defect per option. Each breaks exactly one family of the
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
  'paging-as-strings': 'SCIM user lists carry totalResults, itemsPerPage and startIndex as strings',
  'patch-ignored': 'PATCH /scim/Users/{id} answers 204 but changes nothing',
  'plain-errors': 'errors are plain text instead of the {"errors":[...]} envelope',
  'group-patch-hangs': 'PATCH /scim/Groups/{id} never answers',
  'answer-cut-midway': 'GET /scim/Users/{id} drops the connection halfway through its answer',
  'user-delete-fails': 'DELETE /scim/Users/{id} answers 500',
  'user-token-expired': 'access tokens issued to a user are JWTs whose exp has already passed',
  'token-with-placeholder':
    'access tokens end in {{adminClientSecret}}, which Postman would fill in wherever one is sent',
  'scoped-role-full-admin': 'members of the SCIM role get every admin right, not just users and groups in its domain',
} as const;

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

export type Ws1AccessDefect = keyof typeof ws1AccessDefects;
export type JanssenDefect = keyof typeof janssenDefects;
/** A defect of either simulator. */
export type SimulatorDefect = Ws1AccessDefect | JanssenDefect;
/** The targets a simulator serves. */
export type SimulatorTarget = 'ws1-access' | 'janssen';

const byTarget = { 'ws1-access': ws1AccessDefects, janssen: janssenDefects } as const;

/** A target's defects: name → one-line description. */
export function defectsFor<T extends SimulatorTarget>(target: T): (typeof byTarget)[T] {
  return byTarget[target];
}

export function isWs1AccessDefect(name: string): name is Ws1AccessDefect {
  return Object.hasOwn(ws1AccessDefects, name);
}

export function isJanssenDefect(name: string): name is JanssenDefect {
  return Object.hasOwn(janssenDefects, name);
}

export function isSimulatorDefect(name: string): name is SimulatorDefect {
  return isWs1AccessDefect(name) || isJanssenDefect(name);
}

/**
 * Checks defect names given on the command line (`flag` names the option in the error): those of both targets
 * are accepted; whether they fit the simulator started is the simulator's to check.
 */
export function parseDefects(names: readonly string[], flag: string): SimulatorDefect[] {
  return names.map((name) => {
    if (!isSimulatorDefect(name)) {
      const known = [...new Set([...Object.keys(ws1AccessDefects), ...Object.keys(janssenDefects)])];
      throw new UsageError(`${flag}: unknown defect ${shown(name)}; use one of: ${known.join(', ')}`);
    }
    return name;
  });
}
