import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCollection } from '../src/render/collection.js';
import { renderEnvironment } from '../src/render/environment.js';
import { runTenant, type RunOptions } from '../src/run/run-tenant.js';
import { janssenDefects, type JanssenDefect } from '../src/sim/janssen/defects.js';
import { startJanssenSimulator, type RunningJanssenSimulator } from '../src/targets/janssen/simulator.js';
import { parseTenant } from '../src/tenant/load.js';
import type { JanssenTenant } from '../src/targets/index.js';
import { postmanSchemaErrors } from './support/postman-schema.js';
import { inBackground } from './support/background.js';
import { Capture } from './support/capture.js';
import { FILTER_REFUSED, janssenControls as controls } from './controls/janssen.js';
import { htmlProblems, visibleText } from './support/html.js';
import { scratchDir } from './support/scratch.js';

const SECRET = 'janssen-scim-client-secret-5d1b';
const CLIENT_ID = '2000.scimkit-test';
/** RFC 7644 §4 grades this SHOULD: the template says so. */
function janssenTenant(changes: Record<string, unknown> = {}): JanssenTenant {
  const profile = {
    name: 'janssen',
    target: 'janssen',
    baseUrl: 'https://jans.example.org',
    client: { clientId: CLIENT_ID, secretEnv: 'JANSSEN_SCIM_CLIENT_SECRET' },
    ...changes,
  };
  return parseTenant(JSON.stringify(profile), 'janssen.yaml') as JanssenTenant;
}

/** Runs a Janssen profile against a simulator started here, so a test can break it and look inside. */
async function runAgainst(
  tenant: JanssenTenant,
  sim: {
    defects?: JanssenDefect[];
    bypass?: boolean;
    fidoDevices?: boolean;
    prepare?: (server: RunningJanssenSimulator) => void;
  } = {},
  options: RunOptions = {},
) {
  const server = await startJanssenSimulator({
    adminClient: { clientId: CLIENT_ID, secret: SECRET },
    defects: sim.defects,
    janssen: { bypass: sim.bypass, fidoDevices: sim.fidoDevices ?? tenant.fidoDevices, seedDevices: true },
  });
  sim.prepare?.(server);
  const out = new Capture();
  const ids = () => [...server.state.users.keys(), ...server.state.groups.keys()].sort();
  const before = ids();
  try {
    const result = await runTenant(tenant, {
      baseUrl: server.url,
      env: { JANSSEN_SCIM_CLIENT_SECRET: SECRET },
      ...options,
      report: { out, ...options.report },
    });
    const failedChecks = result.totals.failures.map((f) => f.check);
    // Users and groups: what the run created is gone, what existed is there (devices are the run's to delete).
    return { ...result, output: out.text, failedChecks, leftAsFound: JSON.stringify(ids()) === JSON.stringify(before) };
  } finally {
    await server.close();
  }
}

