import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { CliReporter } from '../src/report/cli/index.js';
import { createReporters } from '../src/report/create.js';
import type { RequestResult, RunTotals } from '../src/report/types.js';
import { scimkit } from './support/cli.js';
import { Capture } from './support/capture.js';
import { USER_FOLDERS } from './support/run.js';
import { scratchDir } from './support/scratch.js';

const INFO = {
  profile: 'acme.yaml',
  tenant: 'acme',
  target: 'ws1-access',
  baseUrl: 'https://a.example',
  runId: 'r1',
  gradingProfile: 'strict' as const,
};

/** A request that got an answer of `size` bytes in `durationMs`, with one check that passed. */
const answered = (name: string, durationMs: number, size: number): RequestResult => ({
  folder: 'Users',
  name,
  method: 'GET',
  url: 'https://a.example/Users',
  status: 200,
  statusText: 'OK',
  durationMs,
  skipped: false,
  checks: [{ name: 'status is 200', level: 'MUST', severity: 'failure', passed: true }],
  exchange: { request: { headers: [], size: 0 }, response: { headers: [], size } },
  console: [],
});

const RESULTS: RequestResult[] = [
  answered('Get the user', 10, 1000),
  answered('List the users', 20, 2000),
  answered('Search the users', 60, 500),
  {
    ...answered('Delete the user', 0, 0),
    durationMs: undefined,
    exchange: undefined,
    checks: [],
    networkError: 'connection refused',
  },
  { ...answered('Delete the group', 0, 0), durationMs: undefined, exchange: undefined, checks: [], skipped: true },
];

const TOTALS: RunTotals = {
  requests: 5,
  skipped: 1,
  checks: 4,
  failedChecks: 1,
  warningChecks: 0,
  infoChecks: 0,
  skippedChecks: 0,
  networkErrors: 1,
  durationMs: 2500,
  failures: [{ check: 'Users / Delete the user / request is answered', message: 'connection refused' }],
  blocked: [],
  warnings: [],
  conformance: {
    sections: [
      {
        section: 'Users',
        MUST: { passed: 3, failed: 1 },
        SHOULD: { passed: 0, failed: 0 },
        INFO: { passed: 0, failed: 0 },
      },
    ],
    profiles: [
      { profile: 'strict', failures: 1, warnings: 0, passes: false },
      { profile: 'okta', failures: 1, warnings: 0, passes: false },
      { profile: 'entra', failures: 1, warnings: 0, passes: false },
    ],
  },
};

/** What a cli reporter prints of RESULTS and TOTALS on `out`. */
async function printed(out: Capture, options?: { progress: boolean }): Promise<string> {
  const reporter = new CliReporter(out, options);
  reporter.start({ ...INFO, mode: 'verify' });
  for (const result of RESULTS) reporter.request(result);
  await reporter.end(TOTALS);
  return out.text;
}

const ESCAPE = '\u001b[';

/** Capture posing as a terminal. */
class Terminal extends Capture {
  isTTY = true;
}

