import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { scratchDir } from './support/scratch.js';

const xmllint = promisify(execFile);

/** The Jenkins xunit plugin's JUnit schema (test/fixtures/README.md says where it comes from). */
const SCHEMA = 'test/fixtures/junit-10.xsd';

/** xmllint's verdict on a file against the schema: '' when valid, else its complaints. */
async function schemaErrors(file: string): Promise<string> {
  try {
    await xmllint('xmllint', ['--noout', '--schema', SCHEMA, file]);
    return '';
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

/** An XPath number of the file, as xmllint computes it: counts read by an XML parser, not by our own regexes. */
async function xpath(file: string, expression: string): Promise<number> {
  const { stdout } = await xmllint('xmllint', ['--xpath', expression, file]);
  return Number(stdout);
}

describe('the JUnit report', () => {
  it('of a run with a failure, skips and a request without an answer is valid JUnit XML whose counts are the run’s', async () => {
    const reportDir = await scratchDir('junit');
    // The user is created with 200 instead of 201 (a failed check), then reading it back is cut midway (no
    // answer): the run stops there, and the clean-up skips what it has nothing to delete for.
    const result = await run(simTenant(), {
      sim: true,
      simDefects: ['user-create-status-200', 'answer-cut-midway'],
      folders: USER_FOLDERS,
      runId: 'j1',
      report: { reporters: ['junit'], dir: reportDir },
    });
    assert.equal(result.exitCode, 2, result.output);
    const { totals } = result;
    assert.ok(totals.failedChecks > totals.networkErrors, 'a check failed');
    assert.equal(totals.networkErrors, 1);
    assert.ok(totals.skipped > 0, 'requests were skipped');
    assert.deepEqual(await readdir(reportDir), ['acme-j1.junit.xml'], 'nothing else is left: no temporary file');

    const file = path.join(reportDir, 'acme-j1.junit.xml');
    assert.equal(await schemaErrors(file), '');

    const count = (what: string) => xpath(file, `count(${what})`);
    const sum = (attribute: string) => xpath(file, `sum(/testsuites/testsuite/@${attribute})`);
    const root = (attribute: string) => xpath(file, `number(/testsuites/@${attribute})`);
    // One suite per request, one case per check (and per request that got no answer or was not sent).
    assert.equal(await count('/testsuites/testsuite'), totals.requests);
    const cases = await count('//testcase');
    const skipped = await count('//testcase[skipped]');
    const errors = await count('//testcase[error]');
    assert.equal(cases - skipped - errors, totals.checks - totals.networkErrors, 'every check evaluated is a case');
    assert.equal(await count('//testcase[failure]'), totals.failedChecks - totals.networkErrors);
    assert.equal(errors, totals.networkErrors);
    assert.equal(skipped, totals.skippedChecks + totals.skipped, 'every check and request not run is skipped');
    // The counts CI dashboards read: on the root, and on each suite, equal to what the file holds.
    assert.equal(await root('tests'), cases);
    assert.equal(await root('failures'), totals.failedChecks - totals.networkErrors);
    assert.equal(await root('errors'), totals.networkErrors);
    assert.equal(await root('time'), totals.durationMs / 1000);
    assert.equal(await sum('tests'), cases);
    assert.equal(await sum('failures'), await root('failures'));
    assert.equal(await sum('errors'), errors);
    assert.equal(await sum('skipped'), skipped);
    assert.equal(await count('/testsuites/testsuite[not(@timestamp) or not(@time)]'), 0);

    const xml = await readFile(file, 'utf8');
    assert.match(
      xml,
      /<testcase name="status is 201" classname="acme \/ User lifecycle \/ Create the user in the Other directory" time="[\d.]+">\n {6}<failure type="AssertionError" message="expected response to have status code 201 but got 200">a failure under profile strict \(MUST\)<\/failure>/,
    );
    // Each suite names the run's grading profile and each of its checks' grades.
    assert.equal(await count('/testsuites/testsuite[not(properties/property[@name="grading profile"])]'), 0);
    assert.match(xml, /<property name="check: status is 201" value="MUST"\/>/);
    assert.match(
      xml,
      /<testcase name="request is answered" classname="acme \/ User lifecycle \/ Get the user by id" time="[\d.]+">\n {6}<error type="NetworkError" message="the connection to 127\.0\.0\.1:\d+ was cut before the answer was complete"\/>/,
    );
  });

  it('xmllint refuses what the schema does not allow', async () => {
    // The schema check itself can fail: "skipped" is not an attribute of <testsuites> in junit-10.xsd.
    const dir = await scratchDir('junit');
    const file = path.join(dir, 'bad.junit.xml');
    await writeFile(file, '<?xml version="1.0"?>\n<testsuites tests="0" skipped="0"></testsuites>\n');
    assert.match(await schemaErrors(file), /attribute 'skipped' is not allowed/);
  });
});
