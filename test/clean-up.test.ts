import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import type { Ws1AccessDefect } from '../src/sim/ws1-access/defects.js';
import { GROUP_FOLDERS, run, simTenant, USER_FOLDERS } from './support/run.js';
import { scimkit } from './support/cli.js';
import { ADMIN, createOtherDirectory, seedLookalikes, token } from './support/sim.js';
import { ws1Profile } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

/** Only what existed before the run remains: the admin client, the system directory, the look-alikes. */
function assertLeftAsFound(sim: RunningWs1AccessSimulator, lookalikes: () => string) {
  assert.equal(lookalikes(), 'untouched');
  assert.deepEqual([...sim.state.clients.keys()], [ADMIN.clientId]);
  assert.deepEqual(
    [...sim.state.directories.values()].map((d) => d.name),
    ['System Directory'],
  );
}

describe('clean-up always runs, and touches only what the run created', () => {
  let sim: RunningWs1AccessSimulator;
  let lookalikes: () => string;
  const start = async (defects: Ws1AccessDefect[]) => {
    sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects });
    lookalikes = await seedLookalikes(sim);
  };
  afterEach(() => sim.close());

  it('after failed checks', async () => {
    await start(['member-delete-ignored', 'patch-ignored']);
    const result = await run(simTenant(), { baseUrl: sim.url, folders: GROUP_FOLDERS });
    assert.equal(result.exitCode, 1);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after --bail stops the run at the first failed check', async () => {
    await start(['member-delete-ignored']);
    const result = await run(simTenant(), { baseUrl: sim.url, folders: GROUP_FOLDERS, limits: { bail: true } });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.failedChecks, [
      'Groups / Verify the rename and the removal / members no longer include the user',
    ]);
    assert.doesNotMatch(result.output, /Delete the user through SCIM/, 'the run stopped there');
    assert.match(result.output, /Delete the users this run created\n(.*\n){1,3}.*✓ user is removed/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after a request that never gets an answer', async () => {
    await start(['group-patch-hangs']);
    // The hang never ends: the deadline is what ends it, and no other answer comes near it.
    const result = await run(simTenant(), {
      baseUrl: sim.url,
      folders: GROUP_FOLDERS,
      limits: { timeoutRequestMs: 3000 },
    });
    assert.equal(result.exitCode, 2);
    assert.match(result.output, /127\.0\.0\.1:\d+ sent no complete answer within 3000 ms/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after the overall timeout', async () => {
    await start(['group-patch-hangs']);
    const result = await run(simTenant(), {
      baseUrl: sim.url,
      folders: GROUP_FOLDERS,
      limits: { timeoutMs: 1500, timeoutRequestMs: 20_000 },
    });
    assert.equal(result.exitCode, 2);
    assert.match(result.output, /run stopped: the run took longer than --timeout 1500 ms/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('keeps the ids it could not delete, and scimkit cleanup deletes them later', async () => {
    await start(['user-delete-fails']);
    // A --setup run against an existing directory: it is kept, so the user the run could not delete stays in it
    // (a verification run deletes its own directory, and the tenant deletes the directory's users with it).
    await createOtherDirectory(sim, await token(sim), 'OKTA.COM', 'Okta Universal Directory');
    const stateDir = await scratchDir('state');
    const tenants = await scratchDir('tenants');
    const profile = path.join(tenants, 'acme.yaml');
    await writeFile(profile, ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }));

    // The Okta client the set-up creates gets the secret the admin chose.
    const oktaClient = { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'OKTA_SECRET' };
    const result = await run(simTenant({ oktaClient }), {
      baseUrl: sim.url,
      stateDir,
      source: profile,
      runId: 'run42',
      mode: 'setup',
      folders: [...USER_FOLDERS, 'Delete the user'],
      env: { ACME_ADMIN_SECRET: ADMIN.secret, OKTA_SECRET: 'okta-secret-the-admin-chose-0123' },
    });
    assert.equal(result.exitCode, 1);
    const [file] = await readdir(stateDir);
    assert.equal(file, 'acme-run42.jsonl');
    const ledger = readFileSync(path.join(stateDir, file!), 'utf8');
    const [, record] = ledger
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [leftover] = JSON.parse(record.set.createdUsers) as string[];
    assert.ok(leftover && sim.state.users.has(leftover), 'the user the run could not delete is still there');
    assert.ok(!ledger.includes(ADMIN.secret) && !/access_token|Token"/.test(ledger), 'the ledger holds ids only');
    assert.match(
      result.output,
      new RegExp(
        `Not cleaned up: users ${leftover}\\n  retry with: scimkit cleanup --tenant ${profile} --run-id run42`,
      ),
    );

    sim.defects.delete('user-delete-fails');
    const retry = await scimkit(['cleanup', '--tenant', profile, '--run-id', 'run42', '--state-dir', stateDir], {
      ACME_ADMIN_SECRET: ADMIN.secret,
    });
    assert.equal(retry.code, 0, retry.stdout + retry.stderr);
    assert.match(retry.stdout, new RegExp(`removed user ${leftover}`));
    assert.ok(!sim.state.users.has(leftover));
    assert.equal(lookalikes(), 'untouched');
    assert.ok(!existsSync(path.join(stateDir, file!)), 'nothing is left to retry');
    const again = await scimkit(['cleanup', '--tenant', profile, '--run-id', 'run42', '--state-dir', stateDir]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /no record of run run42 in /);
  });
});
