import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'dotenv';
import { OKTA_TOKEN_VARIABLE } from '../src/handover/okta.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { diagnosisPattern } from './support/diagnoses.js';
import { filesIn } from './support/files.js';
import { run, simTenant } from './support/run.js';
import { ADMIN, API, call, CLIENT, token, useSimulator } from './support/sim.js';
import { ws1Profile } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

const OKTA = { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'ACME_OKTA_SECRET' };
/** What the documents' set-up builds, and Okta's own test of the token. */
const SET_UP = ['OAuth 2.0 client for Okta', 'Okta bearer token', 'Directory of type Other', 'Test API credentials'];
const temporary = () => scratchDir('hand-over');

/** A profile file whose admin client is the simulator's, with the Okta client's secret read from ACME_OKTA_SECRET. */
async function profileFile(changes: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(await temporary(), 'acme.yaml');
  await writeFile(
    file,
    ws1Profile({
      adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' },
      oktaClient: OKTA,
      ...changes,
    }),
  );
  return file;
}

/** What a tenant answers when Okta's Test API Credentials sends this token. */
async function oktaTest(sim: { url: string }, bearer: string): Promise<number> {
  return (await call(sim, 'GET', `${API}/scim/Users?startIndex=1&count=2`, { token: bearer })).status;
}

