import type { JanssenDefect } from '../../src/sim/janssen/defects.js';

/** The one SHOULD check of the Janssen collection (RFC 7644 §4). */
export const FILTER_REFUSED = 'Discovery / A filter on the service provider configuration is refused / status is 403';

/** The checks that catch each defect, and the folder they are in: the only one its run needs. */
/** A SHOULD check that catches a defect makes a warning, not a failure. */
export const janssenControls: Record<JanssenDefect, { folder: string; caughtBy: string[]; level?: 'SHOULD' }> = {
  'scope-not-enforced': {
    folder: 'Scope enforcement',
    caughtBy: [
      'Scope enforcement / users.read: the same token is refused elsewhere / a token with only users.read is refused (403, or 401)',
    ],
  },
  'bypass-mode': {
    folder: 'Scope enforcement',
    caughtBy: [
      'Scope enforcement / A request without a token is refused (401) / status is 401 (no BYPASS protection mode)',
    ],
  },
  'no-token-403': {
    folder: 'Scope enforcement',
    caughtBy: [
      'Scope enforcement / A request without a token is refused (401) / status is 401 (no BYPASS protection mode)',
    ],
  },
  'user-create-status-200': { folder: 'Users', caughtBy: ['Users / Create a user / status is 201'] },
  'error-status-as-number': {
    folder: 'Users',
    caughtBy: [
      'Users / The deleted user is gone (404 in the Error format) / error body is a SCIM Error with status "404"',
    ],
  },
  'duplicate-user-accepted': {
    folder: 'Users',
    caughtBy: ['Users / Creating the same userName again is refused / status is 409'],
  },
  'count-over-max-accepted': {
    folder: 'Users',
    caughtBy: ['Users / A count above the maximum is refused / status is 400'],
  },
  'patch-any-schema': {
    folder: 'Users',
    caughtBy: ['Users / A PATCH without exactly the PatchOp schema is refused / status is 400'],
  },
  'unknown-id-500': {
    folder: 'Users',
    caughtBy: ['Users / The deleted user is gone (404 in the Error format) / status is 404'],
  },
  'discovery-needs-token': {
    folder: 'Discovery',
    caughtBy: ['Discovery / Read the service provider configuration / status is 200'],
  },
  'discovery-filter-served': { folder: 'Discovery', caughtBy: [FILTER_REFUSED], level: 'SHOULD' },
};
