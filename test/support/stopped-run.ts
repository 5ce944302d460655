import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../../src/targets/ws1-access/simulator.js';
import { scimkit } from './cli.js';
import { startProxy, type Exchange, type Handler, type Proxy } from './proxy.js';
import { GROUP_FOLDERS } from './run.js';
import { ADMIN, documentedSetUp, seedLookalikes } from './sim.js';
import { ws1Profile } from './tenants.js';
import { scratchDir } from './scratch.js';

export const ENV = { PATH: process.env.PATH, ACME_ADMIN_SECRET: ADMIN.secret };

/** `--folder` for each of the folders a run reaching groups needs. */
export const GROUPS = folderArgs(GROUP_FOLDERS);

export function folderArgs(folders: readonly string[]): string[] {
  return folders.flatMap((folder) => ['--folder', folder]);
}

/** A request of this method, on a path like this. */
export const is = (method: string, pattern: RegExp) => (e: Exchange) => e.method === method && pattern.test(e.path);

/** A run of the CLI in a child process, as a user's shell or a CI job would start it: signals reach it. */
export function startRun(args: string[]): {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['bin/scimkit.js', ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/**
 * For each test of the enclosing describe: a simulator holding look-alikes of what a run creates, a profile for
 * it, a state folder, and a misbehaving tenant in front (startProxy); then what a run left is checked.
 */
export function useStoppedRuns() {
  const fixture = {
    sim: undefined as unknown as RunningWs1AccessSimulator,
    proxy: undefined as Proxy | undefined,
    stateDir: '',
    profile: '',
    lookalikes: (() => '') as () => string,

    async startProxy(handle: Handler): Promise<Proxy> {
      fixture.proxy = await startProxy(fixture.sim.url, handle);
      return fixture.proxy;
    },

    /** A run of the profile against the proxy, its record kept in the test's state folder. */
    runArgs(runId: string): string[] {
      const { profile, proxy, stateDir } = fixture;
      return ['run', '--tenant', profile, '--base-url', proxy!.url, '--state-dir', stateDir, '--run-id', runId];
    },

    /**
     * The documents' set-up, done before a --setup run that keeps it: what that run creates in the directory stays
     * when the directory does, so only the clean-up can remove it (a verification run's directory takes its users
     * along). Returns the arguments of such a run.
     */
    async setUpDone(): Promise<string[]> {
      const secret = await documentedSetUp(fixture.sim);
      await writeFile(
        fixture.profile,
        ws1Profile({
          adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' },
          oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 1576800, secretEnv: 'ACME_OKTA_SECRET' },
        }),
      );
      const secrets = path.join(fixture.stateDir, 'secrets.env');
      await writeFile(secrets, `ACME_OKTA_SECRET=${secret}\n`);
      return ['--setup', '--dotenv', secrets];
    },

    /** scimkit cleanup of the run, with the tenant answering normally again: it must remove everything. */
    async cleanUp(runId: string, runArgs: string[] = []): Promise<void> {
      const { profile, stateDir } = fixture;
      const args = ['cleanup', '--tenant', profile, '--run-id', runId, '--state-dir', stateDir];
      const result = await scimkit([...args, ...runArgs.filter((a) => a !== '--setup')], ENV);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`Run ${runId}: everything it created is deleted`));
      assert.ok(!existsSync(path.join(stateDir, `acme-${runId}.jsonl`)), 'the record is gone');
    },

    /** Only what existed before the run: the admin client, the system directory, the look-alikes (and the set-up). */
    assertLeftAsFound(setUp = false): void {
      const { state } = fixture.sim;
      assert.equal(fixture.lookalikes(), 'untouched');
      assert.deepEqual([...state.clients.keys()], [ADMIN.clientId, ...(setUp ? ['OktaSCIM'] : [])]);
      assert.deepEqual(
        [...state.directories.values()].map((d) => d.name),
        ['System Directory', ...(setUp ? ['Okta Universal Directory'] : [])],
      );
    },
  };
  beforeEach(async () => {
    fixture.sim = await startWs1AccessSimulator({ adminClient: ADMIN });
    fixture.lookalikes = await seedLookalikes(fixture.sim);
    fixture.stateDir = await scratchDir('state');
    fixture.profile = path.join(await scratchDir('tenants'), 'acme.yaml');
    await writeFile(
      fixture.profile,
      ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }),
    );
  });
  afterEach(async () => {
    await fixture.proxy?.close();
    fixture.proxy = undefined;
    await fixture.sim.close();
  });
  return fixture;
}
