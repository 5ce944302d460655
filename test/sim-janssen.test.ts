import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import fc from 'fast-check';
import { janssenDefects, type JanssenDefect } from '../src/sim/janssen/defects.js';
import { parseDefects, targets } from '../src/targets/index.js';
import { JANSSEN_SEED } from '../src/sim/janssen/seed.js';
import { RunningJanssenSimulator } from '../src/targets/janssen/simulator.js';
import {
  ALL_SCOPES,
  BULK,
  EXTENSION,
  GROUP,
  isScimError,
  jansToken,
  JANS_CLIENT,
  basic,
  patchBody,
  PATCH_OP,
  PREFIX,
  scim,
  SCIM,
  SEARCH,
  startJanssen,
  tokenAnswer,
  TOKEN_PATH,
  USER,
  useJanssen,
  userBody,
} from './support/janssen.js';
import { call, send, type Answer } from './support/sim.js';

const FIDO2 = 'urn:ietf:params:scim:schemas:core:2.0:Fido2Device';
const SEED = JANSSEN_SEED;
const shown = (answer: Answer, what = '') =>
  `${what} ${answer.status} ${answer.contentType} ${JSON.stringify(answer.body)?.slice(0, 300)}`;

/** Everything but the tokens (a refused request may still drop an expired one). */
function snapshot(sim: RunningJanssenSimulator): string {
  const { users, groups, fido2Devices, fidoDevices } = sim.state;
  return JSON.stringify([users, groups, fido2Devices, fidoDevices].map((map) => [...map]));
}

function assertError(answer: Answer, status: number, scimType?: string, what = ''): void {
  assert.equal(answer.status, status, shown(answer, what));
  assert.match(answer.contentType, /^application\/scim\+json/, shown(answer, what));
  assert.ok(isScimError(answer.body), shown(answer, what));
  assert.equal(answer.body.status, String(status), shown(answer, what));
  if (scimType !== undefined) assert.equal(answer.body.scimType, scimType, shown(answer, what));
}

async function createUser(sim: RunningJanssenSimulator, token: string, userName: string, extra = {}) {
  const answer = await scim(sim, 'POST', '/Users', { token, body: userBody(userName, extra) });
  assert.equal(answer.status, 201, shown(answer, 'create user'));
  return answer.body as { id: string; [key: string]: unknown };
}

