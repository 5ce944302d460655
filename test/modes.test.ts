import assert from 'node:assert/strict';
import path from 'node:path';
import { RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { run, simTenant } from './support/run.js';
import { ADMIN, documentedSetUp, seedLookalikes, useSimulator } from './support/sim.js';
import { scratchDir } from './support/scratch.js';

const OKTA = { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'OKTA_SECRET' };

/** Everything the simulator holds, to compare before and after a run. */
const snapshot = (sim: RunningWs1AccessSimulator) =>
  JSON.stringify((['clients', 'directories', 'users', 'groups'] as const).map((kind) => [...sim.state[kind].values()]));

/** The "METHOD URL" lines of the cli report: every request the run sent. */
const sent = (output: string) =>
  [...output.matchAll(/^ {4}([A-Z]+) (\S+)/gm)].map(([, method, url]) => ({ method, url }));

describe('run modes', () => {
  const sim = useSimulator();

  describe('--read-only', () => {
    it('checks the existing set-up with tokens and reads only, and says what it left out', async () => {
      const oktaSecret = await documentedSetUp(sim.current);
      const lookalikes = await seedLookalikes(sim.current);
      const before = snapshot(sim.current);

      const result = await run(simTenant({ oktaClient: OKTA }), {
        baseUrl: sim.current.url,
        mode: 'read-only',
        env: { ACME_ADMIN_SECRET: ADMIN.secret, OKTA_SECRET: oktaSecret },
      });

      assert.equal(result.exitCode, 0, result.output);
      assert.equal(snapshot(sim.current), before);
      assert.equal(lookalikes(), 'untouched');
      for (const { method, url } of sent(result.output)) {
        assert.ok(method === 'GET' || url!.endsWith('/SAAS/auth/oauthtoken'), `${method} ${url} changes something`);
      }
      assert.match(result.output, /read-only: folders not run: User lifecycle, Groups, Delete the user, Clean up\n/);
      assert.match(
        result.output,
        /read-only: requests not sent: OAuth 2\.0 client for Okta \/ Create the Okta client \(Service Client Token\); Directory of type Other \/ Create the directory of type Other\n/,
      );
      assert.match(result.output, /List users as Okta does\n.*200 OK/);
    });

    it('fails, naming what is missing, on a tenant without the set-up, and creates nothing', async () => {
      const before = snapshot(sim.current);
      const result = await run(simTenant(), { baseUrl: sim.current.url, mode: 'read-only' });
      assert.equal(result.exitCode, 1);
      assert.ok(result.failedChecks.includes('OAuth 2.0 client for Okta / Read the Okta client back / status is 200'));
      assert.ok(
        result.failedChecks.some((check) => check.startsWith('Directory of type Other / Find the directory by name')),
        result.failedChecks.join('\n'),
      );
      assert.equal(snapshot(sim.current), before);
    });
  });

  describe('--setup', () => {
    it("creates the profile's client and directory and keeps them; test users and groups are still removed", async () => {
      const revealTo = path.join(await scratchDir('reveal'), 'okta.env');
      const result = await run(simTenant({ oktaClient: OKTA }), { baseUrl: sim.current.url, mode: 'setup', revealTo });
      assert.equal(result.exitCode, 0, result.output);
      assert.match(result.output, /Okta client OktaSCIM created and kept/);
      assert.match(result.output, /directory Okta Universal Directory created and kept/);
      assert.ok(sim.current.state.clients.has('OktaSCIM'));
      const directories = [...sim.current.state.directories.values()];
      assert.deepEqual(
        directories.map((d) => [d.name, d.domains]),
        [
          ['System Directory', directories[0]!.domains],
          ['Okta Universal Directory', ['OKTA.COM']],
        ],
      );
      assert.equal(sim.current.state.users.size + sim.current.state.groups.size, 0);
    });
  });

  describe('verification (the default)', () => {
    it('names the client, directory, users and groups it creates with the prefix and the run id', async () => {
      const names: string[] = [];
      const { state } = sim.current;
      for (const kind of ['clients', 'directories', 'users', 'groups'] as const) {
        const map = state[kind] as Map<string, object>;
        const set = map.set.bind(map);
        map.set = (id, value) => {
          const v = value as { clientId?: string; name?: string; userName?: string; displayName?: string };
          names.push(v.clientId ?? v.userName ?? v.displayName ?? v.name ?? '?');
          return set(id, value);
        };
      }
      const result = await run(simTenant(), { baseUrl: sim.current.url, runId: 'r7' });
      assert.equal(result.exitCode, 0, result.output);
      assert.ok(names.length >= 4, names.join(', '));
      for (const name of names) assert.match(name, /^scimkit-r7[- ]/, `${name} is not named after the run`);
      assert.deepEqual([...state.clients.keys()], [ADMIN.clientId]);
      assert.deepEqual(
        [...state.directories.values()].map((d) => d.name),
        ['System Directory'],
      );
    });
  });
});