describe('handing over what Okta needs', () => {
  const sim = useSimulator();

  describe('run --setup --reveal-to', () => {
    it("creates the Okta client with a strong secret of scimkit's, and hands it and the token over in a 0600 dotenv file only", async () => {
      const reportDir = await temporary();
      const revealTo = path.join(await temporary(), 'okta.env');
      const result = await run(simTenant({ oktaClient: OKTA }), {
        baseUrl: sim.current.url,
        mode: 'setup',
        folders: SET_UP,
        revealTo,
        report: { reporters: ['cli', 'junit', 'json', 'html'], dir: reportDir },
      });
      assert.equal(result.exitCode, 0, result.output);

      assert.equal((await stat(revealTo)).mode & 0o777, 0o600);
      const revealed = parse(await readFile(revealTo, 'utf8'));
      const client = sim.current.state.clients.get('OktaSCIM')!;
      assert.equal(revealed.ACME_OKTA_SECRET, client.secret, 'the secret the client was created with');
      assert.match(client.secret, /^[A-Za-z0-9]{48}$/, 'made up by scimkit: 48 letters and digits');
      const apiToken = revealed[OKTA_TOKEN_VARIABLE]!;
      assert.equal(await oktaTest(sim.current, apiToken), 200, "Okta's Test API Credentials passes with it");
      assert.match(await readFile(revealTo, 'utf8'), /# Okta's API Token, expires \d{4}-\d\d-\d\d: paste it into Okta/);

      const reports = await filesIn(reportDir);
      assert.equal(reports.length, 3);
      for (const text of [result.output, ...reports]) {
        assert.ok(!text.includes(client.secret), 'the client secret is in a report');
        assert.ok(!text.includes(apiToken), 'the API token is in a report');
      }
      // The checklist of the Okta side, with this tenant's values.
      assert.match(result.output, /Okta: in the VMware Workspace ONE app .*, for acme:\n/);
      assert.match(result.output, /\[ \] General: Base URL http:\/\/127\.0\.0\.1:\d+\n/);
      assert.match(
        result.output,
        new RegExp(`API Token: ${OKTA_TOKEN_VARIABLE} in ${revealTo.replace(/[.\\/]/g, '\\$&')} \\(expires`),
      );
      assert.match(result.output, /Enable Create Users, Update User Attributes and Deactivate Users/);
      assert.match(result.output, /domain = "OKTA\.COM"/);
      assert.match(
        result.output,
        /Push Groups from an Okta group used for nothing else.*System Domain unless it exists first/,
      );
      assert.match(result.output, /\n\n\d+ requests sent, .* checks, .* 0 failed .*\n$/, 'the summary is printed last');
    });

    it('refuses a file that exists, before sending anything, and leaves it as it was', async () => {
      const file = await profileFile();
      const revealTo = path.join(await temporary(), 'okta.env');
      await writeFile(revealTo, 'KEEP=me\n');
      const result = await scimkit(
        ['run', '--tenant', file, '--base-url', sim.current.url, '--setup', '--reveal-to', revealTo],
        { ACME_ADMIN_SECRET: ADMIN.secret },
      );
      assert.ok(isUsageFailure(result), result.stderr);
      assert.match(result.stderr, /--reveal-to: .*okta\.env exists; name a new file/);
      assert.equal(await readFile(revealTo, 'utf8'), 'KEEP=me\n');
      assert.deepEqual([...sim.current.state.clients.keys()], [ADMIN.clientId], 'nothing was created');
    });

    it('needs --setup, one profile, and oktaClient.secretEnv to write the secret under', async () => {
      const file = await profileFile();
      const revealTo = path.join(await temporary(), 'okta.env');
      const cases: [string[], RegExp][] = [
        [['--reveal-to', revealTo], /--reveal-to needs --setup/],
        [['--setup', '--read-only', '--reveal-to', revealTo], /mutually exclusive|exclude/i],
        [['--setup', '--tenant', 'tenants/examples/globex.yaml', '--reveal-to', revealTo], /give one tenant profile/],
      ];
      for (const [extra, message] of cases) {
        const result = await scimkit(['run', '--tenant', file, '--base-url', sim.current.url, ...extra]);
        assert.ok(isUsageFailure(result), `${extra.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
      }
      const without = await scimkit([
        'run',
        '--tenant',
        await profileFile({ oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 60 } }),
        '--base-url',
        sim.current.url,
        '--setup',
        '--reveal-to',
        revealTo,
      ]);
      assert.ok(isUsageFailure(without));
      assert.match(without.stderr, /names no oktaClient\.secretEnv: add the variable .* such as ACME_OKTA_SECRET/);
      await assert.rejects(stat(revealTo), 'no file was written');
    });
  });

  it('run --setup without --reveal-to creates no client whose secret would be lost, and says how to get one', async () => {
    const result = await run(simTenant({ oktaClient: OKTA }), { baseUrl: sim.current.url, mode: 'setup' });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.failedChecks, [
      "OAuth 2.0 client for Okta / Create the Okta client (Service Client Token) / the new client's secret can be handed over",
    ]);
    assert.match(result.output, /not created: its secret would be lost\. Run with --reveal-to FILE/);
    assert.deepEqual([...sim.current.state.clients.keys()], [ADMIN.clientId]);
    assert.match(result.output, /API Token: this run got no token/);
  });

  it('run --setup with the secret given creates the client with it, and names okta-token for the token', async () => {
    const secret = 'the-secret-the-admin-chose-0123456789';
    const result = await run(simTenant({ oktaClient: OKTA }), {
      baseUrl: sim.current.url,
      mode: 'setup',
      folders: SET_UP,
      source: 'tenants/acme.yaml',
      env: { ACME_ADMIN_SECRET: ADMIN.secret, ACME_OKTA_SECRET: secret },
    });
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(sim.current.state.clients.get('OktaSCIM')?.secret, secret);
    assert.match(
      result.output,
      /API Token: not shown by this run: `scimkit okta-token --tenant tenants\/acme\.yaml` prints one \(with ACME_OKTA_SECRET set/,
    );
    assert.ok(!result.output.includes(secret));
  });

  it("the checklist's Base URL line warns of a tenant on workspaceoneaccess.com, with what to try", async () => {
    const secrets = { ACME_ADMIN_SECRET: ADMIN.secret, ACME_OKTA_SECRET: 'the-secret-the-admin-chose-0123456789' };
    const setUp = (baseUrl: string) =>
      run(simTenant({ oktaClient: OKTA, baseUrl }), {
        baseUrl: sim.current.url,
        mode: 'setup',
        folders: ['OAuth 2.0 client for Okta'],
        env: secrets,
      });
    const newer = await setUp('https://acme.workspaceoneaccess.com');
    const diagnosis = await diagnosisPattern('ws1-access', 'base-url-workspaceoneaccess');
    assert.match(
      newer.output,
      new RegExp(String.raw`Base URL .*\n {6}! https://acme\.workspaceoneaccess\.com: ` + diagnosis.source),
    );
    const older = await setUp('https://acme.vmwareidentity.com');
    assert.match(older.output, /\[ \] General: Base URL .*\n {2}\[ \] Provisioning/);
  });

  describe('scimkit okta-token', () => {
    async function oktaClient(): Promise<string> {
      const created = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: await token(sim.current),
        contentType: CLIENT,
        body: { clientId: 'OktaSCIM', scope: 'admin', authGrantTypes: 'client_credentials', accessTokenTTL: 525600 },
      });
      return created.body.secret;
    }

    it('prints exactly a fresh token on stdout, which Okta can use; stderr says until when and where it goes', async () => {
      const secret = await oktaClient();
      const result = await scimkit(['okta-token', '--tenant', await profileFile(), '--base-url', sim.current.url], {
        ACME_OKTA_SECRET: secret,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^\S+\n$/, 'the token, and nothing else');
      assert.equal(await oktaTest(sim.current, result.stdout.trim()), 200);
      assert.match(
        result.stderr,
        /^scimkit: acme: API token of the Okta client OktaSCIM, valid until \d{4}-.*: paste it into Okta \(VMware Workspace ONE app > Provisioning > Integration > API Token\)/,
      );
      assert.ok(!result.stderr.includes(secret) && !result.stderr.includes(result.stdout.trim()));
    });

    it('refuses, on one line and without a secret in it, what cannot give a token', async () => {
      const secret = await oktaClient();
      const file = await profileFile();
      const wrong = await scimkit(['okta-token', '--tenant', file, '--base-url', sim.current.url], {
        ACME_OKTA_SECRET: 'not-the-secret-at-all',
      });
      assert.ok(isUsageFailure(wrong));
      assert.match(
        wrong.stderr,
        /the tenant refused the Okta client OktaSCIM \(401\): check that ACME_OKTA_SECRET holds its secret/,
      );
      assert.ok(!wrong.stderr.includes('not-the-secret-at-all'));
      const unset = await scimkit(['okta-token', '--tenant', file, '--base-url', sim.current.url]);
      assert.ok(isUsageFailure(unset));
      assert.match(unset.stderr, /ACME_OKTA_SECRET is not set/);
      const unnamed = await scimkit([
        'okta-token',
        '--tenant',
        await profileFile({ oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 60 } }),
      ]);
      assert.match(unnamed.stderr, /oktaClient\.secretEnv is missing/);
      const janssen = await scimkit(['okta-token', '--tenant', 'tenants/examples/janssen.yaml']);
      assert.match(janssen.stderr, /okta-token needs a Workspace ONE Access profile/);
      assert.ok(secret);
    });
  });

  it('run --read-only --sim passes: the simulator is a tenant the set-up was done on', async () => {
    const result = await scimkit(['run', '--tenant', 'tenants/examples/globex.yaml', '--sim', '--read-only']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Get the Okta bearer token\n.*200 OK/);
  });
});