describe('the cli report', () => {
  it("ends with Newman's table: requests and checks, duration, data received, response times", async () => {
    const text = await printed(new Capture());
    const row = (label: string, ...counts: number[]) =>
      new RegExp(`│ +${label} │ +${counts.map(String).join(' │ +')} │\n`);
    assert.match(text, /│ +│ +executed │ +failed │ +skipped │\n/);
    assert.match(text, row('requests', 4, 1, 1));
    assert.match(text, row('checks', 4, 1, 0));
    assert.match(text, /│ total run duration: 2\.5s +│\n/);
    assert.match(text, /│ total data received: 3\.50kB +│\n/);
    // 10, 20 and 60 ms: mean 30, standard deviation √(1400 / 3) ≈ 21.6; the request without an answer has no time.
    assert.match(text, /│ average response time: 30ms \[min: 10ms, max: 60ms, s\.d\.: 22ms\] +│\n/);
    assert.match(
      text,
      /└─+┘\n\nConformance:\n┌[^]*┘\n(?:profile .*\n){3}\n4 requests sent, 1 skipped; 4 checks, 3 passed, 1 failed; .*\nFailed:\n/,
      'then the conformance summary, then the counts',
    );
  });

  it('prints the conformance summary: per section the checks by level, per profile whether the run passes', async () => {
    const text = await printed(new Capture());
    assert.match(text, /│ section +│ MUST passed │ failed │ SHOULD passed │ failed │ INFO passed │ failed │\n/);
    assert.match(text, /│ Users +│ +3 │ +1 │ +0 │ +0 │ +0 │ +0 │\n/);
    assert.match(text, /\nprofile strict \(this run\): fails, 1 failure\(s\)\nprofile okta: fails/);
  });

  it('is plain text off a terminal and with NO_COLOR, and coloured on a terminal', async () => {
    assert.ok(!(await printed(new Capture())).includes(ESCAPE), 'no escape sequence in a log');
    const coloured = await printed(new Terminal());
    assert.match(coloured, /│ +\u001b\[31mrequests\u001b\[0m │/, 'a label with failures is red');
    const before = process.env.NO_COLOR;
    process.env.NO_COLOR = '1';
    try {
      assert.ok(!(await printed(new Terminal())).includes(ESCAPE), 'NO_COLOR turns colour off');
    } finally {
      if (before === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = before;
    }
  });

  it('without the cli reporter, the summary is printed alone; with quiet, nothing is', async () => {
    const dir = await scratchDir('cli-report');
    const out = new Capture();
    const reporters = await createReporters(['junit'], 'acme-r1', { dir, out });
    for (const reporter of reporters) reporter.start({ ...INFO, mode: 'verify' });
    for (const result of RESULTS) for (const reporter of reporters) reporter.request(result);
    for (const reporter of reporters) await reporter.end(TOTALS);
    const full = await printed(new Capture());
    const summary = full.slice(full.indexOf('\n┌'));
    assert.equal(
      out.text,
      `scimkit run acme (ws1-access, verify, profile strict) against https://a.example, run id r1\n${summary}`,
    );
    assert.doesNotMatch(out.text, /Get the user|status is 200/, 'no block per request');

    const quiet = new Capture();
    const silent = await createReporters(['junit'], 'acme-r2', { dir, out: quiet, quiet: true });
    assert.equal(silent.length, 1, 'the junit reporter alone');
    await silent[0]!.abort?.();
    assert.equal(quiet.text, '');
    assert.deepEqual(await readdir(dir), ['acme-r1.junit.xml']);
  });

  it('scimkit run --reporters junit prints the summary; --quiet prints nothing, but stderr says what was left', async () => {
    const dir = await scratchDir('cli-report');
    const common = ['run', '--sim', '--reporters', 'junit', '--report-dir', dir, '--state-dir', dir];
    const loud = await scimkit([...common, '--tenant', 'tenants/examples/acme.yaml', '--folder', 'Admin token']);
    assert.equal(loud.code, 0, loud.stderr);
    assert.match(
      loud.stdout,
      /^scimkit run acme .*\n\n┌[^]*│ +requests │[^]*┘\n\nConformance:\n┌[^]*┘\n(?:profile .*\n){3}\n\d+ requests sent, .* 0 failed .*\n$/,
    );
    assert.doesNotMatch(loud.stdout, /✓/, 'no block per request');

    // The user cannot be deleted: each run leaves it, and says so where a quiet run still speaks.
    const folders = [...USER_FOLDERS, 'Delete the user'].flatMap((folder) => ['--folder', folder]);
    const tenants = ['--tenant', 'tenants/examples/acme.yaml', 'tenants/examples/globex.yaml'];
    const quiet = await scimkit([...common, ...tenants, '--quiet', '--sim-defect', 'user-delete-fails', ...folders]);
    assert.equal(quiet.code, 1, quiet.stderr);
    assert.equal(quiet.stdout, '', 'no summary, per tenant or over both');
    for (const tenant of ['acme', 'globex']) {
      assert.match(
        quiet.stderr,
        new RegExp(
          `^scimkit: ${tenant}: not cleaned up: .*user.*; delete it with: scimkit cleanup --tenant tenants/examples/${tenant}\\.yaml --run-id \\S+ --state-dir ${dir}$`,
          'm',
        ),
      );
    }
  });
});
