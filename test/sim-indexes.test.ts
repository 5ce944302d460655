import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Resource } from '../src/sim/scim2/state.js';
import { groupStore, userNameKey, userStore } from '../src/sim/scim2/stores.js';
import { userNameAskedFor } from '../src/sim/scim2/user-name-filter.js';
import { realSources, type Sources } from '../src/sim/shell/sources.js';
import { startScim2Simulator } from '../src/targets/scim2/simulator.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { GROUP, jansToken, PATCH_OP, scim, startJanssen, userBody, USER } from './support/janssen.js';
import { ADMIN, API, call, token } from './support/sim.js';

/** What the stores' indexes replace: a scan of every user, every group, as the simulators made before. */
const scanByUserName = <R extends Record<string, unknown>>(users: Map<string, R>, key: string) =>
  [...users.values()].filter((u) => String(u.userName).toLowerCase() === key);
const scanByMember = (groups: Map<string, Resource>, id: string) =>
  [...groups.values()].filter((g) => Array.isArray(g.members) && g.members.some((m) => m.value === id));

const user = (id: string, userName: string): Resource =>
  ({ id, userName, schemas: [USER], meta: {} }) as unknown as Resource;
const group = (id: string, members: string[]): Resource =>
  ({ id, schemas: [GROUP], members: members.map((value) => ({ value })), meta: {} }) as unknown as Resource;

/** A simulator's clock a test moves on; ids and bytes real. */
function movableClock(): Sources & { advance(ms: number): void } {
  let now = Date.now();
  return { ...realSources(), now: () => now, advance: (ms) => void (now += ms) };
}

describe("the simulators' indexes", () => {
  const ids = fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5');
  const names = fc.constantFrom('ada', 'ADA', 'Ada', 'bob', 'Bob', 'carol');

  it('find users by userName, whatever its case, as a scan would, in the same order, through sets, renames, deletes and clears', () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('set' as const), id: ids, name: names }),
      fc.record({ op: fc.constant('rename in place' as const), id: ids, name: names }),
      fc.record({ op: fc.constant('delete' as const), id: ids }),
      fc.record({ op: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const users = userStore();
        for (const step of operations) {
          if (step.op === 'set') users.set(step.id, user(step.id, step.name));
          if (step.op === 'rename in place' && users.has(step.id)) {
            const stored = users.get(step.id)!;
            stored.userName = step.name;
            users.set(step.id, stored);
          }
          if (step.op === 'delete') users.delete(step.id);
          if (step.op === 'clear') users.clear();
          for (const name of ['ada', 'bob', 'carol', 'dave'])
            assert.deepEqual(users.find('userName', name), scanByUserName(users, name));
        }
      }),
    );
  });

  it("find a user's groups as a scan of every group would, through member changes, re-sets in place and deletes", () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('set' as const), id: ids, members: fc.uniqueArray(ids, { maxLength: 3 }) }),
      fc.record({ op: fc.constant('leave in place' as const), id: ids, member: ids }),
      fc.record({ op: fc.constant('delete' as const), id: ids }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const groups = groupStore();
        for (const step of operations) {
          if (step.op === 'set') groups.set(step.id, group(step.id, step.members));
          if (step.op === 'leave in place' && groups.has(step.id)) {
            const stored = groups.get(step.id)!;
            stored.members = (stored.members as { value: string }[]).filter((m) => m.value !== step.member);
            groups.set(step.id, stored);
          }
          if (step.op === 'delete') groups.delete(step.id);
          for (const member of ['u1', 'u2', 'u3', 'u4', 'u5'])
            assert.deepEqual(groups.find('member', member), scanByMember(groups, member));
        }
      }),
    );
  });

  it('take the index only for a filter that is exactly userName eq a string; the filter still decides', () => {
    const core = USER;
    assert.equal(userNameAskedFor('userName eq "Ada@Example.org"', core), 'ada@example.org');
    assert.equal(userNameAskedFor(`${core}:USERNAME eq "Ada"`, core), 'ada');
    assert.equal(userNameAskedFor('userName eq "a \\"quoted\\" \\\\ name"'), userNameKey('a "quoted" \\ name'));
    for (const other of [
      'userName sw "ada"',
      'userName eq "ada" or userName eq "bob"',
      'not (userName eq "ada")',
      'emails.value eq "ada"',
      'userName eq 7',
      'userName eq',
      '',
      undefined,
      ['userName eq "ada"'],
    ])
      assert.equal(userNameAskedFor(other, core), undefined, JSON.stringify(other));
    // A core URN names the attribute for SCIM 2.0 only; Workspace ONE Access reads the URN as an attribute.
    assert.equal(userNameAskedFor(`${core}:userName eq "ada"`), undefined);
  });
});

