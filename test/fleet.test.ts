import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ws1AccessDefect } from '../src/sim/ws1-access/defects.js';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { howItDied } from '../src/run/fleet/worker-death.js';
import { INTERRUPTED } from '../src/run/interrupts.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { startProxy, type Handler, type Proxy } from './support/proxy.js';
import { scratchDir } from './support/scratch.js';
import { ADMIN } from './support/sim.js';
import { ENV, folderArgs, startRun } from './support/stopped-run.js';
import { ws1Profile } from './support/tenants.js';

/** The Okta client and its token: a short run that creates something (the client) and deletes it. */
const FOLDERS = ['OAuth 2.0 client for Okta', 'Okta bearer token'];

/** A tenant of the fleet: its own simulator (broken by `defects`), perhaps behind a proxy that misbehaves. */
interface Member {
  name: string;
  defects?: Ws1AccessDefect[];
  front?: Handler;
}

interface Fleet {
  dir: string;
  sims: Map<string, RunningWs1AccessSimulator>;
  proxies: Map<string, Proxy>;
  /** `scimkit run` of the whole fleet, reports and records in folders of their own. */
  args(reporters?: string): Promise<{ args: string[]; reportDir: string }>;
  close(): Promise<void>;
}

async function startFleet(members: Member[]): Promise<Fleet> {
  const dir = await scratchDir('fleet');
  const sims = new Map<string, RunningWs1AccessSimulator>();
  const proxies = new Map<string, Proxy>();
  for (const { name, defects, front } of members) {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects });
    sims.set(name, sim);
    if (front) proxies.set(name, await startProxy(sim.url, front));
    const baseUrl = proxies.get(name)?.url ?? sim.url;
    const adminClient = { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' };
    await writeFile(path.join(dir, `${name}.yaml`), ws1Profile({ name, baseUrl, adminClient }));
  }
  return {
    dir,
    sims,
    proxies,
    async args(reporters = 'json') {
      const reportDir = await scratchDir('fleet-reports');
      const state = await scratchDir('fleet-state');
      const args = ['run', '--tenant', dir, ...folderArgs(FOLDERS), '--state-dir', state];
      return { args: [...args, '--reporters', reporters, '--report-dir', reportDir], reportDir };
    },
    async close() {
      for (const proxy of proxies.values()) await proxy.close();
      for (const sim of sims.values()) await sim.close();
    },
  };
}

/** What each tenant's JSON report says was checked, and how it went: what runs alike must share. */
async function resultsIn(reportDir: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const file of (await readdir(reportDir)).filter((f) => f.endsWith('.report.json'))) {
    const report = JSON.parse(await readFile(path.join(reportDir, file), 'utf8'));
    const { durationMs, failures, warnings, blocked, ...totals } = report.totals;
    results[report.tenant] = {
      totals,
      failed: [...failures, ...warnings, ...blocked].map((f: { check: string }) => f.check),
      requests: report.requests.map(
        (r: { folder: string; name: string; checks: { name: string; passed: boolean }[] }) => ({
          request: `${r.folder} / ${r.name}`,
          checks: r.checks.map((c) => `${c.name}: ${c.passed}`),
        }),
      ),
    };
  }
  return results;
}

/** The summary over all tenants, the last lines a run prints. */
const summaryOf = (stdout: string) => stdout.slice(stdout.lastIndexOf('\nAll '));
/** The tenants in the order their output comes. */
const runOrder = (stdout: string) => [...stdout.matchAll(/^scimkit run (\S+) /gm)].map((m) => m[1]);

