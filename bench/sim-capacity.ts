import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import type { Benchmark, Side } from './harness.js';
import { stamp } from '../src/sim/scim2/state.js';
import type { Resource as Ws1Resource } from '../src/sim/ws1-access/state.js';
import { startJanssenSimulator, type RunningJanssenSimulator } from '../src/targets/janssen/simulator.js';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';

/**
 * Simulator capacity (issue 13): throughput, measured with autocannon (its load in a worker thread, the servers in
 * this process), of the Workspace ONE Access simulator against a minimal Express server doing the same in-memory
 * work; of creates and userName lookups in a store of 20,000 users against an empty one; of Janssen's user list
 * and filter beside 2,000 groups against 10. Each side's store is put back as it was after each measurement.
 */

const SECONDS = Number(process.env.SIM_CAPACITY_SECONDS ?? 2);
const CONNECTIONS = 10;
const MANY_USERS = 20_000;
const ADMIN = { clientId: 'bench-admin', secret: 'bench-admin-secret-0123456789' };
const JANSSEN = { clientId: '2000.bench', secret: 'bench-janssen-secret-0123' };
const WS1_USERS = '/SAAS/jersey/manager/api/scim/Users';
const JANSSEN_USERS = '/jans-scim/restv1/v2/Users';
/** A local user as Okta creates one; `[<id>]` is a fresh id per request (autocannon's idReplacement). */
const NEW_USER = JSON.stringify({
  userName: 'bench-[<id>]',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'bench-[<id>]@example.org' }],
});

const WS1_SCHEMAS = ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:workspace:1.0'] as const;
/** Workspace ONE's extension on a user created in the System Domain, as the simulator answers it. */
const SYSTEM_DOMAIN_USER = { domain: 'System Domain', internalUserType: 'LOCAL', userStatus: '1' };

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** Requests per second of CONNECTIONS clients for SECONDS; every answer must be a success. */
async function throughput(
  target: Target,
  request: { method: 'GET' | 'POST'; path: string; body?: string },
): Promise<number> {
  const result = await autocannon({
    url: `${target.url}${request.path}`,
    method: request.method,
    headers: { ...target.headers, ...(request.body ? { 'Content-Type': 'application/json' } : {}) },
    body: request.body,
    idReplacement: request.body !== undefined,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
  });
  if (result.errors || result.timeouts || result.non2xx)
    throw new Error(`${request.method} ${request.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.total / (result.duration || SECONDS);
}

const side = (label: string, measure: () => Promise<number>): Side => ({ label, measure });

/** A Workspace ONE Access simulator with a System Domain admin token, and what it held before a measurement. */
interface Ws1Fixture extends Target {
  sim: RunningWs1AccessSimulator;
  /** Drops the users created since it was seeded. */
  reset(): void;
}

async function ws1Fixture(users = 0): Promise<Ws1Fixture> {
  const sim = await startWs1AccessSimulator({ adminClient: ADMIN });
  const answer = await fetch(`${sim.url}/SAAS/auth/oauthtoken`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${ADMIN.clientId}:${ADMIN.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=admin',
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  if (users) await seedWs1Users(sim, headers, users);
  const seeded = new Set(sim.state.users.keys());
  const reset = () => {
    for (const id of sim.state.users.keys()) if (!seeded.has(id)) sim.state.users.delete(id);
  };
  return { sim, url: sim.url, headers, reset };
}

/** `count` users shaped as the simulator's POST makes them: one created through it, the others copies. */
async function seedWs1Users(sim: RunningWs1AccessSimulator, headers: Record<string, string>, count: number) {
  const answer = await fetch(`${sim.url}${WS1_USERS}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: NEW_USER.replaceAll('[<id>]', 'seed-0'),
  });
  const model = (await answer.json()) as Ws1Resource;
  for (let i = 1; i < count; i += 1) {
    const id = randomUUID();
    const location = model.meta.location.replace(model.id, id);
    const userName = `seed-${i}`;
    sim.state.users.set(id, { ...model, id, userName, meta: { ...model.meta, location } });
  }
}

/**
 * The baseline: what the simulator's POST and GET /Users do in memory, and nothing else. Express with its JSON body
 * parser, a Map of tokens and one of users, a uuid per user, the same headers (Location, ETag, the JSON type), and
 * the same user in its answers (the body, schemas, id, Workspace ONE's extension, meta: the simulator's bytes).
 */
