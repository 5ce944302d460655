import assert from 'node:assert/strict';
import { checkLevels, levelOf } from '../src/render/check-levels.js';
import { toItem } from '../src/render/postman.js';
import type { RequestTemplate } from '../src/render/template-schema.js';
import type { RunTotals } from '../src/report/types.js';
import { exitCodeFor } from '../src/run/exit-code.js';

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
    const totals = (changes: Partial<RunTotals>): RunTotals => ({
      requests: 1,
      skipped: 0,
      checks: 3,
      failedChecks: 0,
      failedShouldChecks: 0,
      failedInfoChecks: 0,
      skippedChecks: 0,
      networkErrors: 0,
      durationMs: 1,
      failures: [],
      blocked: [],
      warnings: [],
      ...changes,
    });
    assert.equal(exitCodeFor(totals({})), 0);
    assert.equal(exitCodeFor(totals({ failedShouldChecks: 2, failedInfoChecks: 1 })), 0);
    assert.equal(exitCodeFor(totals({ failedChecks: 1, failedShouldChecks: 1 })), 1);
    assert.equal(exitCodeFor(totals({ leftovers: { description: 'users: u-1', retry: 'scimkit cleanup' } })), 1);
    assert.equal(exitCodeFor(totals({ failedChecks: 1, networkErrors: 1 })), 2);
    assert.equal(exitCodeFor(totals({ error: 'the run was interrupted' })), 2);
  });
});
