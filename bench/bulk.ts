import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { runBulk } from '../src/run/bulk/run-bulk.js';
import { generatedUsers } from '../src/run/bulk/users.js';
import { targetOf, type Scim2Tenant } from '../src/targets/index.js';
import { scim2Bulk } from '../src/targets/scim2/bulk.js';
import type { RunningSimulator } from '../src/sim/shell/server.js';
import { loadTenant } from '../src/tenant/load.js';
import type { Benchmark } from './harness.js';

const run = promisify(execFile);
const PROFILE = 'tenants/examples/scim2.yaml';
const TOKEN = 'bench-bulk-token-0123456789abcdef';
/** Users a throughput measure provisions, on each side. */
const THROUGHPUT_USERS = 1000;
const CONCURRENCY = 8;

/** Peak RSS (MiB) of a new node process running `scimkit run --users N --sim`, as its own resourceUsage says. */
async function peakRss(users: number): Promise<number> {
  const state = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-bulk-'));
  const main = path.resolve('dist/src/cli/main.js');
  const args = ['run', '--tenant', PROFILE, '--sim', '--users', String(users), '--quiet', '--state-dir', state];
  const script = `const { main } = await import(${JSON.stringify(main)}); const code = await main(${JSON.stringify(args)}); if (code) process.exit(code); console.log(process.resourceUsage().maxRSS);`;
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 1 << 20 });
    return Number(stdout.trim().split('\n').at(-1)) / 1024;
  } finally {
    await rm(state, { recursive: true, force: true });
  }
}

/** 10,000 users are measured once per process, whichever of the two benchmarks asks first. */
let tenThousand: Promise<number> | undefined;
const peakAt10k = () => (tenThousand ??= peakRss(10_000));

/** One simulator for both sides of the throughput comparison, started once. */
const throughput = {
  tenant: undefined as Scim2Tenant | undefined,
  sim: undefined as RunningSimulator | undefined,
  state: '',
  async setUp() {
    this.tenant = (await loadTenant(PROFILE)) as Scim2Tenant;
    this.sim = await targetOf(this.tenant).simulate(this.tenant, () => TOKEN, {});
    this.state = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-bulk-state-'));
  },
  async tearDown() {
    await this.sim?.close();
    await rm(this.state, { recursive: true, force: true });
  },
};

/** The subject: a bulk run of the users, as `run --users` does it; its own req/s. */
async function bulkRate(): Promise<number> {
  const { tenant, sim, state } = throughput;
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const result = await runBulk(tenant!, {
    bulk: { users: THROUGHPUT_USERS },
    baseUrl: sim!.url,
    env: { TAILSPIN_SCIM_TOKEN: TOKEN },
    stateDir: state,
    report: { out: quiet, quiet: true },
  });
  if (result.exitCode !== 0) throw new Error(`bulk run exited ${result.exitCode}`);
  return result.totals.bulk!.requestsPerSecond;
}

/**
 * The baseline: the same requests (the same bodies, from the scim2 bulk table), sent with plain fetch, 8 users at
 * once, no checks, no ledger, no histogram: the HTTP work alone.
 */
async function replayRate(): Promise<number> {
  const { tenant, sim } = throughput;
  const shape = scim2Bulk(tenant!, { baseUrl: sim!.url, runId: `r${Date.now()}`, secret: () => TOKEN });
  const headers = { ...shape.headers, Authorization: `Bearer ${TOKEN}` };
  const users = generatedUsers(`bench-${Date.now().toString(36)}`, THROUGHPUT_USERS)[Symbol.asyncIterator]();
  let requests = 0;
  const call = async (method: string, url: string, body?: object) => {
    const answer = await fetch(url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    requests += 1;
    return answer.text();
  };
  const started = performance.now();
  const worker = async () => {
    for (let next = await users.next(); !next.done; next = await users.next()) {
      const user = next.value;
      await call(
        'GET',
        `${shape.users}?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&startIndex=1&count=100`,
      );
      const id = (JSON.parse(await call('POST', shape.users, shape.create(user))) as { id: string }).id;
      const at = `${shape.users}/${id}`;
      await call('GET', at);
      await call(shape.updateMethod, at, shape.update(user, id));
      await call('PATCH', at, shape.deactivate(user, id));
      await call('DELETE', at);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return requests / ((performance.now() - started) / 1000);
}

export function bulkBenchmarks(): Benchmark[] {
  return [
    {
      name: 'bulk-rss-10k',
      unit: 'MiB',
      // 250 MB (the issue's unit) in MiB, the unit RSS is reported in.
      baseline: { label: 'the target, 250 MB', measure: async () => 250e6 / 2 ** 20 },
      subject: { label: 'peak RSS of run --users 10000 --sim', measure: peakAt10k },
      target: { ratio: 1, better: 'lower' },
      runs: 1,
      warmups: 0,
      reproduce: 'npm run bench -- --only bulk-rss-10k',
    },
    {
      name: 'bulk-rss-ratio',
      unit: 'MiB',
      baseline: { label: 'peak RSS of run --users 1000 --sim', measure: () => peakRss(1000) },
      subject: { label: 'peak RSS of run --users 10000 --sim', measure: peakAt10k },
      target: { ratio: 1.2, better: 'lower' },
      runs: 1,
      warmups: 0,
      reproduce: 'npm run bench -- --only bulk-rss-ratio',
    },
    {
      name: 'bulk-throughput',
      unit: 'req/s',
      baseline: { label: `plain fetch replay of the same requests, ${THROUGHPUT_USERS} users`, measure: replayRate },
      subject: { label: `bulk run of ${THROUGHPUT_USERS} users`, measure: bulkRate },
      target: { ratio: 0.5, better: 'higher' },
      runs: 3,
      warmups: 1,
      setUp: () => throughput.setUp(),
      tearDown: () => throughput.tearDown(),
      reproduce: 'npm run bench -- --only bulk-throughput',
    },
  ];
}