describe('the Janssen Server target', () => {
  it("renders a valid collection with each folder's client-credentials token pre-filled, and no secret", async () => {
    const collection = await renderCollection(janssenTenant());
    assert.deepEqual(postmanSchemaErrors(collection), []);
    const users = collection.item.find((f) => f.name === 'Users');
    const settings = Object.fromEntries((users?.auth?.oauth2 ?? []).map((a) => [a.key, a.value]));
    assert.deepEqual(
      [settings.grant_type, settings.accessTokenUrl, settings.scope, settings.client_authentication],
      [
        'client_credentials',
        '{{baseUrl}}/jans-auth/restv1/token',
        '{{scopePrefix}}users.read {{scopePrefix}}users.write',
        'header',
      ],
    );
    const environment = Object.fromEntries(renderEnvironment(janssenTenant()).values.map((v) => [v.key, v]));
    assert.deepEqual([environment.clientSecret?.type, environment.clientSecret?.value], ['secret', '']);
    assert.equal(environment.scopePrefix?.value, 'https://jans.io/scim/');
    assert.ok(!collection.item.some((f) => f.name === 'U2F devices'), 'no U2F folder unless the profile says so');
  });

  it('passes every check against the simulator, and leaves nothing behind', async () => {
    const result = await runAgainst(janssenTenant());
    assert.equal(result.exitCode, 0, result.output);
    // fido.read and fido.write, and the clean-up's look-ups of creates that got no answer: there were none.
    const skipped = result.output.match(/^ {2}- .* \(skipped\)$/gm) ?? [];
    assert.deepEqual(
      skipped.map((line) => line.trim()),
      [
        '- fido.read: a token with only this scope is accepted (skipped)',
        '- fido.read: the same token is refused elsewhere (skipped)',
        '- fido.write: a token with only this scope is accepted (skipped)',
        '- fido.write: the same token is refused elsewhere (skipped)',
        '- Find the users this run created without an answer (skipped)',
        '- Find the groups this run created without an answer (skipped)',
      ],
    );
    assert.match(result.output, /Delete the device planted for testing\n.*DELETE/);
    assert.ok(result.leftAsFound, 'users and groups are as they were');
  });

  it('stops at once, with the cause, when the token endpoint refuses the client', async () => {
    const result = await runAgainst(janssenTenant(), {}, { env: { JANSSEN_SCIM_CLIENT_SECRET: 'not-the-secret' } });
    assert.equal(result.exitCode, 2);
    assert.match(
      result.totals.error ?? '',
      /the token endpoint refused the SCIM client 2000\.scimkit-test: check that JANSSEN_SCIM_CLIENT_SECRET holds its decrypted secret .*\(the tenant answered 401\)/,
    );
    assert.doesNotMatch(result.output, /\nUsers\n/, 'nothing after the refused token was sent');
  });

  it('fetches a new token once the server refuses the one it has', async () => {
    const result = await runAgainst(
      janssenTenant({ scopes: ['users.read'] }),
      {
        // The server forgets every token while it creates the run's user, as a revocation or an early expiry would.
        prepare: ({ state }) => {
          const set = state.users.set.bind(state.users);
          state.users.set = (id, user) => {
            if (!state.users.has(id) && String(user.userName).endsWith('-ada')) state.tokens.clear();
            return set(id, user);
          };
        },
      },
      { folders: ['Users'] },
    );
    assert.equal(result.exitCode, 1);
    assert.deepEqual(
      [...new Set(result.failedChecks.map((check) => check.split(' / ').slice(0, 2).join(' / ')))],
      ['Users / Get the user by id'],
      'only the request sent with the forgotten token fails; the next one has a new token',
    );
    assert.ok(result.leftAsFound);
  });

  it('verifies the U2F endpoints on a server that still has them', async () => {
    const result = await runAgainst(janssenTenant({ fidoDevices: true }), {}, { folders: ['U2F devices'] });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /\nU2F devices\n {2}List U2F devices\n/);
  });

  it('verifies only the scopes the profile lists', async () => {
    const result = await runAgainst(janssenTenant({ scopes: ['users.read'] }), {}, { folders: ['Scope enforcement'] });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /users\.read: a token with only this scope is accepted\n {4}GET/);
    assert.match(result.output, /- groups\.read: a token with only this scope is accepted \(skipped\)/);
  });

  it('reports a server in BYPASS mode as a security finding, unless the profile says it is intended', async () => {
    const enforcement = { folders: ['Scope enforcement'] };
    const finding = await runAgainst(janssenTenant(), { bypass: true }, enforcement);
    assert.equal(finding.exitCode, 1);
    assert.ok(
      finding.failedChecks.includes(
        'Scope enforcement / A request without a token is refused (401) / status is 401 (no BYPASS protection mode)',
      ),
      finding.failedChecks.join('\n'),
    );
    assert.match(finding.output, /SECURITY FINDING: the API answers without a token/);
    const intended = await runAgainst(
      janssenTenant({ bypassIntended: true, scopes: ['users.read'] }),
      { bypass: true },
      enforcement,
    );
    assert.match(intended.output, /BYPASS protection mode is on, as the profile says it is intended/);
  });

  describe('check levels', () => {
    it('reports a failed SHOULD check as a warning in every report, exits 0, and --bail does not stop there', async () => {
      const reportDir = await scratchDir('levels');
      const result = await runAgainst(
        janssenTenant(),
        { defects: ['discovery-filter-served'] },
        {
          folders: ['Discovery'],
          runId: 'w1',
          limits: { bail: true },
          report: { reporters: ['cli', 'junit', 'json', 'html'], dir: reportDir },
        },
      );
      assert.equal(result.exitCode, 0, result.output);
      assert.deepEqual(
        [result.totals.failedChecks, result.totals.warningChecks, result.totals.warnings.map((w) => w.check)],
        [0, 1, [FILTER_REFUSED]],
      );
      assert.match(
        result.output,
        /\n {4}! status is 403 \(SHOULD, warning\): expected response to have status code 403/,
      );
      assert.match(result.output, /List the schemas\n/, '--bail stops at failed MUST checks only');
      assert.match(result.output, /, 0 failed, 1 warning\(s\)/);
      assert.match(
        result.output,
        /Warnings \(failed SHOULD checks: they do not fail the run\):\n {2}1\. Discovery \/ A filter/,
      );
      assert.doesNotMatch(result.output, /Failed:/);

      const report = (name: string) => readFile(path.join(reportDir, `janssen-w1.${name}`), 'utf8');
      const junit = await report('junit.xml');
      assert.doesNotMatch(junit, /<failure|failures="[1-9]/, 'a warning is no JUnit failure');
      assert.match(
        junit,
        /<testcase name="status is 403" classname="janssen \/ Discovery \/ A filter on the service provider configuration is refused" time="[\d.]+">\n {6}<system-out>SHOULD check failed, not counted as a failure under profile strict \(warning\): expected response to have status code 403/,
      );
      const json = JSON.parse(await report('report.json'));
      const checks = json.requests.flatMap((r: { name: string; checks: { name: string; level: string }[] }) =>
        r.checks.map((c) => ({ ...c, request: r.name })),
      );
      assert.deepEqual(
        checks.filter((c: { level: string }) => c.level !== 'MUST'),
        [
          {
            request: 'A filter on the service provider configuration is refused',
            name: 'status is 403',
            level: 'SHOULD',
            severity: 'warning',
            passed: false,
            message: 'expected response to have status code 403 but got 200',
          },
        ],
      );
      assert.equal(json.totals.warningChecks, 1);
      const html = await report('report.html');
      assert.deepEqual(htmlProblems(html), []);
      assert.match(
        html,
        /<li class="check warning"><span class="mark">!<\/span> status is 403 <span class="level">SHOULD<\/span>/,
      );
      assert.match(visibleText(html), /No check failed; 1 SHOULD check\(s\) gave a warning/);
    });

    it('still exits 1 when a MUST check fails, beside a warning', async () => {
      // Discovery demands a token: every anonymous read fails, the filter's refusal with 401 instead of 403 too.
      const result = await runAgainst(
        janssenTenant(),
        { defects: ['discovery-needs-token'] },
        { folders: ['Discovery'] },
      );
      assert.equal(result.exitCode, 1, result.output);
      assert.ok(result.failedChecks.includes('Discovery / Read the service provider configuration / status is 200'));
      assert.deepEqual(
        result.totals.warnings.map((w) => w.check),
        [FILTER_REFUSED],
      );
    });
  });

  describe('negative controls: a simulator broken on purpose makes the run fail (or warn), naming the check', () => {
    let outcome: (defect: JanssenDefect) => ReturnType<typeof runAgainst>;
    before(() => {
      outcome = inBackground(
        Object.keys(controls) as JanssenDefect[],
        (defect) => runAgainst(janssenTenant(), { defects: [defect] }, { folders: [controls[defect].folder] }),
        3,
      );
    });

    for (const [defect, { caughtBy, level }] of Object.entries(controls)) {
      it(`${janssenDefects[defect as JanssenDefect]}`, async () => {
        const result = await outcome(defect as JanssenDefect);
        // A failed SHOULD check is a warning: named as failures are, and the run passes.
        assert.equal(result.exitCode, level === 'SHOULD' ? 0 : 1, result.output);
        const caught = level === 'SHOULD' ? result.totals.warnings.map((w) => w.check) : result.failedChecks;
        for (const check of caughtBy) {
          assert.ok(caught.includes(check), `"${check}" did not fail: ${caught.join('; ')}`);
        }
        assert.ok(result.leftAsFound, 'clean-up');
      });
    }
  });
});
