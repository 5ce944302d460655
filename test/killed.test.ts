import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scimkit } from './support/cli.js';
import { startProxy, textReply, type Exchange } from './support/proxy.js';
import { GROUP_FOLDERS, USER_FOLDERS } from './support/run.js';
import { API, call, OTHER, token } from './support/sim.js';
import { ENV, folderArgs, GROUPS, is, startRun, useStoppedRuns } from './support/stopped-run.js';

describe('a run killed at any moment leaves a record from which scimkit cleanup removes everything', () => {
  const t = useStoppedRuns();

  type When = 'after the tenant acted' | 'before the tenant saw it';
  const moments: [string, (e: Exchange) => boolean, When, 'verify' | 'setup', string[]][] = [
    [
      'creating the Okta client',
      is('POST', /\/oauth2clients$/),
      'after the tenant acted',
      'verify',
      ['OAuth 2.0 client for Okta'],
    ],
    [
      'creating the directory',
      is('POST', /\/directoryconfigs$/),
      'after the tenant acted',
      'verify',
      ['Directory of type Other'],
    ],
    ['creating the user', is('POST', /\/scim\/Users$/), 'after the tenant acted', 'setup', USER_FOLDERS],
    ['creating the group', is('POST', /\/scim\/Groups$/), 'after the tenant acted', 'setup', GROUP_FOLDERS],
    ['creating the user', is('POST', /\/scim\/Users$/), 'before the tenant saw it', 'verify', USER_FOLDERS],
    ['cleaning up', is('DELETE', /\/scim\/Groups\//), 'after the tenant acted', 'verify', GROUP_FOLDERS],
  ];
  moments.forEach(([moment, matches, when, mode, folders], index) => {
    it(`SIGKILL while ${moment}, ${when} (${mode})`, async () => {
      const setUp = mode === 'setup' ? await t.setUpDone() : [];
      let victim: ChildProcess | undefined;
      await t.startProxy(async (exchange, forward) => {
        if (!victim || !matches(exchange)) return forward();
        const killed = victim;
        victim = undefined;
        if (when === 'after the tenant acted') await forward();
        killed.kill('SIGKILL');
        return 'drop';
      });
      const runId = `k${index}`;
      const started = startRun([...t.runArgs(runId), ...setUp, ...folderArgs(folders)]);
      victim = started.child;
      assert.equal(await started.exited, null, 'killed');
      assert.ok(
        existsSync(path.join(t.stateDir, `acme-${runId}.jsonl`)),
        'the run kept a record of what it may have created',
      );
      await t.cleanUp(runId, setUp);
      t.assertLeftAsFound(mode === 'setup');
    });
  });

  it('scimkit cleanup keeps what it could not look up, and finds it on the next try', async () => {
    let victim: ChildProcess | undefined;
    await t.startProxy(async (exchange, forward) => {
      if (victim && is('POST', /\/scim\/Users$/)(exchange)) {
        await forward();
        victim.kill('SIGKILL');
        victim = undefined;
        return 'drop';
      }
      return forward();
    });
    const setUp = await t.setUpDone();
    const started = startRun([...t.runArgs('f1'), ...setUp, ...GROUPS]);
    victim = started.child;
    await started.exited;
    // The tenant cannot search users for now: the look-up fails, and the name stays on record.
    const failing = await startProxy(t.sim.url, async (exchange, forward) =>
      exchange.method === 'GET' && /\/scim\/Users\?filter=/.test(exchange.path) ? textReply(503, 'busy') : forward(),
    );
    try {
      const args = ['cleanup', '--tenant', t.profile, '--run-id', 'f1', '--state-dir', t.stateDir];
      const first = await scimkit([...args, '--base-url', failing.url, '--dotenv', setUp[2]!], ENV);
      assert.equal(first.code, 1, first.stdout);
      assert.match(
        first.stdout,
        /Clean up \/ Find the users this run created without an answer \/ user created without an answer is looked up \(200, or 404: none\): could not look up user scimkit-f1-ada@OKTA\.COM: status 503/,
      );
      assert.match(first.stdout, /Not cleaned up: to find by name and delete: user scimkit-f1-ada@OKTA\.COM/);
    } finally {
      await failing.close();
    }
    await t.cleanUp('f1', setUp);
    t.assertLeftAsFound(true);
  });

  it('scimkit cleanup finds the directory a run created but whose id it never learnt', async () => {
    // The record of a verification run that created its directory and was killed before it read the list.
    const created = await call(t.sim, 'POST', `${API}/connectormanagement/directoryconfigs`, {
      token: await token(t.sim),
      contentType: OTHER,
      body: { type: 'OTHER_DIRECTORY', domains: ['scimkit-d1.okta.com'], name: 'scimkit-d1 Okta Universal Directory' },
    });
    assert.equal(created.status, 201);
    const header = { ledger: 1, tenant: 'acme', target: 'ws1-access', runId: 'd1', mode: 'verify', baseUrl: t.sim.url };
    await writeFile(
      path.join(t.stateDir, 'acme-d1.jsonl'),
      `${JSON.stringify({ ...header, profile: t.profile, startedAt: new Date().toISOString() })}\n` +
        `${JSON.stringify({ set: { directoryCreatedByRun: 'true', directoryId: '' } })}\n`,
    );
    await t.cleanUp('d1');
    t.assertLeftAsFound();
  });
});
