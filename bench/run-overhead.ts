import { mkdtemp, rm } from 'node:fs/promises';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inventedSecrets } from '../src/examples/secrets.js';
import { resolveEnvironment } from '../src/run/environment.js';
import { runTenant } from '../src/run/run-tenant.js';
import { requestChannel } from '../src/run/transport.js';
import { fixedSources } from '../src/sim/shell/sources.js';
import { targetOf, type Tenant } from '../src/targets/index.js';
import { loadTenant } from '../src/tenant/load.js';
import type { Benchmark } from './harness.js';

/**
 * Run overhead: a full run of an example profile (`runTenant`, in-process, against its embedded simulator, as
 * `scimkit run --sim` does) against a plain fetch replay of the very HTTP requests that run sends, against a fresh
 * simulator of the same target, seeded alike (the same secrets, a stopped clock, ids from a counter), so that every
 * answer is the same. Two figures per profile: the total (simulator start to close, both sides), and per request
 * (first request sent to last answer received, over the number of requests: what a request costs once running).
 */

const PROFILES = ['acme', 'globex', 'janssen', 'scim2'] as const;
const RUN_ID = 'b3nch000';
const TIME = '2026-01-01T00:00:00.000Z';

/** One request as it went on the wire, and the status it was answered with. */
interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  status: number;
}

/** What one side's run measured. */
interface Figures {
  totalMs: number;
  perRequestMs: number;
}

/** The requests of a recorded run and the origin they went to (a fresh simulator listens elsewhere). */
interface Recording {
  origin: string;
  requests: Sent[];
}

