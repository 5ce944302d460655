import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GRADING_PROFILES, requestKey, type GradingProfile } from '../src/names.js';
import { checkClients, clientsOf } from '../src/render/check-clients.js';
import { renderForRun } from '../src/render/collection.js';
import { toItem } from '../src/render/postman.js';
import type { FolderTemplate, RequestTemplate } from '../src/render/template-schema.js';
import type { CheckResult, Conformance, RequestResult, RunTotals } from '../src/report/types.js';
import { severityOf } from '../src/run/grade.js';
import { parseTenant } from '../src/tenant/load.js';
import { inBackground } from './support/background.js';
import { scimkit } from './support/cli.js';
import { listedChecks, visibleText } from './support/html.js';
import { scratchDir } from './support/scratch.js';

const ORIGIN = 'scim2/03-create-users/02-create-user.yaml.hbs';
const CREATE = 'Creating users (RFC 7644 §3.3)';
const DISCOVERY = 'Discovery (RFC 7644 §4)';
/** A SHOULD check Okta depends on (RFC 7644 §3.3; Okta: "Create new user returned empty user"). */
const FULL_BODY = `${CREATE} / Create a user as Okta does / the new user is returned, as sent`;
/** A MUST check neither client depends on: neither reads /ResourceTypes by id. */
const BY_ID = `${DISCOVERY} / Get the User resource type by id / status is 200`;

const request = (changes: Partial<RequestTemplate>): RequestTemplate => ({
  name: 'Create a user',
  description: 'RFC 7644 §3.3',
  request: { method: 'POST', url: '{{baseUrl}}/Users' },
  test: "pm.test('status is 201', function () {});\nwhenSuccessful('the user is returned', function () {});",
  ...changes,
});
const folder = (changes: Partial<FolderTemplate> = {}): FolderTemplate => ({
  name: 'Users',
  description: 'x',
  ...changes,
});
const clientsFor = (template: RequestTemplate, group = folder()) =>
  checkClients(template, group, toItem(template, undefined), ORIGIN);

interface Report {
  gradingProfile: GradingProfile;
  requests: RequestResult[];
  totals: RunTotals;
}

/** Runs the tailspin example against its simulator with every report; what the json report says, and the others. */
async function runTailspin(profile: GradingProfile, args: string[] = []) {
  const dir = await scratchDir('grading');
  const result = await scimkit([
    'run',
    ...['--tenant', 'tenants/examples/scim2.yaml', '--sim', '--profile', profile, ...args],
    ...['--reporters', 'cli,junit,json,html', '--report-dir', dir, '--state-dir', dir, '--run-id', 'g1'],
  ]);
  const file = (ext: string) => readFile(path.join(dir, `tailspin-g1.${ext}`), 'utf8');
  const report = JSON.parse(await file('report.json')) as Report;
  return { ...result, report, junit: await file('junit.xml'), html: await file('report.html') };
}

const checkOf = (report: Report, id: string): CheckResult => {
  const check = report.requests
    .flatMap((r) => r.checks.map((c) => ({ id: `${requestKey(r.folder, r.name)} / ${c.name}`, ...c })))
    .find((c) => c.id === id);
  assert.ok(check, `no check ${id}`);
  return check;
};

/** The conformance summary recounted from the per-check results of the json report. */
function recount(requests: RequestResult[]): Conformance['sections'] {
  const sections = new Map<string, Conformance['sections'][number]>();
  for (const result of requests) {
    const zero = () => ({ passed: 0, failed: 0 });
    if (!sections.has(result.folder))
      sections.set(result.folder, { section: result.folder, MUST: zero(), SHOULD: zero(), INFO: zero() });
    for (const check of result.checks.filter((c) => !c.skipped))
      sections.get(result.folder)![check.level][check.passed ? 'passed' : 'failed'] += 1;
  }
  return [...sections.values()];
}

/** The runs the tests below read: the example as it is, and with a defect that fails a check in one folder. */
const DEFECTS = {
  none: [],
  'create-answers-id-only': ['--sim-defect', 'create-answers-id-only', '--folder', CREATE],
  'discovery-by-id-missing': ['--sim-defect', 'discovery-by-id-missing', '--folder', DISCOVERY],
} as const;
type Defect = keyof typeof DEFECTS;
const RUNS = (Object.keys(DEFECTS) as Defect[]).flatMap((defect) =>
  GRADING_PROFILES.map((profile) => `${defect} ${profile}`),
);