describe('Janssen Server simulator', () => {
  describe('token endpoint', () => {
    const sim = useJanssen();

    it('grants only the SCIM scopes asked for, dropping unknown ones, as a short-lived Bearer token', async () => {
      const answer = await tokenAnswer(
        sim.current,
        `${PREFIX}users.read openid ${PREFIX}bulk ${PREFIX}users.read https://jans.io/scim/bogus ${PREFIX}fido.read`,
      );
      assert.equal(answer.status, 200);
      assert.match(answer.contentType, /^application\/json/);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Object.keys(answer.body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
      assert.equal(answer.body.token_type, 'Bearer');
      assert.equal(answer.body.expires_in, 300);
      assert.equal(answer.body.scope, `${PREFIX}users.read ${PREFIX}bulk`, 'fido.* is gone with the U2F endpoint');
      const none = await tokenAnswer(sim.current, '');
      assert.deepEqual([none.status, none.body.scope], [200, '']);
    });

    it('refuses a bad client (401 invalid_client), a missing or other grant, and any method but POST', async () => {
      const wrong = await tokenAnswer(sim.current, `${PREFIX}users.read`, basic({ ...JANS_CLIENT, secret: 'nope' }));
      assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client']);
      const unknown = await tokenAnswer(sim.current, '', basic({ clientId: 'someone', secret: 'x' }));
      assert.deepEqual([unknown.status, unknown.body.error], [401, 'invalid_client']);
      const form = 'application/x-www-form-urlencoded';
      const post = (body: string, headers = { Authorization: basic() }) =>
        call(sim.current, 'POST', TOKEN_PATH, { headers, body, contentType: form });
      assert.deepEqual((await post('grant_type=client_credentials', {} as never)).body.error, 'invalid_client');
      const missing = await post('scope=x');
      assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
      assert.equal((await post('grant_type=password&username=a&password=b')).body.error, 'unauthorized_client');
      assert.equal((await post('grant_type=magic')).body.error, 'unsupported_grant_type');
      const repeated = await post('grant_type=client_credentials&grant_type=client_credentials');
      assert.deepEqual([repeated.status, repeated.body.error], [400, 'invalid_request']);
      const get = await call(sim.current, 'GET', TOKEN_PATH, { headers: { Authorization: basic() } });
      assert.deepEqual([get.status, get.body.error, get.headers.get('allow')], [405, 'invalid_request', 'POST']);
    });

    it('issues tokens for tokenTtlSeconds; an expired token is refused with 403, as the code does', async () => {
      const custom = await startJanssen({ tokenTtlSeconds: 60 });
      try {
        assert.equal((await tokenAnswer(custom, `${PREFIX}users.read`)).body.expires_in, 60);
      } finally {
        await custom.close();
      }
      const token = await jansToken(sim.current, ['users.read']);
      assert.equal((await scim(sim.current, 'GET', '/Users', { token })).status, 200);
      sim.current.state.tokens.get(token)!.expiresAt = Date.now() - 1;
      const expired = await scim(sim.current, 'GET', '/Users', { token });
      assert.deepEqual([expired.status, expired.body], [403, 'Invalid token or insufficient scopes']);
    });
  });

  describe('OAuth protection: every endpoint needs exactly its scope', () => {
    const sim = useJanssen({ fidoDevices: true, seedDevices: true });

    it('answers with the right scope, 403 with any other, 401 without a token (bare strings, no WWW-Authenticate)', async function () {
      this.timeout(10_000);
      const admin = await jansToken(sim.current);
      const victim = await createUser(sim.current, admin, 'victim');
      const group = (
        await scim(sim.current, 'POST', '/Groups', { token: admin, body: { schemas: [GROUP], displayName: 'Victims' } })
      ).body;
      const search = { schemas: [SEARCH], count: 5 };
      const endpoints: [string, string, string, unknown, number][] = [
        ['GET', '/Users', 'users.read', undefined, 200],
        ['POST', '/Users', 'users.write', userBody('scoped'), 201],
        ['GET', `/Users/${victim.id}`, 'users.read', undefined, 200],
        ['PUT', `/Users/${victim.id}`, 'users.write', { displayName: 'Put' }, 200],
        ['PATCH', `/Users/${victim.id}`, 'users.write', patchBody({ op: 'replace', path: 'title', value: 'x' }), 200],
        ['POST', '/Users/.search', 'users.read', search, 200],
        ['GET', '/Groups', 'groups.read', undefined, 200],
        ['POST', '/Groups', 'groups.write', { schemas: [GROUP], displayName: 'Scoped' }, 201],
        ['GET', `/Groups/${group.id}`, 'groups.read', undefined, 200],
        ['PUT', `/Groups/${group.id}`, 'groups.write', { displayName: 'Victims 2' }, 200],
        [
          'PATCH',
          `/Groups/${group.id}`,
          'groups.write',
          patchBody({ op: 'replace', path: 'displayName', value: 'V' }),
          200,
        ],
        ['POST', '/Groups/.search', 'groups.read', search, 200],
        ['GET', '/Fido2Devices', 'fido2.read', undefined, 200],
        ['GET', `/Fido2Devices/${SEED.fido2Device.id}`, 'fido2.read', undefined, 200],
        ['PUT', `/Fido2Devices/${SEED.fido2Device.id}`, 'fido2.write', { displayName: 'scimkit-key' }, 200],
        ['POST', '/Fido2Devices/.search', 'fido2.read', search, 200],
        ['GET', '/FidoDevices', 'fido.read', undefined, 200],
        ['GET', `/FidoDevices/${SEED.fidoDevice.id}`, 'fido.read', undefined, 200],
        ['PUT', `/FidoDevices/${SEED.fidoDevice.id}`, 'fido.write', { nickname: 'k' }, 200],
        ['POST', '/FidoDevices/.search', 'fido.read', search, 200],
        ['POST', '/.search', 'all-resources.search', search, 200],
        ['POST', '/Bulk', 'bulk', { schemas: [BULK], Operations: [{ method: 'DELETE', path: '/Groups/none' }] }, 200],
        ['DELETE', `/Fido2Devices/${SEED.fido2Device.id}`, 'fido2.write', undefined, 204],
        ['DELETE', `/FidoDevices/${SEED.fidoDevice.id}`, 'fido.write', undefined, 204],
        ['DELETE', `/Groups/${group.id}`, 'groups.write', undefined, 204],
        ['DELETE', `/Users/${victim.id}`, 'users.write', undefined, 204],
      ];
      for (const [method, path, scope, body, status] of endpoints) {
        const what = `${method} ${path}`;
        const anonymous = await scim(sim.current, method, path, { body });
        assert.deepEqual([anonymous.status, anonymous.body], [401, 'No authorization header found'], what);
        assert.match(anonymous.contentType, /^text\/plain/, what);
        assert.equal(anonymous.headers.get('www-authenticate'), null, what);
        const others = await jansToken(
          sim.current,
          ALL_SCOPES.filter((s) => s !== scope),
        );
        const refused = await scim(sim.current, method, path, { token: others, body });
        assert.deepEqual([refused.status, refused.body], [403, 'Invalid token or insufficient scopes'], what);
        const garbage = await scim(sim.current, method, path, { token: 'not-a-token', body });
        assert.equal(garbage.status, 403, what);
        const only = await jansToken(sim.current, [scope]);
        const answer = await scim(sim.current, method, path, { token: only, body });
        assert.equal(answer.status, status, shown(answer, what));
      }
    });
  });

  describe('BYPASS protection mode', () => {
    const sim = useJanssen({ bypass: true });

    it('serves every endpoint without a token, or with any token', async () => {
      assert.equal((await scim(sim.current, 'GET', '/Users')).status, 200);
      assert.equal((await scim(sim.current, 'POST', '/Users', { body: userBody('open') })).status, 201);
      assert.equal((await scim(sim.current, 'GET', '/Groups', { token: 'whatever' })).status, 200);
      const bulk = {
        schemas: [BULK],
        Operations: [{ method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: 'G' } }],
      };
      assert.equal((await scim(sim.current, 'POST', '/Bulk', { body: bulk })).status, 200);
      assert.equal((await scim(sim.current, 'GET', '/Fido2Devices')).status, 200);
    });
  });

  describe('users', () => {
    const sim = useJanssen();
    let admin: string;
    beforeEach(async () => {
      admin = await jansToken(sim.current);
    });

    it('creates a user: 201, Location, meta, the extension in schemas and as an object; password never shown', async () => {
      const answer = await scim(sim.current, 'POST', '/Users', {
        token: admin,
        body: userBody('ada', {
          schemas: [USER, EXTENSION],
          password: 'Secret-123',
          [EXTENSION]: { department: 'R&D' },
        }),
      });
      assert.equal(answer.status, 201);
      assert.match(answer.contentType, /^application\/scim\+json; charset=utf-8/);
      const { id, meta } = answer.body;
      assert.equal(answer.headers.get('location'), `${sim.current.url}${SCIM}/Users/${id}`);
      assert.equal(meta.location, answer.headers.get('location'));
      assert.equal(meta.resourceType, 'User');
      assert.ok(meta.created && meta.lastModified && meta.version, JSON.stringify(meta));
      assert.deepEqual(answer.body.schemas, [USER, EXTENSION]);
      assert.deepEqual(answer.body[EXTENSION], { department: 'R&D' });
      assert.equal(answer.body.password, undefined);
      const read = await scim(sim.current, 'GET', `/Users/${id}`, { token: admin });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('location'), null, 'GET by id sets no Location (the entity replaces the URI)');
      assert.deepEqual(read.body[EXTENSION], { department: 'R&D' });
      const json = await scim(sim.current, 'GET', `/Users/${id}`, {
        token: admin,
        headers: { Accept: 'application/json' },
      });
      assert.match(json.contentType, /^application\/json/);
    });

    it('takes a configured extension URN, and refuses another', async () => {
      const urn = 'urn:example:params:scim:schemas:extension:acme:2.0:User';
      const custom = await startJanssen({ userExtension: urn });
      try {
        const token = await jansToken(custom);
        const ok = await scim(custom, 'POST', '/Users', {
          token,
          body: userBody('x', { schemas: [USER, urn], [urn]: { a: 'b' } }),
        });
        assert.deepEqual([ok.status, ok.body[urn]], [201, { a: 'b' }]);
        const old = await scim(custom, 'POST', '/Users', { token, body: userBody('y', { [EXTENSION]: { a: 'b' } }) });
        assertError(old, 400, 'invalidSyntax');
        const schema = await scim(custom, 'GET', `/Schemas/${urn}`);
        assert.equal(schema.body.id, urn);
      } finally {
        await custom.close();
      }
    });

    it('refuses a duplicate userName whatever its case: 409 uniqueness "Duplicate UID value: <userName>"', async () => {
      await createUser(sim.current, admin, 'ada');
      const again = await scim(sim.current, 'POST', '/Users', { token: admin, body: userBody('ADA') });
      assertError(again, 409, 'uniqueness');
      assert.equal(again.body.detail, 'Duplicate UID value: ADA');
      const bob = await createUser(sim.current, admin, 'bob');
      const rename = await scim(sim.current, 'PUT', `/Users/${bob.id}`, { token: admin, body: { userName: 'Ada' } });
      assertError(rename, 409, 'uniqueness');
    });

    it('validates bodies: schemas, userName, attribute names and types', async () => {
      const post = (body: unknown) => scim(sim.current, 'POST', '/Users', { token: admin, body });
      assertError(await post({ userName: 'no-schemas' }), 400, 'invalidValue');
      assertError(await post({ schemas: ['urn:x'], userName: 'x' }), 400, 'invalidValue');
      assertError(await post({ schemas: [USER] }), 400, 'invalidValue');
      assertError(await post({ schemas: [USER], userName: '  ' }), 400, 'invalidValue');
      assertError(await post(userBody('x', { nickname: 'typo' })), 400, 'invalidSyntax');
      assertError(await post(userBody('x', { active: 'yes' })), 400, 'invalidSyntax');
      assertError(await post(userBody('x', { emails: 'x@y' })), 400, 'invalidSyntax');
      assertError(await post(userBody('x', { name: { givenName: 'A', nick: 'B' } })), 400, 'invalidSyntax');
      assertError(await post(userBody('x', { [EXTENSION]: 'flat' })), 400, 'invalidSyntax');
      const emails = [
        { value: 'a@x', type: 'anything', primary: true },
        { value: 'b@x', primary: true },
      ];
      const created = await post(userBody('canon', { emails, groups: [{ value: 'ignored' }] }));
      assert.equal(created.status, 201, 'canonical values are not validated; read-only groups are ignored');
      assert.deepEqual(
        created.body.emails.map((e: { primary: boolean }) => e.primary),
        [true, false],
        'one primary',
      );
      assert.equal(created.body.groups, undefined);
    });

    it('PUT keeps attributes left out, refuses a body id that differs from the path, 404s an unknown id', async () => {
      const user = await createUser(sim.current, admin, 'ada', { title: 'Countess' });
      const put = await scim(sim.current, 'PUT', `/Users/${user.id}`, {
        token: admin,
        body: { schemas: [USER], id: user.id, displayName: 'Ada King', name: { givenName: 'Augusta' }, nickName: null },
      });
      assert.equal(put.status, 200);
      assert.deepEqual(
        [put.body.userName, put.body.title, put.body.displayName, put.body.emails.length, put.body.name],
        ['ada', 'Countess', 'Ada King', 1, { givenName: 'Augusta', familyName: 'Lovelace' }],
      );
      assert.notEqual(put.body.meta.version, (user.meta as { version: string }).version);
      const cleared = await scim(sim.current, 'PUT', `/Users/${user.id}`, { token: admin, body: { emails: [] } });
      assert.equal(cleared.body.emails, undefined, 'an empty array clears a multi-valued attribute');
      const mismatch = await scim(sim.current, 'PUT', `/Users/${user.id}`, { token: admin, body: { id: 'other' } });
      assertError(mismatch, 400, 'invalidValue');
      assert.equal(mismatch.body.detail, 'Parameter id does not match with id attribute of User');
      const unknown = await scim(sim.current, 'PUT', '/Users/nobody', { token: admin, body: { displayName: 'x' } });
      assertError(unknown, 404, '');
      assert.equal(unknown.body.detail, 'User with id nobody not found');
    });

    it('PATCH needs exactly the PatchOp schema, applies operations in order (scim-patch), and is atomic', async () => {
      const user = await createUser(sim.current, admin, 'ada');
      const patch = (body: unknown, id = user.id) => scim(sim.current, 'PATCH', `/Users/${id}`, { token: admin, body });
      for (const schemas of [undefined, [], ['urn:x'], [PATCH_OP, 'urn:x']]) {
        const wrong = await patch({ schemas, Operations: [] });
        assertError(wrong, 400, 'invalidSyntax', JSON.stringify(schemas));
        assert.equal(wrong.body.detail, 'Wrong schema(s) supplied in Search Request');
      }
      const applied = await patch(
        patchBody(
          { op: 'replace', path: 'active', value: false },
          { op: 'Add', path: 'emails', value: [{ value: 'second@example.org', type: 'home' }] },
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'work@example.org' },
          { op: 'add', value: { nickName: 'Ada', [EXTENSION]: { department: 'Math' } } },
          { op: 'add', path: `${EXTENSION}:room`, value: '42' },
          { op: 'remove', path: 'name.familyName' },
          { op: 'replace', path: `${USER}:title`, value: 'Countess' },
        ),
      );
      assert.equal(applied.status, 200, shown(applied));
      const body = applied.body;
      assert.deepEqual(
        [
          body.active,
          body.emails.map((e: { value: string }) => e.value),
          body.nickName,
          body[EXTENSION],
          body.name,
          body.title,
        ],
        [
          false,
          ['work@example.org', 'second@example.org'],
          'Ada',
          { department: 'Math', room: '42' },
          { givenName: 'Ada' },
          'Countess',
        ],
      );
      assert.deepEqual(body.schemas, [USER, EXTENSION]);
      const before = JSON.stringify(sim.current.state.users.get(user.id));
      const refused: [unknown, string][] = [
        [{ schemas: [PATCH_OP] }, 'invalidSyntax'],
        [patchBody({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax'],
        [patchBody({ op: 'remove' }), 'noTarget'],
        [patchBody({ op: 'add', path: 'title' }), 'invalidSyntax'],
        [
          patchBody({ op: 'replace', path: 'title', value: 'ok' }, { op: 'replace', path: 'active', value: 'no' }),
          'invalidSyntax',
        ],
        [
          patchBody({ op: 'replace', path: 'title', value: 'ok' }, { op: 'add', path: 'bogus', value: 1 }),
          'invalidSyntax',
        ],
        [patchBody({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
        [patchBody({ op: 'replace', path: 'emails[value eq', value: 'x' }), 'invalidSyntax'],
        [patchBody({ op: 'add', path: '__proto__.polluted', value: 1 }), 'invalidPath'],
        [patchBody({ op: 'add', path: 'constructor.prototype.polluted', value: 1 }), 'invalidPath'],
        [patchBody({ op: 'replace', path: 'userName', value: '' }), 'invalidValue'],
      ];
      for (const [body, scimType] of refused) assertError(await patch(body), 400, scimType, JSON.stringify(body));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(JSON.stringify(sim.current.state.users.get(user.id)), before, 'a refused PATCH changes nothing');
      await createUser(sim.current, admin, 'bob');
      assertError(await patch(patchBody({ op: 'replace', path: 'userName', value: 'BOB' })), 409, 'uniqueness');
      assertError(await patch(patchBody({ op: 'replace', path: 'title', value: 'x' }), 'nobody'), 404);
    });

    it('lists with filter, sortBy/sortOrder, startIndex/count, attributes and excludedAttributes', async () => {
      for (const name of ['carla', 'ada', 'bob', 'adam'])
        await createUser(sim.current, admin, name, { title: `t-${name}` });
      const list = async (query: string) => {
        const answer = await scim(sim.current, 'GET', `/Users?${query}`, { token: admin });
        assert.equal(answer.status, 200, shown(answer, query));
        return answer.body;
      };
      const names = (body: { Resources?: { userName: string }[] }) => (body.Resources ?? []).map((u) => u.userName);
      const f = (filter: string) => `filter=${encodeURIComponent(filter)}`;
      assert.deepEqual(names(await list(`${f('userName eq "ADA"')}`)), ['ada']);
      assert.deepEqual(names(await list(`${f('userName sw "ad"')}&sortBy=userName`)), ['ada', 'adam']);
      assert.deepEqual(names(await list(`${f('emails[value co "bob@"] or title ew "carla"')}&sortBy=userName`)), [
        'bob',
        'carla',
      ]);
      assert.deepEqual(
        names(
          await list(`${f(`${USER}:userName pr and not (userName eq "bob")`)}&sortBy=userName&sortOrder=descending`),
        ),
        ['carla', 'adam', 'ada'],
      );
      const page = await list('sortBy=userName&startIndex=2&count=2');
      assert.deepEqual(
        [page.totalResults, page.startIndex, page.itemsPerPage, names(page)],
        [4, 2, 2, ['adam', 'bob']],
      );
      assert.deepEqual(Object.keys(page), ['schemas', 'totalResults', 'startIndex', 'itemsPerPage', 'Resources']);
      const totals = await list('count=0');
      assert.deepEqual([totals.totalResults, totals.Resources], [4, undefined], 'count=0: totals only');
      assert.equal((await list('count=-3')).itemsPerPage, 0, 'a negative count is 0');
      assert.equal((await list('startIndex=-5&count=1')).startIndex, 1);
      const [picked] = (await list(`${f('userName eq "ada"')}&attributes=userName,name.givenName`)).Resources;
      assert.deepEqual(Object.keys(picked).sort(), ['id', 'name', 'schemas', 'userName']);
      assert.deepEqual(picked.name, { givenName: 'Ada' });
      const [without] = (await list(`${f('userName eq "ada"')}&excludedAttributes=emails,meta,id`)).Resources;
      assert.deepEqual([without.emails, without.meta, typeof without.id], [undefined, undefined, 'string']);
      const tooMany = await scim(sim.current, 'GET', '/Users?count=201', { token: admin });
      assertError(tooMany, 400, 'tooMany');
      assert.equal(tooMany.body.detail, 'Maximum number of results per page is 200');
      for (const filter of ['userName eq', 'userName xx "a"', '(userName eq "a"', 'userName eq "a" and', '"a"'])
        assertError(
          await scim(sim.current, 'GET', `/Users?${f(filter)}`, { token: admin }),
          400,
          'invalidFilter',
          filter,
        );
      const deep = `${'not ('.repeat(200)}userName eq "a"${')'.repeat(200)}`;
      assertError(await scim(sim.current, 'GET', `/Users?${f(deep)}`, { token: admin }), 400, 'invalidFilter');
      for (const query of ['count=abc', 'startIndex=1.5', 'count=99999999999'])
        assertError(await scim(sim.current, 'GET', `/Users?${query}`, { token: admin }), 404, '', query);
    });

    it('honours the configured maxCount', async () => {
      const small = await startJanssen({ maxCount: 2 });
      try {
        const token = await jansToken(small);
        assertError(await scim(small, 'GET', '/Users?count=3', { token }), 400, 'tooMany');
        for (const name of ['a', 'b', 'c']) await createUser(small, token, name);
        const page = await scim(small, 'GET', '/Users', { token });
        assert.deepEqual([page.body.totalResults, page.body.itemsPerPage], [3, 2], 'count defaults to maxCount');
        assert.equal((await scim(small, 'GET', '/ServiceProviderConfig')).body.filter.maxResults, 2);
      } finally {
        await small.close();
      }
    });

    it('POST /Users/.search needs exactly the SearchRequest schema and sets Location to the search URL', async () => {
      await createUser(sim.current, admin, 'ada');
      const search = (body: unknown) => scim(sim.current, 'POST', '/Users/.search', { token: admin, body });
      const found = await search({
        schemas: [SEARCH],
        filter: 'userName eq "ada"',
        attributes: ['userName'],
        count: 5,
      });
      assert.equal(found.status, 200);
      assert.equal(found.headers.get('location'), `${sim.current.url}${SCIM}/Users/.search`);
      assert.deepEqual(
        found.body.Resources.map((u: { userName: string }) => u.userName),
        ['ada'],
      );
      for (const schemas of [undefined, [SEARCH, SEARCH], [PATCH_OP]]) {
        const wrong = await search({ schemas, filter: 'userName pr' });
        assertError(wrong, 400, 'invalidSyntax');
        assert.equal(wrong.body.detail, 'Wrong schema(s) supplied in Search Request');
      }
      assertError(await search({ schemas: [SEARCH], count: 500 }), 400, 'tooMany');
      assertError(await search({ schemas: [SEARCH], filter: 'userName eq' }), 400, 'invalidFilter');
      assertError(await search({ schemas: [SEARCH], count: 'many' }), 400, 'invalidSyntax');
      assertError(await search({ schemas: [SEARCH], bogus: 1 }), 400, 'invalidSyntax');
    });

    it('DELETE: 204, then 404 in the Error format; the user leaves its groups and its devices go', async () => {
      const seeded = await startJanssen({ seedDevices: true });
      try {
        const token = await jansToken(seeded);
        const owner = SEED.user.id;
        const group = await scim(seeded, 'POST', '/Groups', {
          token,
          body: { schemas: [GROUP], displayName: 'Owners', members: [{ value: owner }] },
        });
        const read = await scim(seeded, 'GET', `/Users/${owner}`, { token });
        assert.deepEqual(read.body.groups, [
          {
            value: group.body.id,
            $ref: `${seeded.url}${SCIM}/Groups/${group.body.id}`,
            display: 'Owners',
            type: 'direct',
          },
        ]);
        assert.equal((await scim(seeded, 'DELETE', `/Users/${owner}`, { token })).status, 204);
        assertError(await scim(seeded, 'GET', `/Users/${owner}`, { token }), 404, '');
        assertError(await scim(seeded, 'DELETE', `/Users/${owner}`, { token }), 404, '');
        assert.equal((await scim(seeded, 'GET', `/Groups/${group.body.id}`, { token })).body.members, undefined);
        assert.equal(seeded.state.fido2Devices.size, 0);
      } finally {
        await seeded.close();
      }
    });
  });

  describe('groups', () => {
    const sim = useJanssen();

    it('creates groups of users, refuses a duplicate displayName (409 uniqueness) and unknown members', async () => {
      const admin = await jansToken(sim.current);
      const ada = await createUser(sim.current, admin, 'ada');
      const post = (body: unknown) => scim(sim.current, 'POST', '/Groups', { token: admin, body });
      const created = await post({
        schemas: [GROUP],
        displayName: 'Admins',
        externalId: 'x',
        members: [{ value: ada.id }, { value: ada.id }],
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('location'), `${sim.current.url}${SCIM}/Groups/${created.body.id}`);
      assert.equal(created.body.externalId, undefined, 'no place to store it in LDAP');
      assert.deepEqual(created.body.members, [
        { value: ada.id, type: 'User', display: 'ada display', $ref: `${sim.current.url}${SCIM}/Users/${ada.id}` },
      ]);
      const duplicate = await post({ schemas: [GROUP], displayName: 'ADMINS' });
      assertError(duplicate, 409, 'uniqueness');
      assert.equal(duplicate.body.detail, 'Duplicate group displayName value: ADMINS');
      assertError(
        await post({ schemas: [GROUP], displayName: 'X', members: [{ value: 'nobody' }] }),
        400,
        'invalidValue',
      );
      assertError(await post({ schemas: [GROUP] }), 400, 'invalidValue');
      const path = `/Groups/${created.body.id}`;
      const removed = await scim(sim.current, 'PATCH', path, {
        token: admin,
        body: patchBody({ op: 'remove', path: `members[value eq "${ada.id}"]` }),
      });
      assert.deepEqual([removed.status, removed.body.members], [200, undefined]);
      const put = await scim(sim.current, 'PUT', path, { token: admin, body: { members: [{ value: ada.id }] } });
      assert.deepEqual([put.status, put.body.displayName, put.body.members.length], [200, 'Admins', 1]);
      const filtered = await scim(sim.current, 'GET', `/Groups?filter=${encodeURIComponent('displayName co "dmin"')}`, {
        token: admin,
      });
      assert.equal(filtered.body.totalResults, 1);
      assertError(await scim(sim.current, 'GET', '/Groups/nobody', { token: admin }), 404, '');
      assert.equal(
        (await scim(sim.current, 'GET', '/Groups/nobody', { token: admin })).body.detail,
        'Group with id nobody not found',
      );
    });
  });

  describe('Fido2 devices', () => {
    const sim = useJanssen({ seedDevices: true });

    it('lists, reads, updates and deletes the seeded device; no POST or PATCH; userId narrows and must exist', async () => {
      const token = await jansToken(sim.current);
      const list = await scim(sim.current, 'GET', '/Fido2Devices', { token });
      assert.equal(list.body.totalResults, 1);
      const [device] = list.body.Resources;
      assert.deepEqual(
        [device.id, device.userId, device.displayName, device.schemas, device.meta.resourceType],
        [SEED.fido2Device.id, SEED.user.id, SEED.fido2Device.displayName, [FIDO2], 'Fido2Device'],
      );
      assert.ok(device.displayName.startsWith('scimkit'), 'named with the default test prefix');
      assert.equal(
        (await scim(sim.current, 'GET', `/Fido2Devices?userId=${SEED.user.id}`, { token })).body.totalResults,
        1,
      );
      const other = await createUser(sim.current, token, 'keyless');
      assert.equal(
        (await scim(sim.current, 'GET', `/Fido2Devices?userId=${other.id}`, { token })).body.totalResults,
        0,
      );
      const unknownUser = await scim(sim.current, 'GET', '/Fido2Devices?userId=nobody', { token });
      assertError(unknownUser, 404, '');
      assert.equal(unknownUser.body.detail, 'User with id nobody not found');
      const path = `/Fido2Devices/${device.id}`;
      assert.equal((await scim(sim.current, 'GET', `${path}?userId=${SEED.user.id}`, { token })).status, 200);
      assertError(await scim(sim.current, 'GET', `${path}?userId=${other.id}`, { token }), 404, '');
      const search = await scim(sim.current, 'POST', `/Fido2Devices/.search?userId=${SEED.user.id}`, {
        token,
        body: { schemas: [SEARCH], filter: 'displayName sw "scimkit"' },
      });
      assert.equal(search.body.totalResults, 1);
      const put = await scim(sim.current, 'PUT', path, {
        token,
        body: {
          schemas: [FIDO2],
          id: device.id,
          displayName: 'scimkit-renamed',
          counter: 99,
          userId: SEED.user.id,
          deviceData: { name: 'Key 2' },
        },
      });
      assert.equal(put.status, 200, shown(put));
      assert.deepEqual(
        [
          put.body.displayName,
          put.body.counter,
          put.body.userId,
          put.body.deviceData.name,
          put.body.deviceData.platform,
        ],
        ['scimkit-renamed', 7, SEED.user.id, 'Key 2', 'usb'],
      );
      assertError(await scim(sim.current, 'PUT', path, { token, body: { id: 'other' } }), 400, 'invalidValue');
      assertError(await scim(sim.current, 'PUT', path, { token, body: { userId: other.id } }), 404, '');
      assertError(await scim(sim.current, 'PUT', path, { token, body: { bogus: 1 } }), 400, 'invalidSyntax');
      const post = await scim(sim.current, 'POST', '/Fido2Devices', { token, body: { schemas: [FIDO2] } });
      assertError(post, 405, '');
      assert.equal(post.headers.get('allow'), 'GET');
      assertError(await scim(sim.current, 'PATCH', path, { token, body: patchBody() }), 405, '');
      assert.equal((await scim(sim.current, 'DELETE', path, { token })).status, 204);
      assertError(await scim(sim.current, 'GET', path, { token }), 404, '');
    });

    it('has no device unless seedDevices', async () => {
      const bare = await startJanssen();
      try {
        const list = await scim(bare, 'GET', '/Fido2Devices', { token: await jansToken(bare) });
        assert.deepEqual([list.status, list.body.totalResults], [200, 0]);
      } finally {
        await bare.close();
      }
    });
  });

  describe('U2F FidoDevices', () => {
    it('are gone by default (404, no resource type, no fido scopes), and served with fidoDevices', async () => {
      const current = await startJanssen({ seedDevices: true });
      const older = await startJanssen({ seedDevices: true, fidoDevices: true });
      try {
        const token = await jansToken(current);
        assertError(await scim(current, 'GET', '/FidoDevices', { token }), 404, '');
        assertError(await scim(current, 'GET', `/FidoDevices/${SEED.fidoDevice.id}`), 404, '');
        assertError(await scim(current, 'GET', '/ResourceTypes/FidoDevice'), 404, '');
        assert.equal((await scim(current, 'GET', '/ResourceTypes')).body.totalResults, 3);
        assert.equal(current.state.fidoDevices.size, 0);

        const fido = await jansToken(older, ['fido.read', 'fido.write']);
        const list = await scim(older, 'GET', '/FidoDevices', { token: fido });
        assert.deepEqual([list.status, list.body.Resources[0].id], [200, SEED.fidoDevice.id]);
        assert.equal(list.body.Resources[0].schemas[0], 'urn:ietf:params:scim:schemas:core:2.0:FidoDevice');
        assert.equal(
          (await scim(older, 'GET', '/FidoDevices', { token: await jansToken(older, ['fido2.read']) })).status,
          403,
        );
        assert.equal((await scim(older, 'GET', '/ResourceTypes/FidoDevice')).body.endpoint, '/FidoDevices');
        assert.equal((await scim(older, 'GET', '/ResourceTypes')).body.totalResults, 4);
        assert.equal((await scim(older, 'DELETE', `/FidoDevices/${SEED.fidoDevice.id}`, { token: fido })).status, 204);
      } finally {
        await current.close();
        await older.close();
      }
    });
  });

  describe('discovery', () => {
    const sim = useJanssen();

    it('serves ServiceProviderConfig, ResourceTypes and Schemas anonymously; a filter is refused with 403', async () => {
      const config = await scim(sim.current, 'GET', '/ServiceProviderConfig');
      assert.equal(config.status, 200);
      assert.deepEqual(
        [
          config.body.patch.supported,
          config.body.bulk.supported,
          config.body.filter.maxResults,
          config.body.etag.supported,
        ],
        [true, true, 200, false],
      );
      assert.equal(config.body.authenticationSchemes[0].type, 'oauth2');
      const refused = await scim(
        sim.current,
        'GET',
        `/ServiceProviderConfig?filter=${encodeURIComponent('patch.supported eq true')}`,
      );
      assertError(refused, 403, 'invalidValue');
      assert.equal(refused.body.detail, 'No filter allowed here');
      assertError(await scim(sim.current, 'GET', '/Schemas?filter=x'), 403, 'invalidValue');
      const types = await scim(sim.current, 'GET', '/ResourceTypes');
      assert.deepEqual(
        types.body.Resources.map((t: { id: string; endpoint: string }) => [t.id, t.endpoint]),
        [
          ['User', '/Users'],
          ['Group', '/Groups'],
          ['Fido2Device', '/Fido2Devices'],
        ],
      );
      const user = await scim(sim.current, 'GET', '/ResourceTypes/User');
      assert.deepEqual(user.body.schemaExtensions, [{ schema: EXTENSION, required: false }]);
      const schemas = await scim(sim.current, 'GET', '/Schemas');
      assert.deepEqual(
        schemas.body.Resources.map((s: { id: string }) => s.id),
        [USER, GROUP, FIDO2, EXTENSION],
      );
      for (const uri of [USER, GROUP, FIDO2, EXTENSION]) {
        const schema = await scim(sim.current, 'GET', `/Schemas/${uri}`);
        assert.deepEqual(
          [schema.status, schema.body.id, schema.body.meta.location],
          [200, uri, `${sim.current.url}${SCIM}/Schemas/${uri}`],
        );
      }
      const userName = (await scim(sim.current, 'GET', `/Schemas/${USER}`)).body.attributes[0];
      assert.deepEqual([userName.name, userName.required, userName.uniqueness], ['userName', true, 'server']);
      assertError(await scim(sim.current, 'GET', '/Schemas/urn:nope'), 404, '');
      assertError(await scim(sim.current, 'POST', '/ServiceProviderConfig', { body: {} }), 405, '');
    });
  });

  describe('Bulk', () => {
    const sim = useJanssen();
    const bulk = (token: string, Operations: unknown[], extra = {}) =>
      scim(sim.current, 'POST', '/Bulk', { token, body: { schemas: [BULK], Operations, ...extra } });

    it('resolves bulkId references in later paths and bodies, answering each operation with status and location', async () => {
      const token = await jansToken(sim.current, ['bulk']);
      const answer = await bulk(token, [
        { method: 'POST', path: '/Users', bulkId: 'ada', data: userBody('bulk-ada') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'team',
          data: { schemas: [GROUP], displayName: 'Team', members: [{ value: 'bulkId:ada' }] },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:ada',
          data: patchBody({ op: 'replace', path: 'title', value: 'Lead' }),
        },
        { method: 'PUT', path: '/Groups/bulkId:team', data: { displayName: 'Team 2' } },
        { method: 'DELETE', path: '/Users/bulkId:nobody' },
      ]);
      assert.equal(answer.status, 200, shown(answer));
      const operations = answer.body.Operations;
      assert.deepEqual(
        operations.map((o: { bulkId?: string; method: string; status: string }) => [o.bulkId, o.method, o.status]),
        [
          ['ada', 'POST', '201'],
          ['team', 'POST', '201'],
          [undefined, 'PATCH', '200'],
          [undefined, 'PUT', '200'],
          [undefined, 'DELETE', '400'],
        ],
      );
      const userId = String(operations[0].location).split('/').pop()!;
      assert.equal(operations[0].location, `${sim.current.url}${SCIM}/Users/${userId}`);
      assert.equal(operations[2].location, operations[0].location);
      assert.ok(isScimError(operations[4].response), JSON.stringify(operations[4]));
      assert.match(operations[4].response.detail, /bulkId 'nobody' not recognized/);
      const group = sim.current.state.groups.get(String(operations[1].location).split('/').pop()!)!;
      assert.deepEqual([group.displayName, group.members], ['Team 2', [{ value: userId, type: 'User' }]]);
      assert.equal(sim.current.state.users.get(userId)!.title, 'Lead');
    });

    it('stops after failOnErrors failures, and refuses a request it cannot run as a whole', async () => {
      const token = await jansToken(sim.current, ['bulk']);
      const failing = { method: 'DELETE', path: '/Users/nobody' };
      const stopped = await bulk(
        token,
        [
          failing,
          failing,
          { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: 'Late' } },
        ],
        { failOnErrors: 2 },
      );
      assert.deepEqual(
        stopped.body.Operations.map((o: { status: string }) => o.status),
        ['404', '404'],
      );
      assert.equal(sim.current.state.groups.size, 0);
      assertError(await bulk(token, []), 400, 'invalidValue');
      assertError(await bulk(token, [{ method: 'POST', path: '/Users', data: userBody('x') }]), 400, 'invalidSyntax');
      assertError(await bulk(token, [{ method: 'GET', path: '/Users' }]), 400, 'invalidSyntax');
      assertError(await bulk(token, [{ method: 'DELETE', path: '/Users' }]), 400, 'invalidSyntax');
      assertError(await bulk(token, [{ method: 'PUT', path: '/Users/x' }]), 400, 'invalidSyntax');
      assertError(await bulk(token, [{ method: 'DELETE', path: '/Elsewhere/x' }]), 400, 'invalidSyntax');
      assertError(await bulk(token, [failing], { failOnErrors: 'two' }), 400, 'invalidSyntax');
      assertError(
        await bulk(
          token,
          Array.from({ length: 31 }, () => failing),
        ),
        413,
        '',
      );
      const duplicate = await bulk(token, [
        { method: 'POST', path: '/Users', bulkId: 'a', data: userBody('same') },
        { method: 'POST', path: '/Users', bulkId: 'b', data: userBody('SAME') },
      ]);
      assert.deepEqual(
        duplicate.body.Operations.map((o: { status: string }) => o.status),
        ['201', '409'],
      );
      assert.equal(duplicate.body.Operations[1].response.scimType, 'uniqueness');
    });
  });

  describe('malformed input: 4xx in the Error format, never a 5xx', () => {
    const sim = useJanssen();

    it('refuses other media types (415), bad or deep JSON and __proto__ (400), large bodies (413), garbled HTTP (400)', async () => {
      const admin = await jansToken(sim.current);
      const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
        send(sim.current, method, `${SCIM}${path}`, {
          body,
          headers: { Authorization: `Bearer ${admin}`, ...headers },
        });
      const json = { 'Content-Type': 'application/scim+json' };
      for (const type of [
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/vnd.x+json',
      ])
        assertError(await raw('POST', '/Users', '{}', { 'Content-Type': type }), 415, '', type);
      assertError(await raw('POST', '/Users', '{}'), 415, '', 'no Content-Type');
      assertError(await raw('POST', '/Users', '{}', { 'Content-Type': 'application/json; charset=latin2' }), 415, '');
      for (const body of ['{', '{"userName":', "{'a':1}", '[1,2', 'null', '"x"'])
        assertError(await raw('POST', '/Users', body, json), 400, undefined, body);
      assertError(await raw('POST', '/Users', '[]', json), 400, 'invalidSyntax');
      assertError(await raw('POST', '/Users', `${'['.repeat(5000)}${']'.repeat(5000)}`, json), 400, 'invalidSyntax');
      assertError(
        await raw('POST', '/Users', `{"schemas":["${USER}"],"userName":"p","__proto__":{"x":1}}`, json),
        400,
        'invalidSyntax',
      );
      assertError(await raw('POST', '/Users', JSON.stringify({ userName: 'x'.repeat(1_100_000) }), json), 413, '');
      assertError(await raw('GET', '/Users/%E0%A4%A'), 400, undefined);
      assertError(await raw('FOO', '/Users', undefined), 400, '');
      assertError(await raw('GET', '/Nothing'), 404, '');
      assertError(await raw('GET', '/Users/.search'), 405, '');
      const options = await raw('OPTIONS', '/Users', undefined);
      assert.deepEqual([options.status, options.headers.get('allow')], [204, 'GET, POST']);
    });
  });

  describe('defects: each observably changes behaviour', () => {
    const behaviours: Record<JanssenDefect, (sim: RunningJanssenSimulator, token: string) => Promise<unknown>> = {
      'scope-not-enforced': async (sim) =>
        (await scim(sim, 'GET', '/Users', { token: await jansToken(sim, ['groups.read']) })).status,
      'bypass-mode': async (sim) => (await scim(sim, 'GET', '/Users')).status,
      'no-token-403': async (sim) => (await scim(sim, 'GET', '/Users')).status,
      'user-create-status-200': async (sim, token) =>
        (await scim(sim, 'POST', '/Users', { token, body: userBody('d') })).status,
      'error-status-as-number': async (sim, token) => (await scim(sim, 'GET', '/Users/nobody', { token })).body.status,
      'duplicate-user-accepted': async (sim, token) => {
        await scim(sim, 'POST', '/Users', { token, body: userBody('twice') });
        return (await scim(sim, 'POST', '/Users', { token, body: userBody('TWICE') })).status;
      },
      'count-over-max-accepted': async (sim, token) =>
        (await scim(sim, 'GET', '/Users?count=100000', { token })).status,
      'patch-any-schema': async (sim, token) => {
        const user = await scim(sim, 'POST', '/Users', { token, body: userBody('p') });
        const body = { schemas: ['urn:anything'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] };
        return (await scim(sim, 'PATCH', `/Users/${user.body.id}`, { token, body })).status;
      },
      'unknown-id-500': async (sim, token) => (await scim(sim, 'GET', '/Users/nobody', { token })).status,
      'discovery-needs-token': async (sim) => (await scim(sim, 'GET', '/ServiceProviderConfig')).status,
      'discovery-filter-served': async (sim) => (await scim(sim, 'GET', '/Schemas?filter=id%20pr')).status,
    };

    it("covers every Janssen defect, lists them by target, and parses both targets' names", () => {
      assert.deepEqual(Object.keys(behaviours).sort(), Object.keys(janssenDefects).sort());
      assert.equal(targets.janssen.defects, janssenDefects);
      assert.ok(Object.hasOwn(targets['ws1-access'].defects, 'plain-errors'));
      assert.deepEqual(parseDefects(['unknown-id-500', 'plain-errors'], '--defect'), [
        'unknown-id-500',
        'plain-errors',
      ]);
      assert.throws(() => parseDefects(['nope'], '--defect'), /--defect: unknown defect "nope"/);
    });

    it('refuses a defect of the other target', async () => {
      await assert.rejects(
        startJanssen({}, ['plain-errors' as JanssenDefect]),
        /defect "plain-errors" is not one of the janssen simulator's/,
      );
    });

    for (const [defect, behaviour] of Object.entries(behaviours)) {
      it(`${defect}: ${janssenDefects[defect as JanssenDefect]}`, async () => {
        const sim = await startJanssen();
        try {
          const token = await jansToken(sim);
          const sound = await behaviour(sim, token);
          sim.defects.add(defect as JanssenDefect); // broken while it runs
          const broken = await behaviour(sim, token);
          assert.notDeepEqual(broken, sound, `${defect} changed nothing: ${JSON.stringify(sound)}`);
          sim.defects.delete(defect as JanssenDefect);
          if (
            defect !== 'duplicate-user-accepted' &&
            defect !== 'user-create-status-200' &&
            defect !== 'patch-any-schema'
          )
            assert.deepEqual(await behaviour(sim, token), sound, 'repaired');
        } finally {
          await sim.close();
        }
      });
    }

    it('answers exactly as documented when broken', async () => {
      const sim = await startJanssen({}, ['no-token-403', 'error-status-as-number', 'unknown-id-500']);
      try {
        const token = await jansToken(sim);
        const anonymous = await scim(sim, 'GET', '/Users');
        assert.deepEqual([anonymous.status, anonymous.body], [403, 'Invalid token or insufficient scopes']);
        const unknown = await scim(sim, 'GET', '/Groups/nobody', { token });
        assert.equal(unknown.status, 500);
        assert.ok(isScimError(unknown.body, true), JSON.stringify(unknown.body));
        assert.equal(unknown.body.status, 500);
      } finally {
        await sim.close();
      }
    });
  });

  describe('a thousand generated malformed requests', () => {
    it('never get a 5xx (but from unknown-id-500) or an answer out of format, and the server stays up and consistent', async function () {
      this.timeout(30_000);
      const sim = await startJanssen({ seedDevices: true, fidoDevices: true });
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const admin = await jansToken(sim);
        const partial = await jansToken(sim, ['users.read', 'groups.read', 'fido2.read']);
        const ada = await createUser(sim, admin, 'seed-ada');
        await scim(sim, 'POST', '/Groups', {
          token: admin,
          body: { schemas: [GROUP], displayName: 'Seeded', members: [{ value: ada.id }] },
        });
        const tokens: Record<string, string | undefined> = { admin, partial, none: undefined, bad: 'not-a-token' };
        await fc.assert(
          fc.asyncProperty(requests(), async (r) => {
            sim.defects.clear();
            for (const defect of r.defects) sim.defects.add(defect);
            const { method, path, headers, body } = resolve(r, sim, tokens);
            const before = snapshot(sim);
            const answer = await send(sim, method, path, { agent, headers, body });
            const what = shown(answer, `${method} ${path} ${JSON.stringify(headers)} ${String(body).slice(0, 200)}`);
            const allowed500 =
              sim.defects.has('unknown-id-500') && (method === 'HEAD' || /not found/.test(String(answer.body?.detail)));
            assert.ok(answer.status < 500 || allowed500, what);
            if (answer.status < 400) return;
            assert.equal(snapshot(sim), before, `a refusal changed the server: ${what}`);
            if (method === 'HEAD') return;
            if (path.startsWith(TOKEN_PATH) && method !== 'FOO') {
              assert.equal(typeof answer.body?.error, 'string', what);
              return;
            }
            if (answer.status === 401 || (answer.status === 403 && typeof answer.body === 'string')) {
              assert.match(answer.contentType, /^text\/plain/, what);
              assert.ok(
                ['No authorization header found', 'Invalid token or insufficient scopes'].includes(answer.body),
                what,
              );
              return;
            }
            assert.match(answer.contentType, /^application\/scim\+json/, what);
            assert.ok(isScimError(answer.body, sim.defects.has('error-status-as-number')), what);
          }),
          { numRuns: 1000 },
        );
        sim.defects.clear();
        const token = await jansToken(sim);
        assert.equal((await scim(sim, 'GET', '/ServiceProviderConfig')).status, 200, 'still up');
        const users = await scim(sim, 'GET', '/Users', { token });
        assert.equal(users.body.totalResults, sim.state.users.size);
        for (const group of sim.state.groups.values()) {
          for (const member of (group.members ?? []) as { value: string }[])
            assert.ok(sim.state.users.has(member.value), JSON.stringify(group));
        }
        for (const device of sim.state.fido2Devices.values()) assert.ok(sim.state.users.has(String(device.userId)));
        for (const user of sim.state.users.values())
          assert.ok(typeof user.userName === 'string' && user.userName.trim());
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      } finally {
        agent.destroy();
        await sim.close();
      }
    });
  });
});

// ----- The generated requests -----

/** What a body is built from: the endpoint's valid body, then a few attributes changed, added or removed. */
type BodyKind = 'none' | 'user' | 'group' | 'patch' | 'search' | 'bulk' | 'device';

interface GeneratedRequest {
  method: string;
  path: string;
  kind: BodyKind;
  /** An index into the resources the path names (picked when sent), or garbage. */
  id: number | string;
  query: [string, string][];
  token: string;
  contentType: string | null;
  body: { raw: string | undefined } | { n: number; edits: [string, unknown][] };
  defects: JanssenDefect[];
}

/** The operations the simulator serves: method, path, the body it reads. */
const OPERATIONS: [string, string, BodyKind][] = [
  ['GET', '/Users', 'none'],
  ['POST', '/Users', 'user'],
  ['GET', '/Users/{id}', 'none'],
  ['PUT', '/Users/{id}', 'user'],
  ['PATCH', '/Users/{id}', 'patch'],
  ['DELETE', '/Users/{id}', 'none'],
  ['POST', '/Users/.search', 'search'],
  ['GET', '/Groups', 'none'],
  ['POST', '/Groups', 'group'],
  ['GET', '/Groups/{id}', 'none'],
  ['PUT', '/Groups/{id}', 'group'],
  ['PATCH', '/Groups/{id}', 'patch'],
  ['DELETE', '/Groups/{id}', 'none'],
  ['POST', '/Groups/.search', 'search'],
  ['GET', '/Fido2Devices', 'none'],
  ['GET', '/Fido2Devices/{id}', 'none'],
  ['PUT', '/Fido2Devices/{id}', 'device'],
  ['DELETE', '/Fido2Devices/{id}', 'none'],
  ['POST', '/Fido2Devices/.search', 'search'],
  ['GET', '/FidoDevices', 'none'],
  ['PUT', '/FidoDevices/{id}', 'device'],
  ['POST', '/.search', 'search'],
  ['POST', '/Bulk', 'bulk'],
  ['GET', '/ServiceProviderConfig', 'none'],
  ['GET', '/ResourceTypes/{id}', 'none'],
  ['GET', '/Schemas/{id}', 'none'],
];
const PATHS = [...new Set(OPERATIONS.map(([, path]) => path)), '/Nothing', TOKEN_PATH];
/** Writes come up most, deletes least, so that what the requests create lives a while. */
const WEIGHTS: Record<string, number> = { GET: 3, DELETE: 1, POST: 6, PUT: 5, PATCH: 6 };

function requests(): fc.Arbitrary<GeneratedRequest> {
  const text = (maxLength: number) => fc.string({ maxLength });
  const served = fc
    .oneof(...OPERATIONS.map((op) => ({ weight: WEIGHTS[op[0]]!, arbitrary: fc.constant(op) })))
    .map(([method, path, kind]) => ({ method, path, kind }));
  const any = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'FOO'),
    path: fc.constantFrom(...PATHS),
    kind: fc.constantFrom<BodyKind>('none', 'user', 'group', 'patch', 'search', 'bulk', 'device'),
  });
  return fc
    .tuple(
      fc.oneof({ weight: 6, arbitrary: served }, { weight: 1, arbitrary: any }),
      fc.record({
        id: fc.oneof(
          { weight: 6, arbitrary: fc.nat() },
          { weight: 1, arbitrary: fc.constantFrom('nobody', '%E0%A4%A', '%2F', '..', 'valueOf', 'a'.repeat(300)) },
          { weight: 1, arbitrary: text(12).map(encodeURIComponent) },
        ),
        query: fc.array(parameter(), { maxLength: 3 }),
        token: fc.constantFrom('admin', 'admin', 'admin', 'admin', 'partial', 'none', 'bad'),
        contentType: fc.oneof(
          { weight: 10, arbitrary: fc.constant('application/scim+json') },
          {
            weight: 1,
            arbitrary: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', ''),
          },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        body: fc.oneof(
          { weight: 5, arbitrary: fc.record({ n: fc.nat({ max: 30 }), edits: fc.array(edit(), { maxLength: 2 }) }) },
          { weight: 1, arbitrary: raw().map((body) => ({ raw: body })) },
        ),
        defects: fc.oneof(
          { weight: 4, arbitrary: fc.constant([] as JanssenDefect[]) },
          { weight: 1, arbitrary: fc.subarray(Object.keys(janssenDefects) as JanssenDefect[], { maxLength: 3 }) },
        ),
      }),
    )
    .map(([endpoint, rest]) => ({ ...endpoint, ...rest }));
}

function parameter(): fc.Arbitrary<[string, string]> {
  const text = (maxLength: number) => fc.string({ maxLength });
  const value = fc.oneof(
    fc.constantFrom('"fuzz-1"', '"a"', 'true', 'null', '42', '"', '""', "'a'"),
    text(8).map((s) => JSON.stringify(s)),
  );
  const attribute = fc.constantFrom(
    'userName',
    'emails.value',
    'emails[type eq "work"]',
    'meta.created',
    'displayName',
    '__proto__',
    `${EXTENSION}:dept`,
    '',
  );
  const filter = fc.oneof(
    fc.tuple(attribute, fc.constantFrom('eq', 'co', 'sw', 'pr', 'gt', 'xx', ''), value).map((p) => p.join(' ')),
    text(20),
    fc.nat({ max: 300 }).map((n) => `${'not ('.repeat(n)}userName pr${')'.repeat(n)}`),
  );
  return fc.oneof(
    fc.tuple(fc.constant('filter'), filter),
    fc.tuple(
      fc.constantFrom('count', 'startIndex'),
      fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.constantFrom('x', '1.5', '99999999999', '')),
    ),
    fc.tuple(
      fc.constantFrom('sortBy', 'attributes', 'excludedAttributes'),
      fc.constantFrom('userName', 'name.givenName', 'emails', '__proto__', 'meta,id', ''),
    ),
    fc.tuple(fc.constantFrom('sortOrder', 'userId'), fc.constantFrom('descending', 'x', SEED.user.id, 'nobody')),
    fc.tuple(text(6), text(6)),
  );
}