/** Every request a run sends while it is on, from the transport's channel, body and answer's status included. */
class WireProbe {
  readonly sent: Sent[] = [];
  firstStart = 0;
  lastEnd = 0;
  private readonly onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    this.firstStart ||= performance.now();
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
        chunks.push(Buffer.from(chunk as string));
    };
    const { write, end } = request;
    request.write = function (this: ClientRequest, chunk: unknown, ...rest: unknown[]) {
      keep(chunk);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof request.write;
    request.end = function (this: ClientRequest, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk);
      return (end as (...a: unknown[]) => ClientRequest).call(this, chunk, ...rest);
    } as typeof request.end;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.getHeaders())) headers[name] = String(value);
    const host = request.getHeader('host') ?? request.host;
    const sent: Sent = {
      method: request.method,
      url: `${request.protocol}//${host}${request.path}`,
      headers,
      body: Buffer.alloc(0),
      status: 0,
    };
    this.sent.push(sent);
    request.once('response', (response: IncomingMessage) => {
      sent.status = response.statusCode ?? 0;
      response.once('end', () => {
        sent.body = Buffer.concat(chunks);
        this.lastEnd = performance.now();
      });
    });
  };

  on(): this {
    requestChannel.subscribe(this.onStart);
    return this;
  }

  off(): void {
    requestChannel.unsubscribe(this.onStart);
  }
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The subject: the run as `scimkit run --sim` makes it (its cli summary written nowhere). */
async function runOnce(tenant: Tenant, probe = new WireProbe()): Promise<Figures & { probe: WireProbe }> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'scimkit-bench-'));
  try {
    probe.on();
    const start = performance.now();
    let result;
    try {
      result = await runTenant(tenant, {
        runId: RUN_ID,
        env: inventedSecrets(tenant),
        stateDir,
        sim: true,
        simulator: { sources: fixedSources(TIME) },
        report: { out: discard() },
      });
    } finally {
      probe.off();
    }
    const totalMs = performance.now() - start;
    if (result.exitCode === 2) throw new Error(`the run of ${tenant.name} was not carried out: ${result.totals.error}`);
    const perRequestMs = (probe.lastEnd - probe.firstStart) / probe.sent.length;
    return { totalMs, perRequestMs, probe };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Hop-by-hop headers and those fetch sets itself (the origin and length change with the simulator's port). */
const LEFT_TO_FETCH = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The recorded requests as sent to a simulator at `url`: every mention of the recorded origin moved to it. */
function movedTo(recording: Recording, url: string) {
  const origin = new URL(url).origin;
  const moved = (text: string) => text.replaceAll(recording.origin, origin);
  return recording.requests.map((sent) => ({
    method: sent.method,
    url: moved(sent.url),
    headers: Object.fromEntries(
      Object.entries(sent.headers)
        .filter(([name]) => !LEFT_TO_FETCH.has(name))
        .map(([name, value]) => [name, moved(value)]),
    ),
    body: sent.body.length ? moved(sent.body.toString('utf8')) : undefined,
  }));
}

/** The secrets a replay's simulator is seeded with: the recorded run's. */
function replaySecret(tenant: Tenant): (key: string) => string {
  return resolveEnvironment(tenant, inventedSecrets(tenant), {
    source: tenant.name,
    mode: 'verify',
    sim: true,
    handOver: false,
  }).secret;
}

/** The baseline: the same requests with fetch, one after the other, against a fresh simulator seeded alike. */
async function replayOnce(tenant: Tenant, recording: Recording): Promise<Figures & { statuses: number[] }> {
  const secret = replaySecret(tenant);
  const start = performance.now();
  const simulator = await targetOf(tenant).simulate(tenant, secret, { sources: fixedSources(TIME) });
  const statuses: number[] = [];
  let firstStart = 0;
  let lastEnd = 0;
  try {
    const requests = movedTo(recording, simulator.url);
    firstStart = performance.now();
    for (const { method, url, headers, body } of requests) {
      const response = await fetch(url, { method, headers, body, redirect: 'manual' });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    lastEnd = performance.now();
  } finally {
    await simulator.close();
  }
  const totalMs = performance.now() - start;
  return { totalMs, perRequestMs: (lastEnd - firstStart) / recording.requests.length, statuses };
}

/**
 * Newman's own floor: the same requests as a collection with no script at all (no test, no variable, no auth
 * helper), run by Newman against a fresh simulator seeded alike: per request (first sent to last answered), what
 * a Newman run costs before scimkit adds anything, the part of the overhead no collection can take away.
 */
async function newmanReplayOnce(tenant: Tenant, recording: Recording): Promise<number> {
  const { default: newman } = await import('newman');
  const simulator = await targetOf(tenant).simulate(tenant, replaySecret(tenant), { sources: fixedSources(TIME) });
  try {
    const item = movedTo(recording, simulator.url).map(({ method, url, headers, body }, i) => ({
      name: `request ${i + 1}`,
      request: {
        method,
        url,
        header: Object.entries(headers).map(([key, value]) => ({ key, value })),
        ...(body !== undefined ? { body: { mode: 'raw', raw: body } } : {}),
      },
    }));
    let firstStart = 0;
    let lastEnd = 0;
    const statuses: number[] = [];
    await new Promise<void>((resolve, reject) => {
      newman
        .run(
          { collection: { info: { name: 'replay' }, item } as never, reporters: [], ignoreRedirects: true },
          (error) => (error ? reject(error) : resolve()),
        )
        .on('beforeRequest', () => (firstStart ||= performance.now()))
        .on('request', (_error: unknown, o: { response?: { code: number } }) => {
          statuses.push(o.response?.code ?? 0);
          lastEnd = performance.now();
        });
    });
    answeredAlike(tenant, recording, statuses, "Newman's replay");
    return (lastEnd - firstStart) / recording.requests.length;
  } finally {
    await simulator.close();
  }
}

/** A replay got the statuses the recorded run got, request by request, or the benchmark stops. */
function answeredAlike(tenant: Tenant, recording: Recording, statuses: number[], replay: string): void {
  const differ = recording.requests.findIndex((sent, i) => sent.status !== statuses[i]);
  if (differ < 0) return;
  const sent = recording.requests[differ]!;
  throw new Error(
    `run-overhead: ${replay} of ${tenant.name} is answered otherwise at request ${differ + 1} ` +
      `(${sent.method} ${sent.url}: ${statuses[differ]}, the run got ${sent.status})`,
  );
}

/** Records one run of the profile, and checks that a replay of it is answered alike, request by request. */
async function record(tenant: Tenant): Promise<Recording> {
  const { probe } = await runOnce(tenant);
  const requests = probe.sent;
  if (!requests.length) throw new Error(`run-overhead: the run of ${tenant.name} sent no request`);
  const recording = { origin: new URL(requests[0]!.url).origin, requests };
  const { statuses } = await replayOnce(tenant, recording);
  answeredAlike(tenant, recording, statuses, 'the replay');
  return recording;
}

/**
 * The profile with a variable for every secret that seeds the simulator: a run makes up the others afresh, and a
 * replay's simulator would then refuse what the recorded run's accepted (acme's service account logs in).
 */
function withPinnedSecrets(tenant: Tenant): Tenant {
  if (tenant.target !== 'ws1-access' || !tenant.serviceAccount || tenant.serviceAccount.passwordEnv) return tenant;
  return { ...tenant, serviceAccount: { ...tenant.serviceAccount, passwordEnv: 'BENCH_SERVICE_ACCOUNT_PASSWORD' } };
}

/** The total and the per-request benchmark of one example profile, sharing its recording. */
function profileBenchmarks(profile: (typeof PROFILES)[number]): Benchmark[] {
  let tenant: Tenant;
  let recording: Recording | undefined;
  const setUp = async () => {
    tenant ??= withPinnedSecrets(await loadTenant(path.join('tenants', 'examples', `${profile}.yaml`)));
    recording ??= await record(tenant);
  };
  const sides = (figure: keyof Figures) => ({
    baseline: { label: 'fetch replay', measure: async () => (await replayOnce(tenant, recording!))[figure] },
    subject: { label: 'scimkit run --sim', measure: async () => (await runOnce(tenant))[figure] },
  });
  const reproduce = (name: string) => `npm run bench -- --only ${name}`;
  return [
    {
      name: `run-overhead-${profile}`,
      unit: 'ms',
      ...sides('totalMs'),
      target: { ratio: 2.5, better: 'lower' },
      setUp,
      reproduce: reproduce(`run-overhead-${profile}`),
    },
    {
      name: `run-overhead-${profile}-per-request`,
      unit: 'ms',
      ...sides('perRequestMs'),
      target: { ratio: 3, better: 'lower' },
      setUp,
      reproduce: reproduce(`run-overhead-${profile}-per-request`),
    },
    {
      // No target: what the per-request row cannot go below while a run is a Newman run.
      name: `newman-floor-${profile}-per-request`,
      unit: 'ms',
      baseline: sides('perRequestMs').baseline,
      subject: {
        label: 'the same requests in Newman, no script',
        measure: () => newmanReplayOnce(tenant, recording!),
      },
      setUp,
      reproduce: reproduce(`newman-floor-${profile}-per-request`),
    },
  ];
}

export const runOverheadBenchmarks: Benchmark[] = PROFILES.flatMap(profileBenchmarks);
