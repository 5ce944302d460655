import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { HtmlReporter } from '../src/report/html/index.js';
import type { RequestResult, RunTotals } from '../src/report/types.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { decodeEntities, htmlProblems, listedChecks, visibleText } from './support/html.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { recordRunSecrets } from './support/secrets.js';
import { ADMIN } from './support/sim.js';
import { scratchDir } from './support/scratch.js';

const temporary = () => scratchDir('html');

const INFO = {
  profile: 'tenants/acme.yaml',
  tenant: 'acme',
  target: 'ws1-access',
  baseUrl: 'https://acme.example.com',
  runId: 'r1',
  mode: 'verify' as const,
  gradingProfile: 'strict' as const,
};

const TOTALS: RunTotals = {
  requests: 2,
  skipped: 0,
  checks: 3,
  failedChecks: 1,
  warningChecks: 0,
  infoChecks: 0,
  skippedChecks: 0,
  networkErrors: 0,
  durationMs: 1500,
  failures: [{ check: 'Users / <b>Create</b> / <script>alert(1)</script>', message: 'expected 201 <but> got 200' }],
  blocked: [],
  warnings: [],
  conformance: { sections: [], profiles: [] },
  leftovers: { description: 'users: u-1 <i>', retry: 'scimkit cleanup --tenant tenants/acme.yaml --run-id r1' },
};

function result(changes: Partial<RequestResult> = {}): RequestResult {
  return {
    folder: 'Users',
    name: 'Create the user',
    method: 'POST',
    url: 'https://acme.example.com/SAAS/jersey/manager/api/scim/Users?a=1&b="2"',
    status: 201,
    statusText: 'Created',
    durationMs: 42,
    skipped: false,
    checks: [{ name: 'status is 201', level: 'MUST', severity: 'failure', passed: true }],
    console: [],
    ...changes,
  };
}

