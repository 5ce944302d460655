import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type RunningSimulator } from '../src/sim/server.js';
import type { Ws1AccessDefect } from '../src/sim/defects.js';
import { run, simTenant } from './support/run.js';
import { ADMIN, seedLookalikes } from './support/sim.js';
import { ws1Profile } from './support/tenants.js';

/** Only what existed before the run remains: the admin client, the system directory, the look-alikes. */
function assertLeftAsFound(sim: RunningSimulator, lookalikes: () => string) {
  assert.equal(lookalikes(), 'untouched');
  assert.deepEqual([...sim.state.clients.keys()], [ADMIN.clientId]);
  assert.deepEqual(
    [...sim.state.directories.values()].map((d) => d.name),
    ['System Directory'],
  );
}

describe('clean-up always runs, and touches only what the run created', () => {
  let sim: RunningSimulator;
  let lookalikes: () => string;
  const start = async (defects: Ws1AccessDefect[]) => {
    sim = await startSimulator({ target: 'ws1-access', adminClient: ADMIN, defects });
    lookalikes = await seedLookalikes(sim);
  };
  afterEach(() => sim.close());

  it('after failed checks', async () => {
    await start(['member-delete-ignored', 'patch-ignored']);
    const result = await run(simTenant(), { baseUrl: sim.url });
    assert.equal(result.exitCode, 1);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after --bail stops the run at the first failed check', async () => {
    await start(['member-delete-ignored']);
    const result = await run(simTenant(), { baseUrl: sim.url, bail: true });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.failedChecks, [
      'Groups / Verify the rename and the removal / members no longer include the user',
    ]);
    assert.doesNotMatch(result.output, /Delete the user through SCIM/, 'the run stopped there');
    assert.match(result.output, /Delete the users this run created\n.*\n.*✓ user is removed/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after a request that never gets an answer', async () => {
    await start(['group-patch-hangs']);
    const result = await run(simTenant(), { baseUrl: sim.url, timeoutRequestMs: 500 });
    assert.equal(result.exitCode, 2);
    assert.match(result.output, /no answer from 127\.0\.0\.1:\d+ in time/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after the overall timeout', async () => {
    await start(['group-patch-hangs']);
    const result = await run(simTenant(), { baseUrl: sim.url, timeoutMs: 1500, timeoutRequestMs: 20_000 });
    assert.equal(result.exitCode, 2);
    assert.match(result.output, /run stopped: the run took longer than --timeout 1500 ms/);
    assertLeftAsFound(sim, lookalikes);
  });

  it('after Ctrl-C', async () => {
    await start(['group-patch-hangs']);
    const tenants = await mkdtemp(path.join(tmpdir(), 'scimkit-interrupt-'));
    await writeFile(
      path.join(tenants, 'acme.yaml'),
      ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }),
    );
    const child = spawn(
      process.execPath,
      ['bin/scimkit.js', 'run', '--tenant', tenants, '--base-url', sim.url, '--timeout-request', '60000'],
      {
        env: { PATH: process.env.PATH, ACME_ADMIN_SECRET: ADMIN.secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        // The next request, adding the member, hangs: interrupt while it waits.
        if (stdout.includes("group is in the directory's domain")) resolve();
      }),
    );
    child.kill('SIGINT');
    assert.equal(await exited, 2);
    assert.match(stderr, /interrupted: stopping the run and cleaning up/);
    assert.match(stdout, /run stopped: the run was interrupted; clean-up ran/);
    assertLeftAsFound(sim, lookalikes);
  });
});