/** The worker processes a fleet run in this process has started, with their arguments. */
async function workersOf(parent: number): Promise<{ pid: number; args: string[] }[]> {
  const found = [];
  for (const entry of (await readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces, so count from its closing parenthesis.
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
    if (args.some((arg) => arg.endsWith(path.join('fleet', 'worker.js')))) found.push({ pid: Number(entry), args });
  }
  return found;
}

describe('run --concurrency: tenants in worker processes', () => {
  let fleet: Fleet | undefined;
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });

  it('--concurrency 2 gives each tenant the results, and the fleet the summary and exit code, of --concurrency 1', async () => {
    fleet = await startFleet([
      { name: 'acme' },
      { name: 'globex', defects: ['client-ttl-ignored'] },
      { name: 'initech' },
    ]);
    const runs = [];
    for (const concurrency of ['1', '2']) {
      const { args, reportDir } = await fleet.args();
      const result = await scimkit([...args, '--concurrency', concurrency], ENV);
      runs.push({ ...result, results: await resultsIn(reportDir) });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    assert.equal(one.code, 1, one.stderr);
    assert.equal(two.code, 1, two.stderr);
    assert.deepEqual(Object.keys(two.results).sort(), ['acme', 'globex', 'initech']);
    assert.deepEqual(two.results, one.results);
    assert.match(summaryOf(two.stdout), /globex .* failed \(exit 1\)\n.*initech .* passed \(exit 0\)\n.*; exit 1\n$/);
    assert.equal(summaryOf(two.stdout), summaryOf(one.stdout));
    assert.deepEqual(runOrder(two.stdout), ['acme', 'globex', 'initech'], 'tenant after tenant, in the order given');
    assert.equal(two.stderr, one.stderr);
  });

  it('--sim: each worker starts its own simulator, broken by --sim-defect as a run one after the other breaks it', async () => {
    const state = await scratchDir('fleet-state');
    const profiles = ['tenants/examples/acme.yaml', 'tenants/examples/globex.yaml'];
    const result = await scimkit([
      'run',
      ...profiles.flatMap((profile) => ['--tenant', profile]),
      ...folderArgs(FOLDERS),
      ...['--sim', '--sim-defect', 'client-ttl-ignored', '--concurrency', '2', '--state-dir', state],
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(summaryOf(result.stdout), /acme .* failed \(exit 1\)\n.*globex .* failed \(exit 1\)\n/);
    const failed = [...result.stdout.matchAll(/expires_in agrees with the configured TTL/g)];
    assert.ok(failed.length >= 2, 'the defect fails its check in both');
  });

  for (const [flag, value] of [
    ['--concurrency', '0'],
    ['--concurrency', 'x'],
    ['--concurrency', '1.5'],
    ['--concurrency', '65'],
    ['--worker-heap', '8'],
  ] as const) {
    it(`${flag} ${value}: one line naming the flag, exit 2`, async () => {
      const result = await scimkit(['run', '--tenant', 'tenants/examples', '--sim', flag, value]);
      assert.ok(isUsageFailure(result), result.stderr);
      assert.match(result.stderr, new RegExp(`^scimkit: ${flag}: .* is not a whole number from `));
    });
  }

  it('a worker that dies stops its tenant only (exit 2, over 1 and 0), its half-written reports gone; secrets are not its arguments', async () => {
    const seen: { pid: number; args: string[] }[][] = [];
    let killed = false;
    // acme's first request: its worker (which acme, first of the fleet, names) is killed while it waits for the answer.
    const killItsWorker: Handler = async () => {
      const workers = await workersOf(process.pid);
      seen.push(workers);
      const worker = workers.find((w) => w.args.at(-1) === 'acme');
      if (worker && !killed) {
        killed = true;
        process.kill(worker.pid, 'SIGKILL');
      }
      return 'hold';
    };
    fleet = await startFleet([
      { name: 'acme', front: killItsWorker },
      { name: 'globex', defects: ['client-ttl-ignored'] },
      { name: 'initech' },
    ]);
    const { args, reportDir } = await fleet.args('json,junit');
    const result = await scimkit([...args, '--concurrency', '2'], ENV);
    assert.ok(
      killed,
      `the worker of acme was found by its argument: ${JSON.stringify(seen)} ${result.stderr} ${summaryOf(result.stdout)}`,
    );
    assert.equal(result.code, 2, result.stderr);
    assert.equal(
      result.stderr,
      'scimkit: acme: its worker process was ended by SIGKILL; the run had created nothing\n',
    );
    const summary = summaryOf(result.stdout);
    assert.match(summary, /acme .* stopped: its worker process was ended by SIGKILL; .* \(exit 2\)\n/);
    assert.match(summary, /globex .* failed \(exit 1\)\n/);
    assert.match(summary, /initech .* passed \(exit 0\)\n.*; exit 2\n$/, 'the next tenant ran in a new worker');
    const files = await readdir(reportDir);
    assert.deepEqual(
      files.map((f) => f.replace(/-[0-9a-f]{8}\./, '-<run>.')).sort(),
      ['globex-<run>.junit.xml', 'globex-<run>.report.json', 'initech-<run>.junit.xml', 'initech-<run>.report.json'],
      'the others reported, nothing half-written left of acme',
    );
    for (const { args: workerArgs } of seen.flat()) assert.ok(!workerArgs.join(' ').includes(ADMIN.secret));
  });

  it('--concurrency 2 runs three tenants in two worker processes: a worker takes the next tenant when done', async () => {
    const pids = new Set<number>();
    const noteWorkers: Handler = async (_exchange, forward) => {
      for (const { pid } of await workersOf(process.pid)) pids.add(pid);
      return forward();
    };
    fleet = await startFleet(['acme', 'globex', 'initech'].map((name) => ({ name, front: noteWorkers })));
    const { args } = await fleet.args();
    const result = await scimkit([...args, '--concurrency', '2'], ENV);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(pids.size, 2, `worker processes seen: ${[...pids].join(', ')}`);
  });

  it('Ctrl-C reaches every worker: each stops and cleans up what it created, and no tenant starts after it', async () => {
    const created = new Set<string>();
    let runner: ReturnType<typeof startRun> | undefined;
    // Once both running tenants have created their Okta client, Ctrl-C; their requests wait for it.
    const interruptOnceBothCreated =
      (name: string): Handler =>
      async (exchange, forward) => {
        if (created.size === 2 || exchange.method !== 'POST' || !/\/oauth2clients$/.test(exchange.path))
          return forward();
        await forward();
        created.add(name);
        if (created.size === 2) runner!.child.kill('SIGINT');
        return 'hold';
      };
    fleet = await startFleet(
      ['acme', 'globex', 'initech'].map((name) => ({ name, front: interruptOnceBothCreated(name) })),
    );
    const { args } = await fleet.args();
    runner = startRun([...args, '--concurrency', '2']);
    assert.equal(await runner.exited, 2);
    const { stdout, stderr } = runner.output();
    assert.deepEqual([...created].sort(), ['acme', 'globex']);
    assert.equal(stderr, INTERRUPTED, 'the notice once, however many workers');
    const { sims, proxies } = fleet;
    for (const name of ['acme', 'globex']) {
      const { state } = sims.get(name)!;
      assert.deepEqual([...state.clients.keys()], [ADMIN.clientId], `${name}: the clean-up deleted its Okta client`);
      assert.ok(
        fleet.proxies.get(name)!.seen.some((e) => e.method === 'DELETE'),
        `${name} cleaned up`,
      );
    }
    assert.deepEqual(proxies.get('initech')!.seen, [], 'initech never started');
    assert.deepEqual(runOrder(stdout), ['acme', 'globex']);
  });

  it('the coordinator loads no Newman, postman-collection or Handlebars: only its workers run tenants', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "await import('./dist/src/run/fleet/run-fleet.js');",
      'const loaded = Object.keys(createRequire(import.meta.url).cache);',
      'console.log(loaded.filter((file) => /node_modules.(newman|postman-|handlebars)/.test(file)).length);',
    ].join('\n');
    assert.equal(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }), '0\n');
  });

  it('says a worker that V8 stopped at its heap limit ran out of memory, naming --worker-heap', () => {
    const lastWords = [
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      ' 1: 0xb8 node::Abort()',
    ];
    assert.equal(
      howItDied({ code: null, signal: 'SIGABRT' }, lastWords, 96),
      'its worker process ran out of memory (--worker-heap 96 MiB)',
    );
    assert.equal(howItDied({ code: 3, signal: null }, [], 96), 'its worker process exited with code 3');
  });
});