async function minimalExpress(): Promise<Target & { close(): Promise<void>; reset(): void; seed(): string }> {
  const users = new Map<string, Record<string, unknown>>();
  const tokens = new Map([['bench-token', { scopes: ['admin'] }]]);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ type: ['application/json', 'application/*+json'], limit: '1mb' }));
  app.use((req, res, next) => {
    const token = tokens.get((req.get('authorization') ?? '').replace(/^bearer\s+/i, ''));
    if (!token) return void res.status(401).end();
    next();
  });
  const version = () => `W/"${randomUUID().slice(0, 16)}"`;
  // Its location on the server the request came to, as the simulator's.
  const newUser = (body: Record<string, unknown>, origin: string) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const meta = { created: now, lastModified: now, location: `${origin}${WS1_USERS}/${id}`, version: version() };
    const user = { schemas: WS1_SCHEMAS, ...body, id, active: true, [WS1_SCHEMAS[1]]: SYSTEM_DOMAIN_USER, meta };
    users.set(id, user);
    return user;
  };
  app.post(WS1_USERS, (req, res) => {
    const user = newUser(req.body as Record<string, unknown>, `${req.protocol}://${req.get('host')}`);
    res.status(201).location(user.meta.location).set('ETag', user.meta.version).type('application/json');
    res.send(JSON.stringify(user));
  });
  app.get(`${WS1_USERS}/:id`, (req, res) => {
    const user = users.get(req.params.id);
    if (!user) return void res.status(404).end();
    res.status(200).type('application/json').send(JSON.stringify(user));
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    headers: { Authorization: 'Bearer bench-token' },
    reset: () => users.clear(),
    seed: () => newUser(JSON.parse(NEW_USER.replaceAll('[<id>]', 'seed-0')) as Record<string, unknown>, url).id,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The two sides answer a read with the same user (the same attributes, in the same order), or the bench stops. */
async function sameUserShape(sim: Target, simPath: string, plain: Target, plainPath: string): Promise<void> {
  const shape = async ({ url, headers }: Target, path: string) =>
    JSON.stringify(await (await fetch(`${url}${path}`, { headers })).json(), (_key, value: unknown) =>
      value !== null && typeof value === 'object' ? value : typeof value,
    );
  const [simShape, plainShape] = [await shape(sim, simPath), await shape(plain, plainPath)];
  if (simShape !== plainShape)
    throw new Error(`the baseline's user is not the simulator's: ${plainShape} against ${simShape}`);
}

const REPRODUCE = (name: string) => `npm run bench -- --only ${name}`;

/** POST /Users and GET /Users/{id}: the simulator against the minimal Express server. */
function againstExpress(): Benchmark[] {
  let sim: Ws1Fixture;
  let plain: Awaited<ReturnType<typeof minimalExpress>>;
  const create = { method: 'POST' as const, path: WS1_USERS, body: NEW_USER };
  let read: { sim: string; plain: string };
  const setUp = async () => {
    sim = await ws1Fixture(1);
    plain = await minimalExpress();
    read = { sim: `${WS1_USERS}/${[...sim.sim.state.users.keys()][0]}`, plain: `${WS1_USERS}/${plain.seed()}` };
    await sameUserShape(sim, read.sim, plain, read.plain);
  };
  const tearDown = async () => {
    await sim.sim.close();
    await plain.close();
  };
  const target = { ratio: 1, better: 'higher' as const };
  // Five runs a side: the closest to its target, and this machine's spread between runs is about ±10%.
  const runs = 5;
  return [
    {
      name: 'sim-create-vs-express',
      unit: 'req/s',
      baseline: side('minimal Express POST /Users', async () => {
        const figure = await throughput(plain, create);
        plain.reset();
        plain.seed();
        return figure;
      }),
      subject: side('ws1-access simulator POST /Users', async () => {
        const figure = await throughput(sim, create);
        sim.reset();
        return figure;
      }),
      target,
      runs,
      setUp,
      tearDown,
      reproduce: REPRODUCE('sim-create-vs-express'),
    },
    {
      name: 'sim-read-vs-express',
      unit: 'req/s',
      baseline: side('minimal Express GET /Users/{id}', () => throughput(plain, { method: 'GET', path: read.plain })),
      subject: side('ws1-access simulator GET /Users/{id}', () => throughput(sim, { method: 'GET', path: read.sim })),
      target,
      runs,
      setUp,
      tearDown,
      reproduce: REPRODUCE('sim-read-vs-express'),
    },
  ];
}

/** Creates and userName lookups in a store of 20,000 users against an empty one (but for the user looked up). */
function atTwentyThousand(): Benchmark[] {
  let empty: Ws1Fixture;
  let full: Ws1Fixture;
  const setUp = async () => {
    empty = await ws1Fixture(1);
    full = await ws1Fixture(MANY_USERS);
  };
  const tearDown = async () => {
    await empty.sim.close();
    await full.sim.close();
  };
  const create = (fixture: () => Ws1Fixture) => async () => {
    const figure = await throughput(fixture(), { method: 'POST', path: WS1_USERS, body: NEW_USER });
    fixture().reset();
    return figure;
  };
  // The lookup Okta makes before each create: a userName that exists, in another case.
  const lookup = {
    method: 'GET' as const,
    path: `${WS1_USERS}?filter=${encodeURIComponent('userName eq "BENCH-SEED-0"')}`,
  };
  const target = { ratio: 0.8, better: 'higher' as const };
  return [
    {
      name: 'sim-create-at-20k-users',
      unit: 'req/s',
      baseline: side(
        'POST /Users, empty store',
        create(() => empty),
      ),
      subject: side(
        'POST /Users, 20,000 users',
        create(() => full),
      ),
      target,
      runs: 3,
      setUp,
      tearDown,
      reproduce: REPRODUCE('sim-create-at-20k-users'),
    },
    {
      name: 'sim-lookup-at-20k-users',
      unit: 'req/s',
      baseline: side('userName eq, 1 user', () => throughput(empty, lookup)),
      subject: side('userName eq, 20,000 users', () => throughput(full, lookup)),
      target,
      runs: 3,
      setUp,
      tearDown,
      reproduce: REPRODUCE('sim-lookup-at-20k-users'),
    },
  ];
}

/** A Janssen simulator holding 100 users, each a member of 2 of 10 groups, and `emptyGroups` more groups. */
async function janssenFixture(emptyGroups: number): Promise<Target & { sim: RunningJanssenSimulator }> {
  const sim = await startJanssenSimulator({ adminClient: JANSSEN });
  const answer = await fetch(`${sim.url}/jans-auth/restv1/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${JANSSEN.clientId}:${JANSSEN.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=https://jans.io/scim/users.read',
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  const { state } = sim;
  const users: string[] = [];
  for (let i = 0; i < 100; i += 1) {
    const id = randomUUID();
    users.push(id);
    state.users.set(id, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id,
      userName: `bench-user-${i}`,
      displayName: `Bench User ${i}`,
      name: { givenName: 'Bench', familyName: `User ${i}` },
      emails: [{ value: `bench-user-${i}@example.org`, type: 'work', primary: true }],
      active: true,
      meta: stamp(state, 'User'),
    });
  }
  for (let g = 0; g < 10 + emptyGroups; g += 1) {
    const id = randomUUID();
    const members = g < 10 ? users.filter((_, i) => i % 5 === g % 5).map((value) => ({ value, type: 'User' })) : [];
    const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id, displayName: `bench-group-${g}` };
    state.groups.set(id, { ...group, ...(members.length ? { members } : {}), meta: stamp(state, 'Group') });
  }
  return { sim, url: sim.url, headers: { Authorization: `Bearer ${token}` } };
}

/** Janssen's user list and userName filter beside 2,000 groups against 10: a user's groups come from an index. */
function janssenGroups(): Benchmark[] {
  let few: Target & { sim: RunningJanssenSimulator };
  let many: Target & { sim: RunningJanssenSimulator };
  const setUp = async () => {
    few = await janssenFixture(0);
    many = await janssenFixture(1_990);
  };
  const tearDown = async () => {
    await few.sim.close();
    await many.sim.close();
  };
  const list = { method: 'GET' as const, path: `${JANSSEN_USERS}?count=100` };
  const filter = {
    method: 'GET' as const,
    path: `${JANSSEN_USERS}?filter=${encodeURIComponent('userName eq "bench-user-7"')}`,
  };
  const target = { ratio: 0.8, better: 'higher' as const };
  return [
    {
      name: 'janssen-list-many-groups',
      unit: 'req/s',
      baseline: side('GET /Users (100), 10 groups', () => throughput(few, list)),
      subject: side('GET /Users (100), 2,000 groups', () => throughput(many, list)),
      target,
      runs: 3,
      setUp,
      tearDown,
      reproduce: REPRODUCE('janssen-list-many-groups'),
    },
    {
      name: 'janssen-filter-many-groups',
      unit: 'req/s',
      baseline: side('userName eq, 10 groups', () => throughput(few, filter)),
      subject: side('userName eq, 2,000 groups', () => throughput(many, filter)),
      target,
      runs: 3,
      setUp,
      tearDown,
      reproduce: REPRODUCE('janssen-filter-many-groups'),
    },
  ];
}

export function simCapacityBenchmarks(): Benchmark[] {
  return [...againstExpress(), ...atTwentyThousand(), ...janssenGroups()];
}
