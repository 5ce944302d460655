import assert from 'node:assert/strict';
import type { Ws1AccessDefect } from '../src/sim/defects.js';
import { ws1AccessDefects } from '../src/sim/defects.js';
import { run } from './support/run.js';
import { SCOPED_ENV, scopedTenant, startScopedSimulator } from './support/scoped.js';

/**
 * Every family of checks the collection makes, proven able to fail: a simulator broken in exactly one way
 * must make the run exit 1 and name the checks that caught it.
 */
interface Control {
  family: string;
  caughtBy: string[];
  /** Clean-up leaves the tenant as it found it. */
  cleansUp: boolean;
  /** 1 for failed checks (the default), 2 when the tenant stops answering. */
  exitCode?: 1 | 2;
}

const controls: Record<Ws1AccessDefect, Control> = {
  'user-create-status-200': {
    family: 'status',
    caughtBy: ['User lifecycle / Create the user in the Other directory / status is 201'],
    cleansUp: true,
  },
  'scim-content-type-text': {
    family: 'Content-Type',
    caughtBy: [
      'Test API credentials / List users as Okta does / Content-Type is JSON',
      'User lifecycle / Create the user in the Other directory / Content-Type is JSON',
      "Groups / Create the group in the directory's domain / Content-Type is JSON",
    ],
    cleansUp: true,
  },
  'no-location-header': {
    family: 'body and header fields',
    caughtBy: ['User lifecycle / Create the user in the Other directory / Location header points to the new user'],
    cleansUp: true,
  },
  'token-ignores-ttl': {
    family: 'body and header fields',
    caughtBy: ['Okta bearer token / Get the Okta bearer token / expires_in agrees with the configured TTL'],
    cleansUp: true,
  },
  'wrong-user-id': {
    family: 'chained id',
    caughtBy: [
      'User lifecycle / Create the user in the Other directory / Location header points to the new user',
      'User lifecycle / Get the user by id / status is 200',
    ],
    cleansUp: false, // the real id was never given out: nobody can delete what they cannot name
  },
  'duplicate-user-accepted': {
    family: '409',
    caughtBy: ['User lifecycle / Creating the same userName again is refused / status is 409'],
    cleansUp: true, // the duplicate went to the ledger
  },
  'delete-keeps-user': {
    family: '404 after delete',
    caughtBy: ['Delete the user / Verify the user is gone / deleted user is gone (404)'],
    cleansUp: false, // its DELETE keeps everything
  },
  'ignore-domain': {
    family: 'domain rules',
    caughtBy: [
      "User lifecycle / Create the user in the Other directory / user is in the directory's domain",
      "User lifecycle / A user outside the directory's domain is refused / status is 400",
      "Groups / Create the group in the directory's domain / group is in the directory's domain",
    ],
    cleansUp: true, // the stray user went to the ledger
  },
  'scim-without-token': {
    family: 'authentication',
    caughtBy: ['Test API credentials / A request without a token is refused / status is 401'],
    cleansUp: true,
  },
  'member-delete-ignored': {
    family: 'group membership',
    caughtBy: ['Groups / Verify the rename and the removal / members no longer include the user'],
    cleansUp: true,
  },
  'client-ttl-ignored': {
    family: 'client settings',
    caughtBy: [
      'OAuth 2.0 client for Okta / Read the Okta client back / accessTokenTTL is the configured 1576800 minutes',
      'Okta bearer token / Get the Okta bearer token / expires_in agrees with the configured TTL',
    ],
    cleansUp: true,
  },
  'directory-type-jit': {
    family: 'directory type and documented errors',
    caughtBy: [
      'Directory of type Other / Find the directory by name / the directory is of type Other',
      'User lifecycle / Create the user in the Other directory / no documented provisioning error',
    ],
    cleansUp: true,
  },
  'paging-as-strings': {
    family: 'list shape',
    caughtBy: [
      'Test API credentials / List users as Okta does / totalResults, itemsPerPage and startIndex are integers',
    ],
    cleansUp: true,
  },
  'patch-ignored': {
    family: 'updates',
    caughtBy: [
      'User lifecycle / Verify the update / name is updated',
      'User lifecycle / Verify the user is deactivated / the user is inactive',
    ],
    cleansUp: true,
  },
  'plain-errors': {
    family: 'error format',
    caughtBy: [
      'User lifecycle / Creating the same userName again is refused / error body uses the {"errors":[{code, message}]} envelope',
    ],
    cleansUp: true,
  },
  'group-patch-hangs': {
    family: 'network: no answer',
    caughtBy: ['Groups / Add the user to the group / request is answered'],
    cleansUp: true, // the run stops there, and clean-up deletes the group and the user
    exitCode: 2,
  },
  'answer-cut-midway': {
    family: 'network: answer cut',
    caughtBy: ['User lifecycle / Get the user by id / request is answered'],
    cleansUp: true,
    exitCode: 2,
  },
  'user-delete-fails': {
    family: 'deletion and clean-up',
    caughtBy: [
      'Delete the user / Delete the user through SCIM / status is 2xx',
      'Clean up / Delete the users this run created / user is removed (2xx, or 404: already gone)',
    ],
    cleansUp: false, // the user stays, and its id is kept for `scimkit cleanup`
  },
  'any-client-secret': {
    family: 'authentication',
    caughtBy: [
      'Admin token / A wrong client secret is refused / status is 400 or 401',
      'Admin token / A wrong client secret is refused / no access_token is issued',
    ],
    cleansUp: true,
  },
  'user-token-expired': {
    family: 'token health',
    caughtBy: ['Scoped SCIM token / Refresh the scoped token / the scoped token is not expired'],
    cleansUp: true,
  },
  'scoped-role-full-admin': {
    family: 'least privilege',
    caughtBy: [
      'Scoped SCIM token / Listing OAuth clients is refused / status is 403',
      'Scoped SCIM token / Creating an OAuth client is refused / status is 403',
      'Scoped SCIM token / Creating a directory is refused / status is 403',
    ],
    cleansUp: true,
  },
};

describe('negative controls: a simulator broken on purpose makes the run fail, naming the check', () => {
  it('covers every defect the simulator offers', () => {
    assert.deepEqual(Object.keys(controls).sort(), Object.keys(ws1AccessDefects).sort());
  });

  for (const [defect, { family, caughtBy, cleansUp, exitCode = 1 }] of Object.entries(controls)) {
    it(`${family}: ${ws1AccessDefects[defect as Ws1AccessDefect]}`, async () => {
      // A profile with every optional flow, against a tenant set up for it, so that every check runs.
      const sim = await startScopedSimulator({ defects: [defect as Ws1AccessDefect] });
      const ids = () =>
        (['users', 'groups', 'clients', 'directories'] as const).map((kind) => [...sim.state[kind].keys()].sort());
      const before = ids();
      try {
        const result = await run(scopedTenant(), { baseUrl: sim.url, timeoutRequestMs: 1000, env: SCOPED_ENV });
        assert.equal(result.exitCode, exitCode, `exit code with ${defect}`);
        for (const check of caughtBy) {
          assert.ok(
            result.failedChecks.includes(check),
            `"${check}" did not fail; failures: ${result.failedChecks.join('; ')}`,
          );
          assert.ok(result.output.includes(`${check}: `), `the summary does not name "${check}"`);
        }
        if (cleansUp) assert.deepEqual(ids(), before, 'clean-up');
      } finally {
        await sim.close();
      }
    });
  }
});