describe('the simulators answer from their indexes what they answered from scans', () => {
  it('Workspace ONE Access: userName lookups and uniqueness follow case, renames and deletes', async () => {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN });
    try {
      const admin = await token(sim);
      const create = (userName: string) =>
        call(sim, 'POST', `${API}/scim/Users`, {
          token: admin,
          body: { userName, name: { givenName: 'A', familyName: 'B' }, emails: [{ value: `${userName}@x.example` }] },
        });
      const lookup = async (userName: string) => {
        const filter = encodeURIComponent(`userName eq "${userName}"`);
        const answer = await call(sim, 'GET', `${API}/scim/Users?filter=${filter}`, { token: admin });
        return (answer.body.Resources as Resource[]).map((r) => r.id);
      };
      const ada = (await create('Ada.Lovelace')).body.id as string;
      for (const n of ['bob', 'carol']) await create(n);
      assert.equal((await create('ADA.lovelace')).status, 409, 'a userName differing only in case is taken');
      assert.deepEqual(await lookup('ada.LOVELACE'), [ada]);

      const rename = await call(sim, 'PATCH', `${API}/scim/Users/${ada}`, {
        token: admin,
        body: { userName: 'Ada.King' },
      });
      assert.equal(rename.status, 204);
      assert.deepEqual(await lookup('ada.lovelace'), [], 'the old name finds nobody');
      assert.deepEqual(await lookup('ADA.KING'), [ada], 'the new name finds the user');
      assert.equal((await create('ada.king')).status, 409);
      const again = await create('ada.lovelace');
      assert.equal(again.status, 201, 'the old name is free again');

      await call(sim, 'DELETE', `${API}/scim/Users/${ada}`, { token: admin });
      assert.deepEqual(await lookup('ada.king'), []);
      assert.equal((await create('Ada.King')).status, 201, 'a deleted user frees its userName');
      for (const name of ['ada.king', 'ada.lovelace', 'bob', 'carol', 'nobody'])
        assert.deepEqual(
          await lookup(name),
          scanByUserName(sim.state.users, name).map((u) => u.id),
          name,
        );
    } finally {
      await sim.close();
    }
  });

  it('Janssen: userName filters, uniqueness and groups of users follow renames, member changes and deletes', async () => {
    const sim = await startJanssen();
    try {
      const value = await jansToken(sim);
      const create = async (userName: string) =>
        (await scim(sim, 'POST', '/Users', { token: value, body: userBody(userName) })).body.id as string;
      const [ada, bob, carol] = [await create('Ada'), await create('bob'), await create('carol')];
      const newGroup = async (displayName: string, members: string[]) =>
        (
          await scim(sim, 'POST', '/Groups', {
            token: value,
            body: { schemas: [GROUP], displayName, members: members.map((m) => ({ value: m })) },
          })
        ).body.id as string;
      const both = await newGroup('both', [ada, bob]);
      const adas = await newGroup('ada only', [ada]);
      await newGroup('nobody', []);
      const groupsOf = async (id: string) =>
        ((await scim(sim, 'GET', `/Users/${id}`, { token: value })).body.groups ?? []).map(
          (g: { value: string }) => g.value,
        );
      const scanned = (id: string) => scanByMember(sim.state.groups, id).map((g) => g.id);
      assert.deepEqual(await groupsOf(ada), [both, adas]);
      assert.deepEqual(await groupsOf(bob), [both]);
      assert.deepEqual(await groupsOf(carol), []);

      const patch = (path: string, Operations: unknown[]) =>
        scim(sim, 'PATCH', path, { token: value, body: { schemas: [PATCH_OP], Operations } });
      assert.equal(
        (await patch(`/Groups/${adas}`, [{ op: 'add', path: 'members', value: [{ value: carol }] }])).status,
        200,
      );
      assert.equal(
        (await patch(`/Users/${ada}`, [{ op: 'replace', path: 'userName', value: 'Ada.King' }])).status,
        200,
      );
      const filter = async (expression: string) =>
        (
          (await scim(sim, 'GET', `/Users?filter=${encodeURIComponent(expression)}`, { token: value })).body
            .Resources ?? []
        ).map((u: { id: string; groups?: unknown[] }) => [u.id, u.groups?.length ?? 0]);
      assert.deepEqual(await filter('userName eq "ADA.KING"'), [[ada, 2]]);
      assert.deepEqual(await filter('userName eq "ada"'), []);
      assert.equal((await scim(sim, 'POST', '/Users', { token: value, body: userBody('ADA.king') })).status, 409);

      assert.equal((await scim(sim, 'DELETE', `/Users/${ada}`, { token: value })).status, 204);
      assert.deepEqual(await groupsOf(bob), [both]);
      assert.deepEqual(await groupsOf(carol), [adas]);
      const members = (await scim(sim, 'GET', `/Groups/${both}`, { token: value })).body.members;
      assert.deepEqual(
        members.map((m: { value: string }) => m.value),
        [bob],
        'the deleted user left the group',
      );
      for (const id of [ada, bob, carol]) assert.deepEqual(scanned(id), id === ada ? [] : await groupsOf(id));
    } finally {
      await sim.close();
    }
  });
});