describe('the html report', () => {
  it('escapes whatever a request, a check or a message holds: no markup gets in', async () => {
    const dir = await temporary();
    const file = path.join(dir, 'acme.report.html');
    const reporter = await HtmlReporter.create(file);
    reporter.start({ ...INFO, tenant: 'acme"><script>alert(0)</script>' });
    reporter.request(
      result({
        name: '<b>Create</b>',
        checks: [
          { name: 'status is 201', level: 'MUST', severity: 'failure', passed: true },
          {
            name: '<script>alert(1)</script>',
            level: 'MUST',
            severity: 'failure',
            passed: false,
            message: 'expected 201 </details><script>x()</script>',
          },
        ],
        console: ['<img src=x onerror=alert(2)>'],
      }),
    );
    reporter.request(result({ folder: 'Groups', name: 'Create the group', networkError: 'connection reset <b>' }));
    await reporter.end(TOTALS);

    const html = await readFile(file, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    assert.ok(!/<(script|img|b)[\s>]/i.test(html), 'markup from the results got in');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the check name is shown, escaped');
    assert.deepEqual(listedChecks(html), [
      { state: 'passed', name: 'status is 201' },
      { state: 'failed', name: '<script>alert(1)</script>' },
      { state: 'passed', name: 'status is 201' },
    ]);
    const text = visibleText(html);
    for (const shown of [
      'expected 201 </details><script>x()</script>',
      '<img src=x onerror=alert(2)>',
      'connection reset <b>',
      'acme"><script>alert(0)</script>',
      'a=1&b="2"',
      'users: u-1 <i>',
      'scimkit cleanup --tenant tenants/acme.yaml --run-id r1',
    ])
      assert.ok(text.includes(shown), `"${shown}" is not shown`);
    assert.deepEqual(await readdir(dir), ['acme.report.html'], 'no temporary file is left');
  });

  it('groups requests by folder, opens the failed ones, and writes the summary last but shows it first', async () => {
    const dir = await temporary();
    const file = path.join(dir, 'acme.report.html');
    const reporter = await HtmlReporter.create(file);
    reporter.start(INFO);
    reporter.request(result());
    reporter.request(
      result({
        name: 'Verify',
        checks: [{ name: 'name is updated', level: 'MUST', severity: 'failure', passed: false, message: 'nope' }],
      }),
    );
    reporter.request(result({ folder: 'Groups', name: 'Skipped', skipped: true, checks: [], status: undefined }));
    await reporter.end(TOTALS);

    const html = await readFile(file, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    const folders = [...html.matchAll(/<section class="folder">\n<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(folders, ['Users', 'Groups']);
    const requests = [...html.matchAll(/<details class="request (\w+)"( open)?>/g)].map((m) => `${m[1]}${m[2] ?? ''}`);
    assert.deepEqual(requests, ['passed', 'failed open', 'skipped']);
    assert.ok(
      html.indexOf('<section class="summary') > html.lastIndexOf('<details class="request '),
      'the summary comes last',
    );
    assert.match(html, /\.report > \.summary \{ order: -3; \}/);
    assert.ok(!/<(script|link)\b|\bsrc=|url\(/i.test(html), 'the page needs no script and no external asset');
  });

  it("shows each request and its answer, headers and bodies, escaped: a hostile tenant's body injects nothing", async () => {
    const dir = await temporary();
    const file = path.join(dir, 'acme.report.html');
    const reporter = await HtmlReporter.create(file);
    reporter.start(INFO);
    const hostile = '</pre></details><script>alert(document.cookie)</script><pre>';
    reporter.request(
      result({
        exchange: {
          request: {
            headers: [
              { key: 'Content-Type', value: 'application/json' },
              { key: 'Authorization', value: 'Bearer ********' },
            ],
            body: '{\n  "userName": "ada"\n}',
            size: 20,
          },
          response: {
            headers: [{ key: 'X-Evil"><script>x()</script>', value: '<img src=x onerror=alert(3)>' }],
            body: `{"detail": "${hostile}"}`,
            size: 70_000,
          },
        },
      }),
    );
    await reporter.end({ ...TOTALS, failures: [], leftovers: undefined });

    const html = await readFile(file, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    assert.ok(!/<(script|img)[\s>]/i.test(html), 'markup from a body or a header got in');
    const payloads = [...html.matchAll(/<pre class="payload">([^<]*)<\/pre>/g)].map((m) => decodeEntities(m[1]!));
    assert.deepEqual(payloads, ['{\n  "userName": "ada"\n}', `{"detail": "${hostile}"}`], 'bodies as they came');
    const headers = [...html.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) =>
      decodeEntities(`${m[1]}: ${m[2]}`),
    );
    assert.deepEqual(headers, [
      'Content-Type: application/json',
      'Authorization: Bearer ********',
      'X-Evil"><script>x()</script>: <img src=x onerror=alert(3)>',
    ]);
    const text = visibleText(html);
    for (const shown of ['POST', '201 Created', '42 ms', '68.4 KiB', '2 headers, 20 B'])
      assert.ok(text.includes(shown), `"${shown}" is not shown`);
    assert.doesNotMatch(html, /showing the first/, 'a body that was not cut has no note');
  });

  it('notes a body cut at 64 KiB with its full size', async () => {
    const dir = await temporary();
    const file = path.join(dir, 'acme.report.html');
    const reporter = await HtmlReporter.create(file);
    reporter.start(INFO);
    const cut = { headers: [], body: 'x'.repeat(64 * 1024), size: 1_234_567, truncated: true as const };
    reporter.request(result({ exchange: { request: { headers: [], size: 0 }, response: cut } }));
    await reporter.end({ ...TOTALS, failures: [], leftovers: undefined });
    const html = await readFile(file, 'utf8');
    assert.match(
      html,
      /<details class="http received">\n(?:.*\n)*?<p class="cut">showing the first 64 KiB of 1,234,567 bytes<\/p>/,
    );
    assert.equal([...html.matchAll(/class="cut"/g)].length, 1, 'only the cut body has the note');
  });

  it('opens a failing run on its failed requests, a passing one on all, with the counts of each tab', async () => {
    const page = async (requests: RequestResult[], totals: RunTotals) => {
      const file = path.join(await temporary(), 'acme.report.html');
      const reporter = await HtmlReporter.create(file);
      reporter.start(INFO);
      for (const one of requests) reporter.request(one);
      await reporter.end(totals);
      const html = await readFile(file, 'utf8');
      assert.deepEqual(htmlProblems(html), []);
      const tabs = [
        ...html.matchAll(
          /<input type="radio" name="shown" id="show-(\w+)"( checked)?><label[^>]*>(\w+)<span class="count">(\d+)<\/span>/g,
        ),
      ];
      return {
        tabs: Object.fromEntries(tabs.map((m) => [m[3], Number(m[4])])),
        selected: tabs.filter((m) => m[2]).map((m) => m[1]),
        none: [...html.matchAll(/<p class="none (\w+)">/g)].map((m) => m[1]),
      };
    };
    const failedCheck = {
      name: 'status is 201',
      level: 'MUST' as const,
      severity: 'failure' as const,
      passed: false,
      message: 'got 200',
    };
    const warnedCheck = { name: 'has ETag', level: 'SHOULD' as const, severity: 'warning' as const, passed: false };
    const failing = await page(
      [
        result(),
        result({ name: 'Fails', checks: [failedCheck] }),
        result({ name: 'No answer', networkError: 'connection refused', checks: [] }),
        result({ name: 'Warns', checks: [warnedCheck] }),
        result({ name: 'Not sent', skipped: true, checks: [] }),
      ],
      TOTALS,
    );
    assert.deepEqual(failing.tabs, { All: 5, Failed: 2, Warnings: 1, Skipped: 1 });
    assert.deepEqual(failing.selected, ['failed'], 'a failing run opens on its failed requests');
    assert.deepEqual(failing.none, []);
    const passing = await page([result(), result({ name: 'Warns', checks: [warnedCheck] })], {
      ...TOTALS,
      failedChecks: 0,
      failures: [],
      leftovers: undefined,
    });
    assert.deepEqual(passing.tabs, { All: 2, Failed: 0, Warnings: 1, Skipped: 0 });
    assert.deepEqual(passing.selected, ['all']);
    assert.deepEqual(passing.none, ['failed', 'skipped'], 'an empty tab says so');
  });

  it('counts per folder on the dashboard, and shows what each folder does, its Markdown escaped', async () => {
    const dir = await temporary();
    const file = path.join(dir, 'acme.report.html');
    const reporter = await HtmlReporter.create(file);
    reporter.start({
      ...INFO,
      folders: [
        {
          name: 'Users',
          description: '**Create** a user with `POST /Users` <script>x()</script>\n\n- *one*\n- two\n  more',
        },
        { name: 'Groups', description: '' },
      ],
    });
    const checks = (...states: ('passed' | 'failed' | 'skipped' | 'warned')[]) =>
      states.map((state, i) => ({
        name: `check ${i}`,
        level: state === 'warned' ? ('SHOULD' as const) : ('MUST' as const),
        severity: state === 'warned' ? ('warning' as const) : ('failure' as const),
        passed: state !== 'failed' && state !== 'warned',
        ...(state === 'skipped' ? { skipped: true as const } : {}),
      }));
    reporter.request(result({ durationMs: 10, checks: checks('passed', 'failed') }));
    reporter.request(result({ name: 'Read', durationMs: 30, checks: checks('passed', 'skipped', 'warned') }));
    reporter.request(result({ folder: 'Groups', name: 'Not sent', skipped: true, durationMs: undefined, checks: [] }));
    await reporter.end(TOTALS);

    const html = await readFile(file, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    const rows = [...html.matchAll(/<tr class="(\w+)">((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((m) => [
      m[1],
      ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]),
    ]);
    assert.deepEqual(rows, [
      // state, folder, requests, failed requests, checks passed, failed, warned, skipped, average response
      ['failed', 'Users', '2', '1', '2', '1', '1', '1', '20 ms'],
      ['passed', 'Groups', '1', '0', '0', '0', '0', '0', '–'],
    ]);
    assert.match(html, /<details class="per-folder">/, 'closed on a failing run: its failures come first');
    assert.ok(
      html.includes(
        '<p><strong>Create</strong> a user with <code>POST /Users</code> &lt;script&gt;x()&lt;/script&gt;</p>\n<ul><li><em>one</em></li><li>two more</li></ul>',
      ),
      'the description, as HTML, its markup escaped',
    );
    assert.equal([...html.matchAll(/<details class="description">/g)].length, 1, 'no empty description');
  });

  it('leaves no file, not even a temporary one, when aborted', async () => {
    const dir = await temporary();
    const reporter = await HtmlReporter.create(path.join(dir, 'acme.report.html'));
    reporter.start(INFO);
    reporter.request(result());
    // Half a page is on disk, in a temporary file, and under no report's name.
    const written = async () => {
      const files = await readdir(dir);
      return files.length === 1 ? readFile(path.join(dir, files[0]!), 'utf8') : '';
    };
    while (!(await written()).includes('</details>')) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.endsWith('.report.html')),
      [],
    );
    await reporter.abort();
    assert.deepEqual(await readdir(dir), []);
  });

  it('is not left behind by a run that cannot start', async () => {
    const reportDir = await temporary();
    // The terminal is gone when the run starts: the cli reporter throws, and the run is abandoned.
    const out = {
      write() {
        throw new Error('stdout is closed');
      },
    } as unknown as Writable;
    await assert.rejects(
      run(simTenant(), { sim: true, report: { reporters: ['cli', 'html'], dir: reportDir, out } }),
      /stdout is closed/,
    );
    assert.deepEqual(await readdir(reportDir), []);
  });

  it('shows why a check failed in a failing run, and what went over the wire, masked', async () => {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects: ['user-create-status-200'] });
    const secrets = recordRunSecrets(sim);
    try {
      const reportDir = await temporary();
      const result = await run(simTenant(), {
        baseUrl: sim.url,
        folders: USER_FOLDERS,
        report: { reporters: ['html'], dir: reportDir },
        runId: 'r3',
      });
      assert.equal(result.exitCode, 1);
      assert.deepEqual(await readdir(reportDir), ['acme-r3.report.html']);
      const html = await readFile(path.join(reportDir, 'acme-r3.report.html'), 'utf8');
      assert.deepEqual(htmlProblems(html), []);
      const failure = result.totals.failures.find(
        (f) => f.check === 'User lifecycle / Create the user in the Other directory / status is 201',
      );
      assert.ok(failure, 'the defect made the status check fail');
      assert.ok(visibleText(html).includes(failure.message), `"${failure.message}" is not in the report`);
      assert.ok(
        listedChecks(html).some((c) => c.state === 'failed' && c.name === 'status is 201'),
        'the failed check is marked failed',
      );
      assert.match(
        html,
        /<details class="request failed" open>\n<summary>[^\n]*Create the user in the Other directory/,
      );
      assert.match(html, /<section class="summary failed">/);
      assert.match(html, /<input type="radio" name="shown" id="show-failed" checked>/, 'it opens on the failures');
      // The request's headers and the answer's body are shown, credentials masked; no secret is anywhere.
      assert.match(html, /<tr><th>Authorization<\/th><td>Bearer \*{8}<\/td><\/tr>/);
      assert.match(html, /<pre class="payload">\{\n {2}&quot;access_token&quot;: &quot;\*{8}&quot;,/);
      assert.match(html, /<pre class="payload">\{\n[^<]*&quot;userName&quot;: &quot;scimkit-r3-ada@/);
      assert.match(html, /<h2>User lifecycle<\/h2>\n<details class="description">/, 'folders say what they do');
      assert.ok(secrets.tokens().length >= 2, 'the admin and the Okta token were issued');
      for (const form of secrets.forms()) assert.ok(!html.includes(form), `a secret leaked: ${form.slice(0, 4)}…`);
    } finally {
      await sim.close();
    }
  });
});
