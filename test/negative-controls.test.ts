import assert from 'node:assert/strict';
import type { Ws1AccessDefect } from '../src/sim/ws1-access/defects.js';
import { ws1AccessDefects } from '../src/sim/ws1-access/defects.js';
import { inBackground } from './support/background.js';
import { GROUP_FOLDERS, run, USER_FOLDERS } from './support/run.js';
import { SCOPED_ENV, scopedTenant, startScopedSimulator } from './support/scoped.js';

/**
 * Every family of checks the collection makes, proven able to fail: a simulator broken in exactly one way
 * must make the run exit 1 and name the checks that caught it.
 */
interface Control {
  family: string;
  caughtBy: string[];
  /** The folders the run needs to meet the defect: those whose checks catch it, and those they chain from. */
  folders: string[];
  /** Clean-up leaves the tenant as it found it. */
  cleansUp: boolean;
  /** 1 for failed checks (the default), 2 when the tenant stops answering. */
  exitCode?: 1 | 2;
}

// The admin token comes from the collection's own script; the Okta token and the directory from their folders.
const OKTA = ['OAuth 2.0 client for Okta', 'Okta bearer token'];
const USERS = USER_FOLDERS;
const GROUPS = GROUP_FOLDERS;
const DELETE = [...USERS, 'Delete the user'];
const TEST_API = [...OKTA, 'Test API credentials'];
const SCOPED = ['Scoped SCIM token'];

const controls: Record<Ws1AccessDefect, Control> = {
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
    caughtBy: ['Delete the user / Verify the user is gone / deleted user is gone (404)'],
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
    cleansUp: true,
  },
  'paging-as-strings': {
    folders: TEST_API,
    family: 'list shape',
    caughtBy: [
      'Test API credentials / List users as Okta does / totalResults, itemsPerPage and startIndex are integers',
    ],
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
};

/** Runs that meet a defect at once (see inBackground). */
const CONCURRENT_RUNS = 3;

interface Outcome {
  result: Awaited<ReturnType<typeof run>>;
  leftAsFound: boolean;
}

async function meet(defect: Ws1AccessDefect, { folders, exitCode = 1 }: Control): Promise<Outcome> {
  // A profile with every optional flow, against a tenant set up for it, so that every check can run.
  const sim = await startScopedSimulator({ defects: [defect] });
  const ids = () =>
    JSON.stringify(
      (['users', 'groups', 'clients', 'directories'] as const).map((kind) => [...sim.state[kind].keys()].sort()),
    );
  const before = ids();
  try {
    // A request that never gets an answer ends the run at its deadline; any other answer is no race against one.
    const result = await run(scopedTenant(), {
      baseUrl: sim.url,
      folders,
      env: SCOPED_ENV,
      ...(exitCode === 2 ? { timeoutRequestMs: 3000 } : {}),
    });
    return { result, leftAsFound: ids() === before };
  } finally {
    await sim.close();
  }
}

describe('negative controls: a simulator broken on purpose makes the run fail, naming the check', () => {
  let outcome: (defect: Ws1AccessDefect) => Promise<Outcome>;
  before(() => {
    const defects = Object.keys(controls) as Ws1AccessDefect[];
    outcome = inBackground(defects, (defect) => meet(defect, controls[defect]), CONCURRENT_RUNS);
  });

  it('covers every defect the simulator offers', () => {
    assert.deepEqual(Object.keys(controls).sort(), Object.keys(ws1AccessDefects).sort());
  });

  for (const [defect, { family, caughtBy, cleansUp, exitCode = 1 }] of Object.entries(controls)) {
    it(`${family}: ${ws1AccessDefects[defect as Ws1AccessDefect]}`, async () => {
      const { result, leftAsFound } = await outcome(defect as Ws1AccessDefect);
      assert.equal(result.exitCode, exitCode, `exit code with ${defect}`);
      for (const check of caughtBy) {
        assert.ok(
          result.failedChecks.includes(check),
          `"${check}" did not fail; failures: ${result.failedChecks.join('; ')}`,
        );
        assert.ok(result.output.includes(`${check}: `), `the summary does not name "${check}"`);
      }
      if (cleansUp) assert.ok(leftAsFound, 'clean-up');
    });
  }
});