describe('issued tokens are purged once expired', () => {
  it('Janssen: a token past its lifetime is gone when the next one is issued; live ones stay', async () => {
    const clock = movableClock();
    const sim = await startJanssen({ sources: clock, tokenTtlSeconds: 300 });
    try {
      const first = await jansToken(sim);
      clock.advance(200_000);
      const second = await jansToken(sim);
      assert.deepEqual([...sim.state.tokens.keys()], [first, second], 'both live');
      clock.advance(100_000);
      const third = await jansToken(sim);
      assert.deepEqual([...sim.state.tokens.keys()], [second, third]);
    } finally {
      await sim.close();
    }
  });

  it('Workspace ONE Access: the same, for the access tokens of the token endpoint', async () => {
    const clock = movableClock();
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN, ws1Access: { sources: clock } });
    try {
      const first = await token(sim);
      clock.advance(180 * 60_000); // the default lifetime: 3 hours
      const second = await token(sim);
      assert.deepEqual([...sim.state.tokens.keys()], [second]);
      assert.notEqual(first, second);
    } finally {
      await sim.close();
    }
  });

  it('the scim2 simulator: the same, for the tokens of its client-credentials grant', async () => {
    const clock = movableClock();
    const auth = { type: 'oauth2-client-credentials', tokenPath: '/oauth/token', clientId: 'c', secret: 's' } as const;
    const sim = await startScim2Simulator({ auth, scim2: { sources: clock } });
    try {
      const issue = async () => {
        const answer = await call(sim, 'POST', '/oauth/token', {
          headers: { Authorization: `Basic ${Buffer.from('c:s').toString('base64')}` },
          body: 'grant_type=client_credentials',
          contentType: 'application/x-www-form-urlencoded',
        });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body.access_token as string;
      };
      await issue();
      clock.advance(3_600_000);
      const second = await issue();
      assert.deepEqual([...sim.state.tokens.keys()], [second]);
    } finally {
      await sim.close();
    }
  });
});
