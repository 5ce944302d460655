import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkLevels, levelOf } from '../src/render/check-levels.js';
import { toItem } from '../src/render/postman.js';
import type { RequestTemplate } from '../src/render/template-schema.js';
import { createReporters } from '../src/report/create.js';
import type { RunTotals } from '../src/report/types.js';
import { exitCodeFor } from '../src/run/exit-code.js';
import { Capture } from './support/capture.js';
import { htmlProblems, listedChecks, visibleText } from './support/html.js';
import { scratchDir } from './support/scratch.js';

const ORIGIN = 'janssen/01-discovery/02-service-provider-config-filter-refused.yaml.hbs';

function template(changes: Partial<RequestTemplate>): RequestTemplate {
  return {
    name: 'A filter is refused',
    description: 'RFC 7644 §4',
    request: { method: 'GET', url: '{{baseUrl}}/ServiceProviderConfig?filter=x' },
    prerequest: "pm.test('the token is set', function () {});",
    test: [
      "pm.test('status is 403', function () {});",
      "whenSuccessful('the run\\'s user is listed', function () {});",
      'pm.test.skip("a \\"quoted\\" name", function () {});',
    ].join('\n'),
    ...changes,
  };
}

const totals = (changes: Partial<RunTotals>): RunTotals => ({
  requests: 1,
  skipped: 0,
  checks: 3,
  failedChecks: 0,
  warningChecks: 0,
  infoChecks: 0,
  skippedChecks: 0,
  networkErrors: 0,
  durationMs: 1,
  failures: [],
  blocked: [],
  warnings: [],
  conformance: { sections: [], profiles: [] },
  ...changes,
});

const levelsOf = (changes: Partial<RequestTemplate>) => {
  const request = template(changes);
  return checkLevels(request, toItem(request, request.prerequest), ORIGIN);
};

describe('check levels', () => {
  it('are MUST unless a template grades them: by request, then by check', () => {
    assert.equal(levelsOf({}), undefined, 'nothing declared, nothing kept');
    assert.equal(levelOf(undefined, 'status is 403'), 'MUST');
    const levels = levelsOf({
      level: 'INFO',
      levels: { 'status is 403': 'SHOULD', "the run's user is listed": 'MUST', 'a "quoted" name': 'SHOULD' },
    });
    assert.deepEqual(
      ['status is 403', "the run's user is listed", 'a "quoted" name', 'the token is set'].map((c) =>
        levelOf(levels, c),
      ),
      ['SHOULD', 'MUST', 'SHOULD', 'INFO'],
    );
    assert.equal(levelOf(levelsOf({ levels: { 'status is 403': 'SHOULD' } }), 'the token is set'), 'MUST');
  });

  it('refuse a level for a check the scripts do not hold, naming the template and the check', () => {
    assert.throws(
      () => levelsOf({ levels: { 'status is 403': 'SHOULD', 'status is 200': 'SHOULD' } }),
      new Error(`template ${ORIGIN}: levels names the check "status is 200", which its scripts do not hold`),
    );
    // A name inside another check's name, or the request's own name, is no check.
    for (const name of ['status is 40', 'A filter is refused'])
      assert.throws(() => levelsOf({ levels: { [name]: 'INFO' } }), /levels names the check/);
  });

  it('make the exit code: 1 only for a failed MUST check, 2 when the run could not be carried out', () => {
    assert.equal(exitCodeFor(totals({})), 0);
    assert.equal(exitCodeFor(totals({ warningChecks: 2, infoChecks: 1 })), 0);
    assert.equal(exitCodeFor(totals({ failedChecks: 1, warningChecks: 1 })), 1);
    assert.equal(exitCodeFor(totals({ leftovers: { description: 'users: u-1', retry: 'scimkit cleanup' } })), 1);
    assert.equal(exitCodeFor(totals({ failedChecks: 1, networkErrors: 1 })), 2);
    assert.equal(exitCodeFor(totals({ error: 'the run was interrupted' })), 2);
  });

  it('show in every report: a failed SHOULD check is a warning and a failed INFO one a note, neither a failure', async () => {
    const dir = await scratchDir('levels');
    const out = new Capture();
    const reporters = await createReporters(['cli', 'junit', 'json', 'html'], 'acme-r1', { dir, out });
    const info = {
      profile: 'acme.yaml',
      tenant: 'acme',
      target: 'scim2',
      baseUrl: 'https://a.example',
      runId: 'r1',
      gradingProfile: 'strict' as const,
    };
    for (const reporter of reporters) reporter.start({ ...info, mode: 'verify' });
    const result = {
      folder: 'Discovery',
      name: 'Sort',
      method: 'GET',
      url: 'https://a.example/Users?sortBy=userName',
      status: 200,
      skipped: false,
      checks: [
        { name: 'status is 200', level: 'MUST' as const, severity: 'failure' as const, passed: true },
        {
          name: 'sorted by userName',
          level: 'SHOULD' as const,
          severity: 'warning' as const,
          passed: false,
          message: 'not sorted',
        },
        {
          name: 'sort is advertised',
          level: 'INFO' as const,
          severity: 'info' as const,
          passed: false,
          message: 'sort.supported is false',
        },
      ],
      console: [],
    };
    for (const reporter of reporters) reporter.request(result);
    const warning = { check: 'Discovery / Sort / sorted by userName', message: 'not sorted' };
    const end = totals({ warningChecks: 1, infoChecks: 1, warnings: [warning] });
    for (const reporter of reporters) await reporter.end(end);

    assert.match(out.text, /✓ status is 200\n {4}! sorted by userName \(SHOULD, warning\): not sorted\n/);
    assert.match(out.text, /\n {4}i sort is advertised \(INFO, not a failure\): sort.supported is false\n/);
    assert.match(out.text, /3 checks, 1 passed, 0 failed, 1 warning\(s\), 1 informational/);
    assert.match(out.text, /Warnings \(.*\):\n {2}1\. Discovery \/ Sort \/ sorted by userName: not sorted\n$/);
    const junit = await readFile(path.join(dir, 'acme-r1.junit.xml'), 'utf8');
    assert.match(junit, /tests="3" failures="0" errors="0" skipped="0"/);
    assert.match(
      junit,
      /<system-out>SHOULD check failed, not counted as a failure under profile strict \(warning\): not sorted<\/system-out>/,
    );
    assert.match(
      junit,
      /<system-out>INFO check failed, not counted as a failure under profile strict \(info\): sort.supported is false<\/system-out>/,
    );
    const json = JSON.parse(await readFile(path.join(dir, 'acme-r1.report.json'), 'utf8'));
    assert.deepEqual(
      json.requests[0].checks.map((c: { level: string }) => c.level),
      ['MUST', 'SHOULD', 'INFO'],
    );
    const html = await readFile(path.join(dir, 'acme-r1.report.html'), 'utf8');
    assert.deepEqual(htmlProblems(html), []);
    assert.deepEqual(
      listedChecks(html).map((c) => c.state),
      ['passed', 'warning', 'note'],
    );
    assert.match(html, /<details class="request warning" open>/);
    assert.match(html, /sorted by userName <span class="level">SHOULD<\/span>/);
    assert.match(visibleText(html), /No check failed; 1 SHOULD check\(s\) gave a warning/);
  });
});