/** Anything at all for an attribute, mostly of the kinds the simulator checks. */
function anything(): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
  return fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 1, arbitrary: fc.constantFrom('$user', '$group', 'bulkId:u', 'bulkId:zz') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

function edit(): fc.Arbitrary<[string, unknown]> {
  const value = anything();
  const operation = fc.record(
    {
      op: fc.constantFrom('add', 'replace', 'remove', 'Replace', 'move', ''),
      path: fc.oneof(
        fc.constantFrom(
          'title',
          'userName',
          'active',
          'emails[type eq "work"].value',
          'members',
          'displayName',
          'id',
          `${EXTENSION}:dept`,
          EXTENSION,
          '__proto__.polluted',
          'constructor.prototype.polluted',
          'a[b',
        ),
        value,
      ),
      value,
    },
    { requiredKeys: [] },
  );
  const named = <T>(name: string, arbitrary: fc.Arbitrary<T>) => arbitrary.map((v): [string, unknown] => [name, v]);
  return fc.oneof(
    named('userName', fc.oneof(fc.constantFrom('', 'SEED-ADA', 'fuzz-1', 'FUZZ-2'), value)),
    named('displayName', fc.oneof(fc.constantFrom('Seeded', 'fuzz 1', ''), value)),
    named('emails', fc.oneof(fc.array(fc.record({ value, primary: fc.boolean() }, { requiredKeys: [] })), value)),
    named('members', fc.oneof(fc.array(fc.record({ value, type: fc.constantFrom('User', 'Group') })), value)),
    named('name', value),
    named('active', value),
    named('schemas', fc.oneof(fc.constantFrom([USER], [GROUP], [PATCH_OP], [SEARCH], ['urn:x']), value)),
    named('Operations', fc.oneof(fc.array(operation, { maxLength: 3 }), value)),
    named('filter', fc.oneof(fc.constantFrom('userName pr', 'userName eq', 'displayName co "a"'), value)),
    named('count', value),
    named('failOnErrors', value),
    named(EXTENSION, fc.oneof(fc.dictionary(fc.constantFrom('dept', 'constructor', 'x'), value), value)),
    named('id', value),
    named('counter', value),
    named('deviceData', value),
    named('bogus', value),
    named('__proto__', value),
    named('REMOVE', fc.constantFrom('userName', 'schemas', 'Operations', 'displayName', 'members')),
  );
}

