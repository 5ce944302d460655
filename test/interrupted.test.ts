import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { folderArgs, GROUPS, is, startRun, useStoppedRuns } from './support/stopped-run.js';

describe('Ctrl-C, SIGTERM and --timeout stop the run for good, then its clean-up runs', () => {
  const t = useStoppedRuns();

  it('a second Ctrl-C while cleaning up quits at once and prints the command that finishes the clean-up', async () => {
    let interruptions = 0;
    let runner: ChildProcess | undefined;
    await t.startProxy(async (exchange, forward) => {
      // Ctrl-C while the member is added, then again while the clean-up deletes the first group.
      if (is('PATCH', /\/scim\/Groups\//)(exchange) && interruptions === 0) {
        interruptions += 1;
        runner!.kill('SIGINT');
        return 'hold';
      }
      if (is('DELETE', /\/scim\/Groups\//)(exchange) && interruptions === 1) {
        interruptions += 1;
        await forward();
        runner!.kill('SIGINT');
        return 'hold';
      }
      return forward();
    });
    const started = startRun([...t.runArgs('c2'), ...GROUPS]);
    runner = started.child;
    assert.equal(await started.exited, 2);
    const { stderr } = started.output();
    assert.match(stderr, /interrupted: stopping the run and cleaning up/);
    const command = /delete what the run created with: (scimkit cleanup .*)\n/.exec(stderr)?.[1];
    assert.equal(command, `scimkit cleanup --tenant ${t.profile} --run-id c2 --state-dir ${t.stateDir}`);
    await t.cleanUp('c2');
    t.assertLeftAsFound();
  });

  it('Ctrl-C while a user is created, again while the clean-up looks for it: the command printed finds it', async () => {
    let runner: ChildProcess | undefined;
    let interrupted = false;
    await t.startProxy(async (exchange, forward) => {
      if (runner && !interrupted && is('POST', /\/scim\/Users$/)(exchange)) {
        interrupted = true;
        await forward();
        runner.kill('SIGINT');
        return 'hold';
      }
      if (runner && interrupted) {
        runner.kill('SIGINT');
        return 'hold';
      }
      return forward();
    });
    const setUp = await t.setUpDone();
    const started = startRun([...t.runArgs('c3'), ...setUp, ...folderArgs(USER_FOLDERS)]);
    runner = started.child;
    assert.equal(await started.exited, 2);
    runner = undefined;
    assert.match(started.output().stderr, /delete what the run created with: scimkit cleanup --tenant .* --run-id c3/);
    await t.cleanUp('c3', setUp);
    t.assertLeftAsFound(true);
  });

  it('SIGTERM stops the run like Ctrl-C: clean-up runs, the summary comes last', async () => {
    let runner: ChildProcess | undefined;
    await t.startProxy(async (exchange, forward) => {
      if (is('PATCH', /\/scim\/Groups\//)(exchange)) {
        runner!.kill('SIGTERM');
        return 'hold';
      }
      return forward();
    });
    const started = startRun([...t.runArgs('t1'), ...GROUPS]);
    runner = started.child;
    assert.equal(await started.exited, 2);
    const { stdout } = started.output();
    assert.match(stdout, /\nClean up\n(.*\n)*.*✓ group is removed/);
    assert.match(stdout, /run stopped: the run was interrupted\n$/, 'the summary is the last thing printed');
    t.assertLeftAsFound();
  });

  for (const timeoutMs of [150, 450, 900]) {
    it(`--timeout ${timeoutMs}: the run stops where it is, nothing of it is sent after, the clean-up removes everything`, async () => {
      // Every answer takes a little while, so that the deadline falls somewhere in the middle of the run.
      const proxy = await t.startProxy(async (_exchange, forward) => {
        await new Promise((resolve) => setTimeout(resolve, 25));
        return forward();
      });
      const result = await run(simTenant(), { baseUrl: proxy.url, limits: { timeoutMs } });
      assert.equal(result.exitCode, 2, result.output);
      assert.match(result.output, new RegExp(`run stopped: the run took longer than --timeout ${timeoutMs} ms\\n`));
      // In the report: the clean-up, when the run had created something, is the last folder, then the summary
      // (the table, the counts, what failed).
      const lines = [...result.output.matchAll(/^(\S.*)$/gm)].map((m) => m[1]!);
      const after = lines.includes('Clean up') ? lines.slice(lines.indexOf('Clean up') + 1) : [];
      assert.deepEqual(
        after.filter((line) => !/^[┌│├└]|^Conformance:|^profile |^\d+ requests sent|^run stopped|^Failed:/.test(line)),
        [],
        'nothing but the summary after the clean-up',
      );
      // On the wire: once the clean-up deletes, no request of the run's own (a create, a change) arrives after.
      const firstDelete = proxy.seen.findIndex((e) => e.method === 'DELETE');
      const late = proxy.seen
        .slice(Math.max(firstDelete, 0))
        .filter((e) => e.method === 'PATCH' || (e.method === 'POST' && !e.path.endsWith('/oauthtoken')));
      assert.deepEqual(
        late.map((e) => `${e.method} ${e.path}`),
        [],
      );
      t.assertLeftAsFound();
    });
  }
});
