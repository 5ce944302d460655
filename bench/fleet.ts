import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { runFleet } from '../src/run/fleet/run-fleet.js';
import { loadTenants } from '../src/tenant/load.js';
import { timed, type Benchmark, type Side } from './harness.js';

const run = promisify(execFile);
const TENANTS = 10;
const EXAMPLES = 'tenants/examples';

/** Ten tenants: the example profiles over and over, each copy named apart, in a folder of their own. */
const fleet = {
  dir: '',
  async setUp() {
    if (this.dir) return;
    this.dir = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-fleet-'));
    const examples = (await readdir(EXAMPLES)).filter((file) => file.endsWith('.yaml')).sort();
    for (let i = 0; i < TENANTS; i += 1) {
      const profile = parse(await readFile(path.join(EXAMPLES, examples[i % examples.length]!), 'utf8'));
      profile.name = `${profile.name}-${i + 1}`;
      await writeFile(path.join(this.dir, `${profile.name}.yaml`), JSON.stringify(profile));
    }
  },
  async tearDown() {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = '';
  },
};

/** `scimkit run` of these tenants (the fleet's folder, or some of its files) against their simulators, quiet. */
async function runCli(tenants: string[], more: string[] = []): Promise<void> {
  const state = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-state-'));
  try {
    const args = ['run', ...tenants.flatMap((t) => ['--tenant', t]), '--sim', '--quiet', '--state-dir', state];
    await run(process.execPath, ['bin/scimkit.js', ...args, ...more]);
  } finally {
    await rm(state, { recursive: true, force: true });
  }
}

/** The ten tenants with this many workers (1: in one process). */
const runFleetCli = (concurrency: number) => runCli([fleet.dir], ['--concurrency', String(concurrency)]);

/**
 * What two processes gain over one on this machine for scimkit's own work, fleet or no fleet: two separate
 * `scimkit run` processes, every other tenant each, at once, against one process running all ten.
 */
async function independentSpeedUp(): Promise<number> {
  const files = (await readdir(fleet.dir)).sort().map((file) => path.join(fleet.dir, file));
  const half = (start: number) => files.filter((_file, i) => i % 2 === start);
  const one = await timed(() => runCli(files));
  const two = await timed(() => Promise.all([runCli(half(0)), runCli(half(1))]));
  return one / two;
}

/**
 * What two processes gain over one on this machine now: ten units of CPU-bound work (a unit about a tenant's run),
 * in one node process, against five in each of two at once.
 */
async function cpuSpeedUp(unitIterations: number): Promise<number> {
  const work = (units: number) =>
    run(process.execPath, [
      '-e',
      `let x = 0; for (let i = 0; i < ${units * unitIterations}; i += 1) x = (x * 31 + i) | 0; if (x === 42) console.log(x);`,
    ]);
  const one = await timed(() => work(TENANTS));
  const two = await timed(() => Promise.all([work(TENANTS / 2), work(TENANTS / 2)]));
  return one / two;
}

/** Iterations of cpuSpeedUp's loop in about `ms` milliseconds of this process. */
function calibrate(ms: number): number {
  let iterations = 1e6;
  for (;;) {
    const start = process.hrtime.bigint();
    let x = 0;
    for (let i = 0; i < iterations; i += 1) x = (x * 31 + i) | 0;
    const took = Number(process.hrtime.bigint() - start) / 1e6 + (x === 42 ? 1 : 0);
    if (took > 100) return Math.round((iterations * ms) / took);
    iterations *= 4;
  }
}

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });

export function fleetBenchmarks(): Benchmark[] {
  let unitIterations = 0;
  const cpuBaseline: Side = {
    label: 'speed-up of 2 CPU-bound node processes over 1',
    measure: () => cpuSpeedUp(unitIterations),
  };
  const setUp = async () => {
    await fleet.setUp();
    unitIterations = calibrate(1000);
  };
  return [
    {
      name: 'fleet',
      unit: 'ratio',
      baseline: cpuBaseline,
      subject: {
        label: `speed-up of run --concurrency 2 over 1 (${TENANTS} tenants, --sim)`,
        measure: async () => (await timed(() => runFleetCli(1))) / (await timed(() => runFleetCli(2))),
      },
      target: { ratio: 0.8, better: 'higher' },
      runs: 3,
      warmups: 0,
      setUp,
      tearDown: () => fleet.tearDown(),
      reproduce: 'npm run bench -- --only fleet',
    },
    {
      // No target: what the machine allows `fleet` (its subject, at best), which the CPU-bound loop overstates.
      name: 'fleet-ceiling',
      unit: 'ratio',
      baseline: cpuBaseline,
      subject: {
        label: `speed-up of 2 separate run processes (${TENANTS / 2} tenants each) over 1 (${TENANTS})`,
        measure: independentSpeedUp,
      },
      runs: 3,
      warmups: 0,
      setUp,
      tearDown: () => fleet.tearDown(),
      reproduce: 'npm run bench -- --only fleet-ceiling',
    },
    {
      name: 'fleet-rss',
      unit: 'MiB',
      baseline: {
        label: `peak RSS of one process running the ${TENANTS} tenants one after the other`,
        measure: () => peakRssOfOneProcess(),
      },
      subject: {
        label: 'peak RSS of the largest worker of run --concurrency 2',
        measure: async () => {
          const state = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-state-'));
          const { workers } = await runFleet({
            tenants: await loadTenants([fleet.dir]),
            options: { sim: true, report: { reporters: [], quiet: true }, stateDir: state },
            out: discard,
            stderr: process.stderr,
            concurrency: 2,
            workerHeapMiB: 512,
          });
          await rm(state, { recursive: true, force: true });
          return Math.max(...workers.map((w) => w.peakRssMiB));
        },
      },
      target: { ratio: 1, better: 'lower' },
      runs: 3,
      warmups: 0,
      setUp: () => fleet.setUp(),
      tearDown: () => fleet.tearDown(),
      reproduce: 'npm run bench -- --only fleet-rss',
    },
  ];
}

/** A new node process runs `scimkit run` over the fleet in itself, and says the most memory it took. */
async function peakRssOfOneProcess(): Promise<number> {
  const state = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-state-'));
  const main = path.resolve('dist/src/cli/main.js');
  const args = JSON.stringify(['run', '--tenant', fleet.dir, '--sim', '--quiet', '--state-dir', state]);
  const script = `const { main } = await import(${JSON.stringify(main)}); await main(${args}); console.log(process.resourceUsage().maxRSS);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  await rm(state, { recursive: true, force: true });
  return Number(stdout.trim().split('\n').at(-1)) / 1024;
}