describe('grading: --profile strict|okta|entra, and the conformance summary', () => {
  let outcome: (key: string) => ReturnType<typeof runTailspin>;
  before(() => {
    outcome = inBackground(
      RUNS,
      (key) => {
        const [defect, profile] = key.split(' ') as [Defect, GradingProfile];
        return runTailspin(profile, [...DEFECTS[defect]]);
      },
      3,
    );
  });
  const run = (defect: Defect, profile: GradingProfile) => outcome(`${defect} ${profile}`);

  it('weighs a failed check by its level under strict, and by who depends on it under a client profile', () => {
    const table = (clients: Parameters<typeof severityOf>[1]) =>
      (['MUST', 'SHOULD', 'INFO'] as const).map((level) => GRADING_PROFILES.map((p) => severityOf(level, clients, p)));
    assert.deepEqual(table(['okta']), [
      ['failure', 'failure', 'warning'],
      ['warning', 'failure', 'warning'],
      ['info', 'info', 'info'],
    ]);
    assert.deepEqual(table([]), [
      ['failure', 'warning', 'warning'],
      ['warning', 'warning', 'warning'],
      ['info', 'info', 'info'],
    ]);
    // A template that names no clients (ws1-access, janssen) weighs its level under every profile.
    assert.deepEqual(table(undefined), [
      ['failure', 'failure', 'failure'],
      ['warning', 'warning', 'warning'],
      ['info', 'info', 'info'],
    ]);
  });

  it("takes a request's clients over its folder's, a check's over its request's, and refuses a stray name", () => {
    assert.equal(clientsFor(request({})), undefined, 'nothing declared: graded by level');
    const inherited = clientsFor(request({}), folder({ clients: ['entra'] }));
    assert.deepEqual(clientsOf(inherited, 'status is 201'), ['entra']);
    const own = clientsFor(
      request({ clients: ['okta', 'entra'], clientsByCheck: { 'the user is returned': ['okta'] } }),
      folder({ clients: [] }),
    );
    assert.deepEqual(clientsOf(own, 'status is 201'), ['okta', 'entra']);
    assert.deepEqual(clientsOf(own, 'the user is returned'), ['okta']);
    assert.throws(
      () => clientsFor(request({ clients: [], clientsByCheck: { 'status is 200': ['okta'] } })),
      new Error(`template ${ORIGIN}: clientsByCheck names the check "status is 200", which its scripts do not hold`),
    );
    assert.throws(
      () => clientsFor(request({ clientsByCheck: { 'status is 201': ['okta'] } })),
      /clientsByCheck needs clients \(its own or its folder's\)/,
    );
  });

  it('every scim2 request says which clients depend on its checks (clients: [] when none does)', async () => {
    const profile = {
      name: 'tailspin',
      target: 'scim2',
      baseUrl: 'https://scim.tailspin.example/scim/v2',
      // Client credentials: the Token folder renders too.
      auth: { type: 'oauth2-client-credentials', tokenUrl: 'https://scim.tailspin.example/oauth/token' },
    };
    const oauth = { ...profile, auth: { ...profile.auth, clientId: 'scimkit', secretEnv: 'TAILSPIN_SECRET' } };
    const { collection, rules } = await renderForRun(parseTenant(JSON.stringify(oauth), 'tailspin.yaml'));
    const requests = collection.item.flatMap((f) => f.item.map((item) => requestKey(f.name, item.name)));
    assert.ok(
      requests.some((key) => key.startsWith('Token')),
      'the Token folder is rendered',
    );
    const untagged = requests.filter((key) => !rules.get(key)?.clients);
    assert.deepEqual(untagged, [], 'scim2 requests without clients');
  });

  describe('the tailspin example against its simulator', () => {
    for (const profile of GRADING_PROFILES) {
      it(`passes under --profile ${profile}, and its conformance summary counts what the checks say`, async () => {
        const { code, stdout, report } = await run('none', profile);
        assert.equal(code, 0, stdout);
        assert.equal(report.gradingProfile, profile);
        const { conformance } = report.totals;
        assert.deepEqual(conformance.sections, recount(report.requests));
        const counted = conformance.sections.reduce((n, s) => n + s.MUST.passed + s.SHOULD.passed + s.INFO.passed, 0);
        assert.equal(counted, report.totals.checks);
        assert.ok(conformance.profiles.every((p) => p.passes && p.failures === 0 && p.warnings === 0));
        assert.match(stdout, new RegExp(`\nprofile ${profile} \\(this run\\): passes\n`));
      });
    }
  });

  describe('a SHOULD check Okta depends on fails (create-answers-id-only)', () => {
    it('fails the run under okta, and is a warning under strict and entra', async () => {
      const expected = { strict: 0, okta: 1, entra: 0 } as const;
      for (const profile of GRADING_PROFILES) {
        const { code, stdout, report } = await run('create-answers-id-only', profile);
        assert.equal(code, expected[profile], `${profile}: ${stdout}`);
        const listed = profile === 'okta' ? report.totals.failures : report.totals.warnings;
        assert.deepEqual(
          listed.map((f) => f.check),
          [FULL_BODY],
        );
        // The verdict of every profile is the same whatever profile ran.
        assert.deepEqual(
          report.totals.conformance.profiles.map((p) => [p.profile, p.passes]),
          [
            ['strict', true],
            ['okta', false],
            ['entra', true],
          ],
        );
        assert.deepEqual(report.totals.conformance.sections, recount(report.requests));
      }
    });

    it('every report carries the level, the clients and the weight', async () => {
      const { stdout, report, junit, html } = await run('create-answers-id-only', 'okta');
      assert.deepEqual(checkOf(report, FULL_BODY), {
        id: FULL_BODY,
        name: 'the new user is returned, as sent',
        level: 'SHOULD',
        clients: ['okta'],
        severity: 'failure',
        passed: false,
        message: checkOf(report, FULL_BODY).message,
      });
      assert.deepEqual(checkOf(report, `${CREATE} / Create a user as Okta does / status is 201`).clients, [
        'okta',
        'entra',
      ]);
      assert.match(stdout, /\(scim2, verify, profile okta\)/);
      assert.match(stdout, /\n {4}✗ the new user is returned, as sent \(SHOULD; okta\): userName: /);
      assert.match(stdout, /\n {4}✓ Location header is the URL of the new user \(MUST; no client\)\n/);
      assert.match(
        junit,
        /<failure type="AssertionError" message="userName: [^"]*">a failure under profile okta \(SHOULD; okta\)<\/failure>/,
      );
      assert.match(junit, /<property name="grading profile" value="okta"\/>/);
      assert.match(junit, /<property name="check: the new user is returned, as sent" value="SHOULD; okta"\/>/);
      assert.ok(
        listedChecks(html).some((c) => c.name === 'the new user is returned, as sent' && c.state === 'failed'),
        'the html report marks it failed',
      );
      assert.match(
        html,
        /the new user is returned, as sent <span class="level">SHOULD; okta<\/span> <span class="weight">failure<\/span>/,
      );
      const text = visibleText(html);
      assert.match(text, /Grading\s*okta/);
      assert.match(text, /profile okta \(this run\): fails, 1 failure\(s\)\n/);
      assert.match(text, /profile strict: passes, 1 warning\(s\)\n/);

      const strict = await run('create-answers-id-only', 'strict');
      assert.equal(checkOf(strict.report, FULL_BODY).severity, 'warning');
      assert.match(strict.stdout, /\n {4}! the new user is returned, as sent \(SHOULD; okta, warning\): userName: /);
      assert.match(
        strict.junit,
        /<system-out>SHOULD; okta check failed, not counted as a failure under profile strict \(warning\): userName: /,
      );
      assert.match(strict.html, /<li class="check warning">/);
    });
  });

  describe('a check no client depends on fails (discovery-by-id-missing)', () => {
    // The defect also hides the extension schema by id, which Entra discovers: that one fails the entra run.
    it('is a warning under okta and entra, and fails the run under strict', async () => {
      const expected = { strict: 1, okta: 0, entra: 1 } as const;
      for (const profile of GRADING_PROFILES) {
        const { code, stdout, report } = await run('discovery-by-id-missing', profile);
        assert.equal(code, expected[profile], `${profile}: ${stdout}`);
        assert.deepEqual(checkOf(report, BY_ID), {
          ...checkOf(report, BY_ID),
          level: 'MUST',
          clients: [],
          severity: profile === 'strict' ? 'failure' : 'warning',
          passed: false,
        });
        const listed = (profile === 'strict' ? report.totals.failures : report.totals.warnings).map((f) => f.check);
        assert.ok(listed.includes(BY_ID), listed.join('; '));
        const discovery = report.totals.conformance.sections.find((s) => s.section === DISCOVERY)!;
        assert.equal(discovery.MUST.failed, 5, 'two resource types, two schemas and the extension schema by id');
        assert.deepEqual(report.totals.conformance.sections, recount(report.requests));
      }
    });
  });

  it('--bail stops at the first check that fails the run under the profile, not at a warning', async () => {
    const args = ['--bail', '--sim-defect', 'discovery-by-id-missing', '--folder', DISCOVERY];
    const [strict, okta] = await Promise.all([runTailspin('strict', args), runTailspin('okta', args)]);
    assert.equal(strict.code, 1, strict.stdout);
    const sent = (report: Report) => report.requests.filter((r) => r.folder === DISCOVERY).length;
    assert.ok(sent(strict.report) < 8, `strict stops at the first failure: ${sent(strict.report)} sent`);
    assert.equal(okta.code, 0, okta.stdout);
    assert.equal(sent(okta.report), 8, 'okta warns and goes on');
  });
});
