import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { HtmlReporter } from '../src/report/html/index.js';
import type { RequestResult, RunTotals } from '../src/report/types.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { htmlProblems, listedChecks, visibleText } from './support/html.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { ADMIN } from './support/sim.js';

const temporary = () => mkdtemp(path.join(tmpdir(), 'scimkit-html-'));

const INFO = {
  profile: 'tenants/acme.yaml',
  tenant: 'acme',
  target: 'ws1-access',
  baseUrl: 'https://acme.example.com',
  runId: 'r1',
  mode: 'verify' as const,
};

const TOTALS: RunTotals = {
  requests: 2,
  skipped: 0,
  checks: 3,
  failedChecks: 1,
  failedShouldChecks: 0,
  failedInfoChecks: 0,
  skippedChecks: 0,
  networkErrors: 0,
  durationMs: 1500,
  failures: [{ check: 'Users / <b>Create</b> / <script>alert(1)</script>', message: 'expected 201 <but> got 200' }],
  blocked: [],
  warnings: [],
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
    checks: [{ name: 'status is 201', level: 'MUST', passed: true }],
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
          { name: 'status is 201', level: 'MUST', passed: true },
          {
            name: '<script>alert(1)</script>',
            level: 'MUST',
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
      result({ name: 'Verify', checks: [{ name: 'name is updated', level: 'MUST', passed: false, message: 'nope' }] }),
    );
    reporter.request(result({ folder: 'Groups', name: 'Skipped', skipped: true, checks: [], status: undefined }));
    await reporter.end(TOTALS);

    const html = await readFile(file, 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    const folders = [...html.matchAll(/<section class="folder">\n<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(folders, ['Users', 'Groups']);
    const requests = [...html.matchAll(/<details class="request (\w+)"( open)?>/g)].map((m) => `${m[1]}${m[2] ?? ''}`);
    assert.deepEqual(requests, ['passed', 'failed open', 'skipped']);
    assert.ok(html.indexOf('<section class="summary') > html.lastIndexOf('<details'), 'the summary comes last');
    assert.match(html, /\.report > \.summary \{ order: -1; \}/);
    assert.ok(!/<(script|link)\b|\bsrc=|url\(/i.test(html), 'the page needs no script and no external asset');
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

  it('shows why a check failed in a failing run', async () => {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects: ['user-create-status-200'] });
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
    } finally {
      await sim.close();
    }
  });
});
