import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTenant, type TenantRunResult } from '../src/run/run-tenant.js';
import { loadTenant } from '../src/tenant/load.js';
import { Capture } from './support/capture.js';
import { scratchDir } from './support/scratch.js';
import { startScimmy, type RunningScimmy } from './support/scimmy-server.js';

/**
 * A deviation of SCIMMY from the RFCs, the sentence it departs from, and the checks of the scim2 collection it
 * fails ("Folder / Request / check", as the run names them). A check SCIMMY fails that is not listed here fails this
 * test, and so does a listed check that passes: an improvement or a regression of either side shows.
 */
interface Deviation {
  rfc: string;
  what: string;
  checks: string[];
}

const CREATE = 'Creating users (RFC 7644 §3.3)';
const RETRIEVE = 'Retrieving users (RFC 7644 §3.4)';
const GROUPS = 'Groups (RFC 7643 §4.2, RFC 7644 §3)';
const ENTRA = 'Entra ID replay (Microsoft Entra provisioning)';

const DEVIATIONS: Deviation[] = [
  {
    rfc:
      'RFC 7644 §3.3: "The URI of the created resource SHALL include, in the HTTP "Location" header and the HTTP ' +
      'body, a JSON representation [RFC7159] with the attribute "meta.location"."',
    what: 'scimmy-routers answers a POST with 201 and the resource, meta.location included, but no Location header',
    checks: [
      `${CREATE} / Create a user as Okta does / Location header is the URL of the new user`,
      `${CREATE} / Create a user as Okta does / meta.location equals Location`,
      `${CREATE} / Create a second user / Location header is the URL of the new user`,
      `${CREATE} / Create a second user / meta.location equals Location`,
      `${GROUPS} / Create a group with a member / Location header is the URL of the new group`,
      `${GROUPS} / Create a group with a member / meta.location equals Location`,
      ...[
        'Create the user as Entra ID does',
        'Create Ravi Kumar, its first manager',
        'Create Mia Park, the manager that replaces the first',
      ].flatMap((request) => [
        `${ENTRA} / ${request} / Location header is the URL of the new user`,
        `${ENTRA} / ${request} / meta.location equals Location`,
      ]),
      `${ENTRA} / Create the group as Entra ID does / Location header is the URL of the new group`,
      `${ENTRA} / Create the group as Entra ID does / meta.location equals Location`,
    ],
  },
  {
    rfc:
      'RFC 7644 §3.4.2.4, count: "When specified, the service provider MUST NOT return more results than ' +
      'specified, although it MAY return fewer results."',
    what:
      'scimmy-routers turns startIndex and count into numbers by assigning to req.query, which Express 5 (inside ' +
      "scimmy-routers' peer range, express >=4.18) parses anew on each read; SCIMMY then takes the strings for no " +
      'paging at all and answers every user on one page',
    checks: [
      `${RETRIEVE} / List the users one to a page / at most one user on the page, of at least two`,
      `${RETRIEVE} / The second page holds another user / another user than on the first page, from startIndex 2`,
    ],
  },
  {
    rfc:
      'RFC 7643 §7, caseExact: "The server SHALL use case sensitivity when evaluating filters." userName is ' +
      '"caseExact" : false (RFC 7643 §8.7.1, and the User schema SCIMMY itself serves).',
    what: "SCIMMY's filter matching (Types.Filter#match) compares strings case-sensitively whatever the schema says",
    checks: [
      `${RETRIEVE} / Find the user by its userName in upper case / exactly the user, whatever the case of its userName`,
    ],
  },
];

/**
 * What SCIMMY does that the RFCs allow and a client relies on: SHOULD checks it fails (warnings), each explained.
 * Entra ID sends a manager's id as a plain string; RFC 7643 §4.3 makes manager complex ("value": "The id of the SCIM
 * resource representing the User's manager"), and SCIMMY refuses the string with 400, as the RFC lets it.
 */
const WARNINGS = [
  `${ENTRA} / Add the manager (Add) / status is 200 with the resource, or 204`,
  `${ENTRA} / Replace the manager (Replace) / status is 200 with the resource, or 204`,
];

const TOKEN_ENV = 'SCIMMY_SCIM_TOKEN';

/**
 * The profile an admin would write for SCIMMY as served here. What it supports is discovered, but for /Me, which no
 * discovery endpoint tells: it answers 501, no user being behind the token.
 */
const profile = (baseUrl: string) => `name: scimmy
target: scim2
baseUrl: ${baseUrl}
auth: { type: bearer, tokenEnv: ${TOKEN_ENV} }
supports: { me: false }
testData: { prefix: scimkit }
`;

describe('against SCIMMY, an independent SCIM 2.0 server (npm scimmy and scimmy-routers)', () => {
  const token = randomBytes(18).toString('base64url');
  let server: RunningScimmy;
  let result: TenantRunResult;
  let output: string;
  let left: number;

  before(async () => {
    server = await startScimmy(token);
    try {
      const dir = await scratchDir('independent');
      const file = path.join(dir, 'scimmy.yaml');
      await writeFile(file, profile(server.url));
      const out = new Capture();
      result = await runTenant(await loadTenant(file), {
        source: file,
        env: { [TOKEN_ENV]: token },
        stateDir: dir,
        report: { out },
      });
      output = out.text;
      left = server.stored();
    } finally {
      await server.close();
    }
  });

  it('fails exactly the MUST checks of its known deviations, each explained by the RFC sentence it departs from', () => {
    const { totals } = result;
    assert.equal(totals.error, undefined, output);
    assert.equal(totals.failures.length, totals.failedChecks, 'every failed check is listed');
    const explained = new Set(DEVIATIONS.flatMap((deviation) => deviation.checks));
    const failed = new Set(totals.failures.map((failure) => failure.check));
    const unexplained = totals.failures
      .filter((failure) => !explained.has(failure.check))
      .map((failure) => `${failure.check}: ${failure.message}`);
    const nowPassing = DEVIATIONS.flatMap(({ checks, what, rfc }) =>
      checks.filter((check) => !failed.has(check)).map((check) => `${check} (was: ${what}; ${rfc})`),
    );
    assert.deepEqual({ unexplained, nowPassing }, { unexplained: [], nowPassing: [] });
    assert.equal(result.exitCode, 1);
  });

  it('fails only the SHOULD checks explained, and discovers what it supports from its ServiceProviderConfig', () => {
    assert.deepEqual(
      result.totals.warnings.map((warning) => warning.check),
      WARNINGS,
    );
    const discovered = [
      'PATCH: supported (ServiceProviderConfig)',
      'bulk: supported (ServiceProviderConfig)',
      'sorting: supported (ServiceProviderConfig)',
      'ETags: not supported (ServiceProviderConfig)',
      'groups: supported (ResourceTypes)',
    ];
    for (const line of discovered) assert.ok(output.includes(`· ${line}`), `${line}\n${output}`);
  });

  it('leaves nothing behind: the clean-up deleted what the run created', () => {
    assert.equal(left, 0, output);
  });

  it('never shows the token', () => {
    assert.ok(!output.includes(token), 'the token appears in the output');
  });
});
