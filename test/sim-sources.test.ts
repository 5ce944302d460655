import assert from 'node:assert/strict';
import { fixedSources, realSources, type Sources } from '../src/sim/shell/sources.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { startJanssenSimulator } from '../src/targets/janssen/simulator.js';
import { jansToken, JANS_CLIENT, scim, userBody } from './support/janssen.js';
import { ADMIN, API, call, createOtherDirectory, provisionedUser, token } from './support/sim.js';

const TIME = '2026-01-01T00:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a Workspace ONE Access simulator answers to the same requests: a token, a directory, a user. */
async function ws1Answers(sources?: Sources): Promise<unknown[]> {
  const sim = await startWs1AccessSimulator({ adminClient: ADMIN, ws1Access: sources ? { sources } : {} });
  try {
    const admin = await token(sim);
    const directory = await createOtherDirectory(sim, admin);
    const user = await call(sim, 'POST', `${API}/scim/Users`, { token: admin, body: provisionedUser('ada') });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const local = (text: string) => text.split(sim.url).join('');
    return [admin, directory, local(JSON.stringify(user.body)), user.headers.get('etag')];
  } finally {
    await sim.close();
  }
}

async function janssenAnswers(sources?: Sources): Promise<unknown[]> {
  const sim = await startJanssenSimulator({ adminClient: JANS_CLIENT, janssen: sources ? { sources } : {} });
  try {
    const value = await jansToken(sim);
    const user = await scim(sim, 'POST', '/Users', { token: value, body: userBody('ada') });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    return [value, JSON.stringify(user.body).split(sim.url).join('')];
  } finally {
    await sim.close();
  }
}

describe("the simulators' sources of time and chance", () => {
  it('fixed: a stopped clock, and the same ids and bytes in the same order, every time', () => {
    const [one, two] = [fixedSources(TIME), fixedSources(TIME)];
    assert.equal(new Date(one.now()).toISOString(), TIME);
    const draw = (s: Sources) => [s.uuid(), s.uuid(), s.bytes(8).toString('hex'), s.bytes(48).toString('hex')];
    const drawn = draw(one);
    assert.deepEqual(draw(two), drawn);
    assert.match(drawn[0]!, UUID);
    assert.notEqual(drawn[0], drawn[1]);
    assert.equal(drawn[3]!.length, 96);
    assert.notDeepEqual(draw(fixedSources('2026-01-02T00:00:00.000Z')), drawn);
    assert.throws(() => fixedSources('new year'), /not a time/);
  });

  it('real by default: the clock runs, and no two ids or tokens are alike', () => {
    const sources = realSources();
    assert.ok(Math.abs(sources.now() - Date.now()) < 60_000);
    assert.notEqual(sources.uuid(), sources.uuid());
    assert.notEqual(sources.bytes(16).toString('hex'), sources.bytes(16).toString('hex'));
  });

  it('real bytes come from a pool, and what was handed out never changes when the pool runs out', () => {
    const sources = realSources();
    const first = sources.bytes(32);
    const kept = Buffer.from(first);
    const drawn = new Set<string>();
    for (let i = 0; i < 1000; i += 1) drawn.add(sources.bytes(8).toString('hex')); // some pools' worth
    assert.deepEqual(first, kept);
    assert.equal(drawn.size, 1000);
    assert.equal(sources.bytes(10_000).length, 10_000);
  });

  it('make two simulators with fixed sources answer alike, tokens, ids, timestamps and versions; real ones do not', async () => {
    const fixed = await ws1Answers(fixedSources(TIME));
    assert.deepEqual(await ws1Answers(fixedSources(TIME)), fixed);
    assert.match(String(fixed[2]), /"created":"2026-01-01T00:00:00.000Z"/);
    const [real, again] = [await ws1Answers(), await ws1Answers()];
    real.forEach((answer, at) => assert.notEqual(answer, again[at]));

    const jans = await janssenAnswers(fixedSources(TIME));
    assert.deepEqual(await janssenAnswers(fixedSources(TIME)), jans);
    assert.notDeepEqual(await janssenAnswers(), await janssenAnswers());
  });
});