function raw(): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 30 }),
    fc.tuple(fc.json({ maxDepth: 2 }), fc.nat()).map(([json, at]) => json.slice(0, at % (json.length + 1)) + '}'),
    fc.integer({ min: 990, max: 1_200 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.constant(undefined),
  );
}

/** The valid body of each kind; `n` makes names that are new, or sometimes taken. */
function template(kind: BodyKind, n: number): Record<string, unknown> {
  const user = {
    schemas: [USER, EXTENSION],
    userName: `fuzz-${n}`,
    name: { givenName: 'Fuzzy', familyName: `${n}` },
    emails: [{ value: `fuzz-${n}@example.org`, type: 'work', primary: true }],
    [EXTENSION]: { dept: `d${n}` },
  };
  switch (kind) {
    case 'user':
      return user;
    case 'group':
      return { schemas: [GROUP], displayName: `Fuzz group ${n}`, members: [{ value: '$user' }] };
    case 'patch':
      return {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: n % 2 ? 'displayName' : 'title', value: `x${n}` }],
      };
    case 'search':
      return { schemas: [SEARCH], filter: 'userName pr', startIndex: 1, count: 5 };
    case 'device':
      return { displayName: `scimkit-fuzz-${n}` };
    case 'bulk':
      return {
        schemas: [BULK],
        failOnErrors: 2,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u', data: { ...user, userName: `bulk-${n}` } },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g',
            data: { schemas: [GROUP], displayName: `Bulk ${n}`, members: [{ value: 'bulkId:u' }] },
          },
          {
            method: 'PATCH',
            path: '/Users/bulkId:u',
            data: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
          },
        ],
      };
    default:
      return {};
  }
}

