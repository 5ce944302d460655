import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { filesIn } from './support/files.js';
import { htmlProblems, listedChecks } from './support/html.js';
import { startProxy, textReply } from './support/proxy.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import {
  ADMIN,
  API,
  call,
  CLIENT,
  createOtherDirectory,
  provisionedUser,
  recordIssuedTokens,
  token,
  useSimulator,
} from './support/sim.js';
import { scratchDir } from './support/scratch.js';

const WORKSPACE = 'urn:scim:schemas:extension:workspace:1.0';

/** The reports of a green run: every check in each, under unique names, and no secret or token in any. */
async function assertReports(reportDir: string, result: Awaited<ReturnType<typeof run>>, tokens: readonly string[]) {
  assert.deepEqual((await readdir(reportDir)).sort(), [
    'acme-r4.junit.xml',
    'acme-r4.report.html',
    'acme-r4.report.json',
  ]);
  const junit = await readFile(path.join(reportDir, 'acme-r4.junit.xml'), 'utf8');
  const cases = [...junit.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map((m) => `${m[2]} / ${m[1]}`);
  assert.equal(cases.length, result.totals.checks + result.totals.skipped);
  assert.equal(new Set(cases).size, cases.length, 'check names are unique');
  const json = JSON.parse(await readFile(path.join(reportDir, 'acme-r4.report.json'), 'utf8'));
  assert.equal(json.totals.checks, result.totals.checks);
  assert.equal(json.requests.length, result.totals.requests);
  const html = await readFile(path.join(reportDir, 'acme-r4.report.html'), 'utf8');
  assert.deepEqual(htmlProblems(html), [], 'the HTML report is well-formed');
  assert.equal([...html.matchAll(/<details class="request /g)].length, result.totals.requests);
  assert.deepEqual(
    listedChecks(html),
    json.requests.flatMap((r: { checks: { name: string; passed: boolean; skipped?: true }[] }) =>
      r.checks.map((c) => ({ name: c.name, state: c.skipped ? 'skipped' : c.passed ? 'passed' : 'failed' })),
    ),
    'the HTML report lists every check, in order',
  );
  assert.match(html, new RegExp(`All ${result.totals.checks} checks passed`));
  for (const text of [junit, JSON.stringify(json), html, result.output]) {
    assert.ok(!text.includes(ADMIN.secret), 'the admin secret leaked');
    for (const value of tokens) assert.ok(!text.includes(value), 'a token leaked');
  }
}

/** A run up to the user folders against this tenant, with every reporter: its result and the reports' text. */
async function runWithEveryReporter(baseUrl: string) {
  const reportDir = await scratchDir('reports');
  const result = await run(simTenant(), {
    baseUrl,
    folders: USER_FOLDERS,
    report: { reporters: ['cli', 'junit', 'json', 'html'], dir: reportDir },
  });
  return { result, files: await filesIn(reportDir) };
}

describe('running the Workspace ONE Access collection', () => {
  describe('against the simulator', () => {
    const sim = useSimulator();

    it('passes every check, leaves nothing behind, and writes JUnit, JSON and HTML reports with unique check names and no secret', async () => {
      const reportDir = await scratchDir('reports');
      const issued = recordIssuedTokens(sim.current);
      const result = await run(simTenant(), {
        baseUrl: sim.current.url,
        report: { reporters: ['cli', 'junit', 'json', 'html'], dir: reportDir },
        runId: 'r4',
      });
      assert.equal(result.exitCode, 0, result.output);
      assert.equal(result.totals.failedChecks, 0);
      assert.ok(result.totals.checks >= 100, `only ${result.totals.checks} checks ran`);
      assert.match(result.output, /Okta API token expires on \d{4}-\d\d-\d\dT/, 'the expiry date is reported');
      const { state } = sim.current;
      assert.deepEqual([state.users.size, state.groups.size], [0, 0]);
      assert.deepEqual([...state.clients.keys()], [ADMIN.clientId]);
      assert.deepEqual(
        [...state.directories.values()].map((d) => d.name),
        ['System Directory'],
      );
      assert.ok(issued.length >= 2, 'the admin and the Okta token');
      await assertReports(
        reportDir,
        result,
        issued.map((t) => t.value),
      );
    });

    it('runs only the folders asked for, and clean-up', async () => {
      const result = await run(simTenant(), { baseUrl: sim.current.url, folders: ['OAuth 2.0 client for Okta'] });
      assert.equal(result.exitCode, 0, result.output);
      assert.doesNotMatch(result.output, /User lifecycle/);
      assert.match(result.output, /Delete the Okta client this run created\n(.*\n){1,3}.*✓ Okta client is removed/);
      assert.deepEqual([...sim.current.state.clients.keys()], [ADMIN.clientId]);
    });

    it('fetches the admin token itself when the token folder is not run (Newman has no OAuth 2.0 helper)', async () => {
      const result = await run(simTenant(), { baseUrl: sim.current.url, folders: ['Directory of type Other'] });
      assert.equal(result.exitCode, 0, result.output);
      assert.doesNotMatch(result.output, /Get an admin token/);
      assert.match(result.output, /Create the directory of type Other\n.*201 Created/);
    });

    it('fetches a new admin token before the cached one expires', async () => {
      sim.current.state.clients.get(ADMIN.clientId)!.accessTokenTTL = 1; // a minute: always within the refresh margin
      const issued = recordIssuedTokens(sim.current);
      const folders = ['OAuth 2.0 client for Okta', 'Directory of type Other'];
      const result = await run(simTenant(), { baseUrl: sim.current.url, folders });
      assert.equal(result.exitCode, 0, result.output);
      assert.ok(issued.filter((t) => t.clientId === ADMIN.clientId).length > 5, 'the admin token was refreshed');
    });

    it('sends tenant values exactly, however tricky', async () => {
      const name = 'Okta "Universal" \\ Directory ✓ 日本 {x} } {y} }';
      const created: string[] = [];
      const { directories } = sim.current.state;
      const set = directories.set.bind(directories);
      directories.set = (id, directory) => (created.push(directory.name), set(id, directory));
      const result = await run(simTenant({ directory: { name, domain: 'okta.example' } }), {
        baseUrl: sim.current.url,
        folders: ['Directory of type Other'],
        runId: 'r1',
      });
      assert.equal(result.exitCode, 0, result.output);
      assert.deepEqual(created, [`scimkit-r1 ${name}`]);
    });
  });

  describe('against a tenant answering application/json (KB 6000953)', () => {
    const sim = useSimulator({ ws1Access: { jsonMediaTypes: true } });

    it('passes too: both documented media types are accepted', async () => {
      const result = await run(simTenant(), { baseUrl: sim.current.url });
      assert.equal(result.exitCode, 0, result.output);
    });
  });

  describe('on a tenant that already has the Okta client, the directory and users with the same prefix', () => {
    const sim = useSimulator();
    const snapshot = () =>
      JSON.stringify([...sim.current.state.clients.values(), ...sim.current.state.directories.values()]) +
      JSON.stringify([...sim.current.state.users.values(), ...sim.current.state.groups.values()]);

    async function existingSetUp() {
      const admin = await token(sim.current);
      const client = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: { clientId: 'OktaSCIM', scope: 'admin', authGrantTypes: 'client_credentials', accessTokenTTL: 1576800 },
      });
      await createOtherDirectory(sim.current, admin, 'OKTA.COM', 'Okta Universal Directory');
      const user = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: provisionedUser('scimkit-old-ada', 'OKTA.COM'),
      });
      const group = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'scimkit-old-okta-push', [WORKSPACE]: { domain: 'OKTA.COM' } },
      });
      return { client, user, group };
    }

    it('verifies with a client and directory of its own, named after the run, and changes nothing else', async () => {
      await existingSetUp();
      const before = snapshot();
      const result = await run(simTenant(), { baseUrl: sim.current.url, runId: 'r2' });
      assert.equal(result.exitCode, 0, result.output);
      assert.match(result.output, /oauth2clients\/scimkit-r2-okta /);
      assert.match(result.output, /removed the Okta client/);
      assert.match(result.output, /removed the directory/);
      assert.equal(snapshot(), before);
    });

    it('with --setup, reuses the client and the directory, leaves them and everything else in place', async () => {
      const { client, user, group } = await existingSetUp();
      const before = JSON.stringify([...sim.current.state.users.values(), ...sim.current.state.groups.values()]);

      const tenant = simTenant({
        oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'OKTA_SECRET' },
      });
      const result = await run(tenant, {
        baseUrl: sim.current.url,
        mode: 'setup',
        env: { ACME_ADMIN_SECRET: ADMIN.secret, OKTA_SECRET: client.body.secret },
      });

      assert.equal(result.exitCode, 0, result.output);
      assert.match(result.output, /Okta client OktaSCIM already exists: reused/);
      assert.match(result.output, /- Create the Okta client \(Service Client Token\) \(skipped\)/);
      assert.match(result.output, /- Delete the directory this run created \(skipped\)/);
      assert.ok(sim.current.state.clients.has('OktaSCIM'));
      assert.deepEqual(
        [...sim.current.state.directories.values()].map((d) => d.name),
        ['System Directory', 'Okta Universal Directory'],
      );
      assert.equal(JSON.stringify([...sim.current.state.users.values(), ...sim.current.state.groups.values()]), before);
      assert.ok(sim.current.state.users.has(user.body.id) && sim.current.state.groups.has(group.body.id));
    });
  });

  describe('on a tenant that already has the Okta client, when its secret is not known', () => {
    const sim = useSimulator();

    it('fails with --setup, naming the profile field that fixes it', async () => {
      const admin = await token(sim.current);
      await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: { clientId: 'OktaSCIM', scope: 'admin', authGrantTypes: 'client_credentials', accessTokenTTL: 1576800 },
      });
      const result = await run(simTenant(), { baseUrl: sim.current.url, mode: 'setup' });
      assert.equal(result.exitCode, 1);
      assert.deepEqual(
        result.totals.failures.map((f) => f.check),
        ["OAuth 2.0 client for Okta / Read the Okta client back / the client's secret is known"],
      );
      assert.match(result.output, /name its variable in oktaClient\.secretEnv/);
      assert.ok(sim.current.state.clients.has('OktaSCIM'), 'the client that existed is left in place');
    });
  });

  describe('reports and secrets', () => {
    const sim = useSimulator();

    it('masks a token the tenant echoes back in an error that a check quotes', async () => {
      // A tenant in front of the simulator that answers a refused user creation with the caller's token, as text.
      const proxy = await startProxy(sim.current.url, async (exchange, forward) => {
        const answer = await forward();
        if (exchange.method === 'POST' && exchange.path.endsWith('/scim/Users') && answer.status >= 400) {
          return textReply(
            answer.status,
            `token ${String(exchange.headers.authorization).slice('Bearer '.length)} refused`,
          );
        }
        return answer;
      });
      try {
        const { result, files } = await runWithEveryReporter(proxy.url);
        const quoted = 'User lifecycle / Creating the same userName again is refused / error body uses the';
        const failure = result.totals.failures.find((f) => f.check.startsWith(quoted));
        assert.match(failure?.message ?? '', /the error body is not JSON: "token \*{8} refused"/);
        assert.equal(files.length, 3);
        for (const text of [result.output, ...files]) {
          for (const value of sim.current.state.tokens.keys()) assert.ok(!text.includes(value), 'a token leaked');
        }
      } finally {
        await proxy.close();
      }
    });

    it('two runs writing to the same --report-dir at once keep their reports apart', async () => {
      const reportDir = await scratchDir('reports');
      const runs = await Promise.all(
        [1, 2].map(() =>
          run(simTenant(), {
            sim: true,
            folders: ['Admin token'],
            report: { reporters: ['junit', 'json'], dir: reportDir },
          }),
        ),
      );
      assert.deepEqual(
        (await readdir(reportDir)).sort(),
        runs.flatMap((r) => [`acme-${r.runId}.junit.xml`, `acme-${r.runId}.report.json`]).sort(),
      );
    });

    it("masks the Basic credentials a tenant quotes, and keeps the tenant's control characters off the terminal", async () => {
      // A tenant that refuses the user with a documented error, quoting the admin client's Authorization header,
      // with escape sequences (colour, window title, clear screen) and a bidirectional override in the text.
      let basic = '';
      const proxy = await startProxy(sim.current.url, async (exchange, forward) => {
        if (exchange.path.endsWith('/oauthtoken') && !basic) basic = String(exchange.headers.authorization);
        if (exchange.method === 'POST' && exchange.path.endsWith('/scim/Users')) {
          const message = `Required user attributes: [distinguishedName] are missing \u001b[31m(${basic})\u001b]0;owned\u0007\u001b[2J\u202e`;
          return textReply(400, JSON.stringify({ errors: [{ code: 'bad', message }] }), 'application/json');
        }
        return forward();
      });
      try {
        const { result, files } = await runWithEveryReporter(proxy.url);
        assert.match(basic, /^Basic \S+$/, 'the run authenticated with Basic');
        const encoded = basic.slice('Basic '.length);
        const failure = result.totals.failures.find((f) => f.check.endsWith('/ no documented provisioning error'));
        assert.match(failure?.message ?? '', /are missing \(Basic \*{8}\)": cause: a user attribute/);
        for (const text of [result.output, ...files]) {
          assert.ok(!text.includes(encoded), 'the Basic credentials leaked');
          assert.ok(!text.includes(ADMIN.secret), 'the secret leaked');
          assert.doesNotMatch(text, /[\u001b\u0007\u202e]/, 'a control character of the tenant reached a report');
        }
      } finally {
        await proxy.close();
      }
    });
  });
});