function resolve(r: GeneratedRequest, sim: RunningJanssenSimulator, tokens: Record<string, string | undefined>) {
  const { users, groups, fido2Devices, fidoDevices } = sim.state;
  const pick = (ids: string[], n: number) => ids[n % ids.length] ?? 'nobody';
  const existing: Record<string, string[]> = {
    '/Users/{id}': [...users.keys()],
    '/Groups/{id}': [...groups.keys()],
    '/Fido2Devices/{id}': [...fido2Devices.keys()],
    '/FidoDevices/{id}': [...fidoDevices.keys()],
    '/ResourceTypes/{id}': ['User', 'Group', 'Fido2Device', 'FidoDevice'],
    '/Schemas/{id}': [USER, GROUP, FIDO2, EXTENSION],
  };
  const id = typeof r.id === 'string' ? r.id : pick(existing[r.path] ?? [], r.id);
  let path = r.path === TOKEN_PATH ? TOKEN_PATH : `${SCIM}${r.path.replace('{id}', id)}`;
  if (r.query.length)
    path += `?${r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;

  const headers: Record<string, string> = {};
  const token = Object.hasOwn(tokens, r.token) ? tokens[r.token] : undefined;
  if (r.path === TOKEN_PATH) headers.Authorization = basic();
  else if (token) headers.Authorization = `Bearer ${token}`;

  let body: string | undefined;
  if (r.path === TOKEN_PATH)
    body = `grant_type=client_credentials&scope=${encodeURIComponent(`${PREFIX}users.read x`)}`;
  else if ('raw' in r.body) body = r.body.raw;
  else if (r.kind !== 'none') {
    const json = template(r.kind, r.body.n);
    for (const [name, value] of r.body.edits) {
      if (name === 'REMOVE') delete json[value as string];
      else Object.defineProperty(json, name, { value, enumerable: true, writable: true, configurable: true }); // __proto__ too
    }
    body = JSON.stringify(json);
  }
  if (body !== undefined) {
    const ids: Record<string, string> = {
      $user: pick([...users.keys()], body.length),
      $group: pick([...groups.keys()], body.length),
    };
    body = body.replace(/\$(user|group)\b/g, (name) => ids[name]!);
  }
  if (r.contentType !== null && body !== undefined)
    headers['Content-Type'] = r.path === TOKEN_PATH ? 'application/x-www-form-urlencoded' : r.contentType;
  return { method: r.method, path, headers, body };
}
