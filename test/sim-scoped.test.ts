import assert from 'node:assert/strict';
import { RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import {
  authorizationCode,
  authorize,
  FORBIDDEN,
  formFields,
  login,
  LOGIN,
  refresh,
  SCOPED_SETUP,
  scopedTokens,
  tokenRequest,
} from './support/scoped-flow.js';
import {
  ADMIN,
  API,
  call,
  CLIENT,
  createOtherDirectory,
  OTHER,
  provisionedUser,
  send,
  token,
  useSimulator,
  type Answer,
} from './support/sim.js';

const WORKSPACE = 'urn:scim:schemas:extension:workspace:1.0';
const { client: SCIM_CLIENT, serviceAccount: ACCOUNT } = SCOPED_SETUP;

function assertOAuthError(answer: Answer, status: number, error: string, what: string): void {
  const shown = `${what}: ${answer.status} ${JSON.stringify(answer.body)}`;
  assert.equal(answer.status, status, shown);
  assert.match(answer.contentType, /^application\/json\b/, shown);
  assert.deepEqual(Object.keys(answer.body).sort(), ['error', 'error_description'], shown);
  assert.equal(answer.body.error, error, shown);
}

function assertForbidden(answer: Answer, what: string): void {
  assert.equal(answer.status, 403, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  assert.deepEqual(answer.body, FORBIDDEN, what);
}

function assertRevoked(answer: Answer, what: string): void {
  assert.equal(answer.status, 401, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.errors[0].code, 'unauthorized', what);
}

/** The seeded service account's id. */
function accountId(sim: RunningWs1AccessSimulator): string {
  return [...sim.state.users.values()].find((u) => u.userName === ACCOUNT.userName)!.id;
}

function roleId(sim: RunningWs1AccessSimulator): string {
  return [...sim.state.roles.keys()][0]!;
}

describe('Workspace ONE Access simulator: the reduced-scope SCIM token', () => {
  describe('seeding', () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });

    it('seeds the Other directory, the SCIM role, the User Access Token client and the service account as its only member', async () => {
      const admin = await token(sim.current);
      const directories = await call(sim.current, 'GET', `${API}/connectormanagement/directoryconfigs`, {
        token: admin,
      });
      const directory = directories.body.items.find((d: { name: string }) => d.name === SCOPED_SETUP.directory.name);
      assert.equal(directory.type, 'OTHER_DIRECTORY');
      const client = await call(sim.current, 'GET', `${API}/oauth2clients/${SCIM_CLIENT.clientId}`, { token: admin });
      assert.equal(client.status, 200);
      assert.deepEqual(
        [client.body.authGrantTypes, client.body.scope, client.body.redirectUri, client.body.secret],
        ['authorization_code refresh_token', 'admin user profile', SCIM_CLIENT.redirectUri, undefined],
      );
      assert.deepEqual(
        [client.body.accessTokenTTL, client.body.refreshTokenTTL, client.body.refreshTokenIdleTTL],
        [1576800, 30, 5760],
      );
      const users = await call(
        sim.current,
        'GET',
        `${API}/scim/Users?filter=${encodeURIComponent(`userName eq "${ACCOUNT.userName}"`)}`,
        { token: admin },
      );
      const [account] = users.body.Resources;
      assert.deepEqual(account[WORKSPACE], { domain: 'System Domain', internalUserType: 'LOCAL', userStatus: '1' });
      assert.deepEqual([account.active, account.emails], [true, [{ value: ACCOUNT.email }]]);
      assert.equal(account.meta.location, `${sim.current.url}${API}/scim/Users/${account.id}`, 'made absolute');
      assert.ok(!JSON.stringify(users.body).includes(ACCOUNT.password), 'the password is never served');
      const roles = await call(sim.current, 'GET', `${API}/scim/Roles`, { token: admin });
      assert.equal(roles.body.totalResults, 1);
      assert.deepEqual(roles.body.Resources[0].members, [
        { value: account.id, display: ACCOUNT.userName, type: 'User' },
      ]);
      assert.equal(sim.current.state.roles.get(roleId(sim.current))!.domain, 'okta.example');
    });
  });

  describe('seeding without a client or an account', () => {
    const sim = useSimulator({
      ws1Access: { scoped: { directory: { name: 'Other name', domain: 'System Domain' }, role: { name: 'R' } } },
    });

    it('keeps a directory that already holds the domain, and seeds an empty role', () => {
      const { directories, roles, clients, users } = sim.current.state;
      assert.deepEqual(
        [...directories.values()].map((d) => d.name),
        ['System Directory'],
      );
      assert.deepEqual(
        [...roles.values()].map((r) => [r.displayName, r.domain, r.members]),
        [['R', 'System Domain', []]],
      );
      assert.deepEqual([clients.size, users.size], [1, 0]);
    });
  });

  describe('authorization endpoint and login', () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });

    it('refuses a missing or unknown client, a client without the grant, a missing or mismatched redirect_uri, a response_type other than code and a scope beyond the client', async () => {
      const cases: [Record<string, string | undefined>, string, string][] = [
        [{ client_id: undefined }, 'invalid_request', 'no client_id'],
        [{ client_id: 'nobody' }, 'invalid_request', 'an unknown client'],
        [{ client_id: ADMIN.clientId }, 'unauthorized_client', 'a client-credentials client'],
        [{ redirect_uri: undefined }, 'invalid_request', 'no redirect_uri'],
        [{ redirect_uri: 'https://evil.example/cb' }, 'invalid_request', 'another redirect_uri'],
        [{ redirect_uri: `${SCIM_CLIENT.redirectUri}/more` }, 'invalid_request', 'a longer redirect_uri'],
        [{ redirect_uri: `${SCIM_CLIENT.redirectUri}#x` }, 'invalid_request', 'a fragment'],
        [{ response_type: 'token' }, 'unsupported_response_type', 'the implicit grant'],
        [{ response_type: undefined }, 'invalid_request', 'no response_type'],
        [{ scope: 'admin email' }, 'invalid_scope', 'a scope the client lacks'],
      ];
      for (const [changes, error, what] of cases)
        assertOAuthError(await authorize(sim.current, changes), 400, error, what);
      const repeated = await call(
        sim.current,
        'GET',
        `/SAAS/auth/oauth2/authorize?response_type=code&client_id=SCIMClient&client_id=SCIMClient`,
      );
      assertOAuthError(repeated, 400, 'invalid_request', 'a repeated parameter');
      const post = await call(sim.current, 'POST', '/SAAS/auth/oauth2/authorize');
      assertOAuthError(post, 405, 'invalid_request', 'POST');
      assert.equal(post.headers.get('allow'), 'GET');
      assert.equal(sim.current.state.codes.size, 0);
    });

    it('answers a login form: POST to /SAAS/auth/login with username, password, domain and the request as hidden fields', async () => {
      const page = await authorize(sim.current, { state: 'a"b<c>&d' });
      assert.equal(page.status, 200);
      assert.match(page.contentType, /^text\/html/);
      assert.match(page.body, /<form method="POST" action="\/SAAS\/auth\/login">/);
      assert.match(page.body, /<input type="password" name="password"/);
      assert.deepEqual(formFields(page.body), {
        username: '',
        password: '',
        domain: 'System Domain',
        client_id: SCIM_CLIENT.clientId,
        redirect_uri: SCIM_CLIENT.redirectUri,
        scope: 'admin', // the document says to enter "Admin"
        state: 'a"b<c>&d',
      });
    });

    it('accepts a registered redirect URI with a wildcard', async () => {
      const admin = await token(sim.current);
      await call(sim.current, 'PUT', `${API}/oauth2clients/${SCIM_CLIENT.clientId}`, {
        token: admin,
        contentType: CLIENT,
        body: { redirectUri: 'https://*.example.com/cb/* http://localhost:8089/authcodecatcher' },
      });
      assert.equal((await authorize(sim.current, { redirect_uri: 'https://a.b.example.com/cb/x?y=1' })).status, 200);
      assert.equal(
        (await authorize(sim.current, { redirect_uri: 'http://localhost:8089/authcodecatcher' })).status,
        200,
      );
      assert.equal((await authorize(sim.current, { redirect_uri: 'https://example.org/cb/x' })).status, 400);
    });

    it('logs the service account in: 302 to the redirect_uri with the code and the state', async () => {
      const fields = formFields((await authorize(sim.current)).body);
      const answer = await login(sim.current, { ...fields, username: ACCOUNT.userName, password: ACCOUNT.password });
      assert.equal(answer.status, 302);
      const location = answer.headers.get('location')!;
      assert.match(location, /^https:\/\/oauth\.pstmn\.io\/v1\/callback\?code=[A-Za-z0-9_-]+&state=state-123$/);
      const code = new URL(location).searchParams.get('code')!;
      assert.deepEqual(sim.current.state.codes.get(code), {
        clientId: SCIM_CLIENT.clientId,
        redirectUri: SCIM_CLIENT.redirectUri,
        userId: accountId(sim.current),
        scopes: ['admin'],
        expiresAt: sim.current.state.codes.get(code)!.expiresAt,
      });
      const noState = await login(sim.current, {
        ...fields,
        state: '',
        username: ACCOUNT.userName.toUpperCase(),
        password: ACCOUNT.password,
      });
      assert.match(noState.headers.get('location')!, /\/callback\?code=[A-Za-z0-9_-]+$/);
    });

    it('answers 401 with the same words for a wrong password, an unknown user, an inactive user and a user outside System Domain', async () => {
      const admin = await token(sim.current);
      const fields = formFields((await authorize(sim.current)).body);
      await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: provisionedUser('okta-ada') });
      const inactive = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: { userName: 'sleepy', emails: [{ value: 's@acme.example' }], password: 'sleepy-pass', active: false },
      });
      assert.equal(inactive.status, 201);
      const attempts: [Record<string, string>, string][] = [
        [{ username: ACCOUNT.userName, password: 'wrong' }, 'a wrong password'],
        [{ username: ACCOUNT.userName, password: '' }, 'no password'],
        [{ username: 'nobody', password: ACCOUNT.password }, 'an unknown user'],
        [{ username: 'sleepy', password: 'sleepy-pass' }, 'an inactive user'],
        [{ username: 'okta-ada', password: 'x' }, 'a provisioned user'],
        [{ username: ACCOUNT.userName, password: ACCOUNT.password, domain: 'okta.example' }, 'another domain'],
      ];
      for (const [credentials, what] of attempts) {
        const answer = await login(sim.current, { ...fields, ...credentials });
        assert.equal(answer.status, 401, what);
        assert.match(answer.contentType, /^text\/html/, what);
        assert.match(answer.body, /Invalid username or password\./, what);
        assert.match(answer.body, /<form method="POST" action="\/SAAS\/auth\/login">/, 'the form again');
        assert.equal(answer.headers.get('location'), null, what);
      }
      assert.equal(sim.current.state.codes.size, 0);
    });

    it('re-validates the client and the redirect_uri on login (400, OAuth format)', async () => {
      const fields = formFields((await authorize(sim.current)).body);
      const credentials = { username: ACCOUNT.userName, password: ACCOUNT.password };
      const cases: [Record<string, string>, string][] = [
        [{ client_id: 'nobody' }, 'invalid_request'],
        [{ client_id: ADMIN.clientId }, 'unauthorized_client'],
        [{ redirect_uri: 'https://evil.example/cb' }, 'invalid_request'],
        [{ redirect_uri: '' }, 'invalid_request'],
      ];
      for (const [changes, error] of cases) {
        assertOAuthError(
          await login(sim.current, { ...fields, ...credentials, ...changes }),
          400,
          error,
          JSON.stringify(changes),
        );
      }
      const json = await send(sim.current, 'POST', LOGIN, {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...fields, ...credentials }),
      });
      assertOAuthError(json, 400, 'invalid_request', 'a JSON body is not read');
      assertOAuthError(await call(sim.current, 'GET', LOGIN), 405, 'invalid_request', 'GET on the login');
      assert.equal(sim.current.state.codes.size, 0);
    });
  });

  describe('authorization code and refresh token grants', () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });

    it('runs headless: authorize, log in, exchange the code, use the token, refresh', async () => {
      const code = await authorizationCode(sim.current);
      const exchanged = await tokenRequest(sim.current, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: SCIM_CLIENT.redirectUri,
      });
      assert.equal(exchanged.status, 200);
      assert.equal(exchanged.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Object.keys(exchanged.body), [
        'access_token',
        'token_type',
        'expires_in',
        'refresh_token',
        'scope',
      ]);
      assert.deepEqual(
        [exchanged.body.token_type, exchanged.body.expires_in, exchanged.body.scope],
        ['Bearer', 1576800 * 60, 'admin'],
      );
      const { access_token: access, refresh_token: refreshToken } = exchanged.body;
      assert.equal(sim.current.state.tokens.get(access)!.userId, accountId(sim.current));
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users`, { token: access })).status, 200);
      const hzn = await call(sim.current, 'GET', `${API}/scim/Groups`, { headers: { Authorization: `HZN ${access}` } });
      assert.equal(hzn.status, 200);

      const refreshed = await refresh(sim.current, refreshToken);
      assert.equal(refreshed.status, 200);
      assert.deepEqual(
        [refreshed.body.token_type, refreshed.body.expires_in, refreshed.body.refresh_token, refreshed.body.scope],
        ['Bearer', 1576800 * 60, refreshToken, 'admin'],
      );
      assert.notEqual(refreshed.body.access_token, access);
      assert.equal(sim.current.state.tokens.get(refreshed.body.access_token)!.userId, accountId(sim.current));
      assert.equal(
        (await call(sim.current, 'GET', `${API}/scim/Users`, { token: refreshed.body.access_token })).status,
        200,
      );
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users`, { token: access })).status, 200, 'still valid');
      assertOAuthError(
        await tokenRequest(sim.current, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'user' }),
        400,
        'invalid_scope',
        'a scope beyond the refresh token',
      );
    });

    it('uses a code once, within 5 minutes, by its client, with its redirect_uri', async () => {
      const exchange = (
        code: string,
        redirect = SCIM_CLIENT.redirectUri,
        client?: { clientId: string; secret: string },
      ) => tokenRequest(sim.current, { grant_type: 'authorization_code', code, redirect_uri: redirect }, client);
      const code = await authorizationCode(sim.current);
      assert.equal((await exchange(code)).status, 200);
      assertOAuthError(await exchange(code), 400, 'invalid_grant', 'the same code again');
      assertOAuthError(await exchange('made-up'), 400, 'invalid_grant', 'a made-up code');
      assertOAuthError(
        await tokenRequest(sim.current, { grant_type: 'authorization_code', redirect_uri: SCIM_CLIENT.redirectUri }),
        400,
        'invalid_request',
        'no code',
      );
      assertOAuthError(
        await exchange(await authorizationCode(sim.current), 'https://evil.example/cb'),
        400,
        'invalid_grant',
        'another redirect_uri',
      );
      assertOAuthError(
        await tokenRequest(sim.current, {
          grant_type: 'authorization_code',
          code: await authorizationCode(sim.current),
        }),
        400,
        'invalid_grant',
        'no redirect_uri',
      );

      // Another authorization-code client cannot use SCIMClient's code.
      const admin = await token(sim.current);
      const other = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: {
          clientId: 'other-app',
          scope: 'admin',
          authGrantTypes: 'authorization_code',
          redirectUri: SCIM_CLIENT.redirectUri,
        },
      });
      const otherClient = { clientId: 'other-app', secret: other.body.secret };
      const stolen = await authorizationCode(sim.current);
      assertOAuthError(await exchange(stolen, undefined, otherClient), 400, 'invalid_grant', "another client's code");
      assertOAuthError(await exchange(stolen), 400, 'invalid_grant', 'a code is used up by any attempt');
      // That client has no refresh_token grant: no refresh token.
      const page = await authorize(sim.current, { client_id: 'other-app', scope: undefined });
      const answer = await login(sim.current, {
        ...formFields(page.body),
        username: ACCOUNT.userName,
        password: ACCOUNT.password,
      });
      const own = new URL(answer.headers.get('location')!).searchParams.get('code')!;
      const plain = await exchange(own, undefined, otherClient);
      assert.deepEqual([plain.status, plain.body.refresh_token, plain.body.scope], [200, undefined, 'admin']);
      assertOAuthError(
        await tokenRequest(sim.current, { grant_type: 'authorization_code', code: 'x', redirect_uri: 'y' }, ADMIN),
        400,
        'unauthorized_client',
        'a client without the grant',
      );
      assertOAuthError(
        await tokenRequest(sim.current, { grant_type: 'refresh_token', refresh_token: 'x' }, otherClient),
        400,
        'unauthorized_client',
        'a client without the refresh_token grant',
      );

      // Expiry: 5 minutes on the state's clock.
      let now = Date.now();
      sim.current.state.now = () => now;
      const late = await authorizationCode(sim.current);
      now += 5 * 60_000;
      assertOAuthError(await exchange(late), 400, 'invalid_grant', 'a code 5 minutes old');
      const inTime = await authorizationCode(sim.current);
      now += 5 * 60_000 - 1;
      assert.equal((await exchange(inTime)).status, 200);
    });

    it("refuses a refresh token after refreshTokenTTL, after refreshTokenIdleTTL unused, and another client's", async () => {
      let now = Date.now();
      sim.current.state.now = () => now;
      const admin = await token(sim.current);
      await call(sim.current, 'PUT', `${API}/oauth2clients/${SCIM_CLIENT.clientId}`, {
        token: admin,
        contentType: CLIENT,
        body: { refreshTokenTTL: 30, refreshTokenIdleTTL: 10, accessTokenTTL: 5 },
      });
      const first = await scopedTokens(sim.current);
      assert.equal(first.expires_in, 300);
      // Used every 9 minutes, it lives its 30 minutes.
      for (let minute = 9; minute < 30; minute += 9) {
        now += 9 * 60_000;
        assert.equal((await refresh(sim.current, first.refresh_token)).status, 200, `minute ${minute}`);
      }
      now += 4 * 60_000; // minute 31
      assertOAuthError(await refresh(sim.current, first.refresh_token), 400, 'invalid_grant', 'past refreshTokenTTL');
      // Unused for 10 minutes, it dies.
      const second = await scopedTokens(sim.current);
      now += 10 * 60_000;
      assertOAuthError(await refresh(sim.current, second.refresh_token), 400, 'invalid_grant', 'idle 10 minutes');
      assert.equal(sim.current.state.refreshTokens.size, 0, 'expired refresh tokens are dropped');
      // The access token's own lifetime is on the same clock.
      const third = await scopedTokens(sim.current);
      now += 5 * 60_000;
      assertRevoked(await call(sim.current, 'GET', `${API}/scim/Users`, { token: third.access_token }), 'expired');
      assertOAuthError(await refresh(sim.current, third.refresh_token, ADMIN), 400, 'unauthorized_client', 'admin');
      assertOAuthError(await refresh(sim.current, 'made-up'), 400, 'invalid_grant', 'a made-up refresh token');
      assertOAuthError(
        await tokenRequest(sim.current, { grant_type: 'refresh_token' }),
        400,
        'invalid_request',
        'none',
      );
    });
  });

  describe("the SCIM role's rights", () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });
    let admin: string;
    let scoped: string;
    let elsewhere: string; // a user in another Other directory
    let local: string; // a System Domain user
    beforeEach(async () => {
      admin = await token(sim.current);
      await createOtherDirectory(sim.current, admin, 'elsewhere.example', 'Elsewhere');
      elsewhere = (
        await call(sim.current, 'POST', `${API}/scim/Users`, {
          token: admin,
          body: provisionedUser('else-ada', 'elsewhere.example'),
        })
      ).body.id;
      local = (
        await call(sim.current, 'POST', `${API}/scim/Users`, {
          token: admin,
          body: { userName: 'local-bob', emails: [{ value: 'bob@acme.example' }] },
        })
      ).body.id;
      scoped = (await scopedTokens(sim.current)).access_token;
    });
    const as = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      call(sim.current, method, `${API}${path}`, { token: scoped, body, headers });

    it('reads users and groups, and creates, changes and deletes users of its domain and any group', async () => {
      for (const path of ['/scim/Users', `/scim/Users/${elsewhere}`, `/scim/Users/${local}`, '/scim/Groups']) {
        assert.equal((await as('GET', path)).status, 200, path);
      }
      const search = await as('POST', '/scim/Users/.search', { filter: 'userName eq "else-ada"', count: 5 });
      assert.deepEqual([search.status, search.body.totalResults], [200, 1]);
      assert.equal((await as('POST', '/scim/Groups/.search', { filter: 'displayName co "x"' })).status, 200);

      const created = await as('POST', '/scim/Users', provisionedUser('okta-ada'));
      assert.equal(created.status, 201);
      const path = `/scim/Users/${created.body.id}`;
      assert.equal((await as('PATCH', path, { name: { givenName: 'Augusta' } })).status, 204);
      assert.equal((await as('PATCH', path, { [WORKSPACE]: { domain: 'OKTA.example' } })).status, 204, 'its domain');
      assert.equal((await as('POST', path, { active: false }, { 'X-HTTP-Method-Override': 'PATCH' })).status, 204);
      const group = await as('POST', '/scim/Groups', {
        displayName: 'Okta push',
        [WORKSPACE]: { domain: 'okta.example' },
      });
      assert.equal(group.status, 201);
      const local_group = await as('POST', '/scim/Groups', { displayName: 'A local group' });
      assert.equal(local_group.status, 201, 'groups of any domain: the warning of the document');
      const members = {
        members: [
          { value: created.body.id, type: 'User' },
          { value: elsewhere, type: 'User' },
        ],
      };
      assert.equal((await as('PATCH', `/scim/Groups/${group.body.id}`, members)).status, 204);
      assert.equal((await as('DELETE', `/scim/Groups/${group.body.id}`)).status, 204);
      assert.equal((await as('DELETE', path)).status, 204);
      assert.equal((await as('DELETE', path)).status, 404, 'an unknown user is the route 404');
    });

    it('is refused everything else with 403 in the envelope, before the body is looked at', async () => {
      const okta = (
        await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: provisionedUser('okta-ada') })
      ).body.id;
      const refused: [string, string, unknown?, Record<string, string>?][] = [
        ['GET', '/oauth2clients'],
        ['GET', `/oauth2clients/${SCIM_CLIENT.clientId}`],
        ['POST', '/oauth2clients', { clientId: 'x', scope: 'admin', authGrantTypes: 'client_credentials' }],
        ['PUT', `/oauth2clients/${SCIM_CLIENT.clientId}`, { secret: 'mine-now' }],
        ['DELETE', `/oauth2clients/${ADMIN.clientId}`],
        ['GET', '/connectormanagement/directoryconfigs'],
        [
          'POST',
          '/connectormanagement/directoryconfigs',
          { type: 'OTHER_DIRECTORY', domains: ['x.example'], name: 'X' },
        ],
        ['GET', '/scim/Roles'],
        ['GET', `/scim/Roles/${roleId(sim.current)}`],
        ['PATCH', `/scim/Roles/${roleId(sim.current)}`, { members: [{ value: local, type: 'User' }] }],
        ['POST', '/scim/Users', provisionedUser('else-bob', 'elsewhere.example')],
        ['POST', '/scim/Users', { userName: 'local-carol', emails: [{ value: 'c@acme.example' }] }],
        ['POST', '/scim/Users', { ...provisionedUser('x'), [WORKSPACE]: { domain: 'System Domain' } }],
        ['POST', '/scim/Users', [1, 2]],
        ['PATCH', `/scim/Users/${elsewhere}`, { active: false }],
        ['POST', `/scim/Users/${elsewhere}`, { active: false }, { 'X-HTTP-Method-Override': 'PATCH' }],
        ['DELETE', `/scim/Users/${elsewhere}`],
        ['PATCH', `/scim/Users/${local}`, { password: 'taken-over' }],
        ['PATCH', `/scim/Users/${accountId(sim.current)}`, { active: true }],
        ['DELETE', `/scim/Users/${local}`],
        ['PATCH', `/scim/Users/${okta}`, { [WORKSPACE]: { domain: 'elsewhere.example' } }],
        ['PUT', `/scim/Users/${okta}`, {}],
        ['POST', `/scim/Users/${okta}`, {}],
        ['GET', '/system/health'],
        ['GET', '/SCIM/USERS/../../oauth2clients'],
      ];
      const before = JSON.stringify([...sim.current.state.users.values()]);
      for (const [method, path, body, headers] of refused) {
        assertForbidden(await as(method, path, body, headers), `${method} ${path}`);
      }
      assert.equal(JSON.stringify([...sim.current.state.users.values()]), before, 'nothing changed');
      // Refused before the body is read or validated.
      for (const [path, type] of [
        ['/oauth2clients', 'text/plain'],
        ['/connectormanagement/directoryconfigs', 'application/json'],
      ] as const) {
        const answer = await call(sim.current, 'POST', `${API}${path}`, {
          token: scoped,
          body: '{',
          contentType: type,
        });
        assertForbidden(answer, `${path} with a body it would refuse`);
      }
      assertForbidden(
        await as('POST', '/scim/Users', { ...provisionedUser('y', 'elsewhere.example'), bogus: 1 }),
        'an invalid user in another domain',
      );
      // The admin token keeps every right.
      assert.equal((await call(sim.current, 'GET', `${API}/oauth2clients`, { token: admin })).status, 200);
    });

    it('a user in no role gets 403 everywhere; a token without the admin scope too', async () => {
      const patch = (body: unknown) =>
        call(sim.current, 'PATCH', `${API}/scim/Roles/${roleId(sim.current)}`, { token: admin, body });
      assert.equal(
        (await patch({ members: [{ value: accountId(sim.current), type: 'User', operation: 'delete' }] })).status,
        204,
      );
      for (const [method, path] of [
        ['GET', '/scim/Users'],
        ['GET', '/scim/Groups'],
        ['POST', '/scim/Groups'],
        ['GET', '/oauth2clients'],
      ]) {
        assertForbidden(
          await call(sim.current, method!, `${API}${path}`, {
            token: scoped,
            body: method === 'POST' ? { displayName: 'G' } : undefined,
          }),
          `${method} ${path}`,
        );
      }
      await patch({ members: [{ value: accountId(sim.current), type: 'User' }] });
      assert.equal((await as('GET', '/scim/Users')).status, 200, 'rights follow the role as it is now');

      const page = await authorize(sim.current, { scope: 'user profile' });
      const answer = await login(sim.current, {
        ...formFields(page.body),
        username: ACCOUNT.userName,
        password: ACCOUNT.password,
      });
      const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
      const userOnly = await tokenRequest(sim.current, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: SCIM_CLIENT.redirectUri,
      });
      assert.equal(userOnly.body.scope, 'user profile');
      assertForbidden(
        await call(sim.current, 'GET', `${API}/scim/Users`, { token: userOnly.body.access_token }),
        'no admin scope',
      );
    });

    it('holds through a group (nested too) that the role lists', async () => {
      const id = accountId(sim.current);
      const role = `${API}/scim/Roles/${roleId(sim.current)}`;
      const inner = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'SCIM services', members: [{ value: id, type: 'User' }] },
      });
      const outer = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'Service accounts', members: [{ value: inner.body.id, type: 'Group' }] },
      });
      const patch = (members: unknown) => call(sim.current, 'PATCH', role, { token: admin, body: { members } });
      assert.equal(
        (
          await patch([
            { value: id, type: 'User', operation: 'delete' },
            { value: outer.body.id, type: 'Group' },
          ])
        ).status,
        204,
      );
      assert.equal((await as('GET', '/scim/Users')).status, 200);
      assert.equal((await as('POST', '/scim/Users', provisionedUser('via-group'))).status, 201);
      assertForbidden(await as('GET', '/oauth2clients'), 'still only the SCIM role');
      // Out of the group, out of the role.
      await call(sim.current, 'PATCH', `${API}/scim/Groups/${inner.body.id}`, {
        token: admin,
        body: { members: [{ value: id, type: 'User', operation: 'delete' }] },
      });
      assertForbidden(await as('GET', '/scim/Users'), 'no longer in the group');
      // A group that contains itself through another does not loop.
      await call(sim.current, 'PATCH', `${API}/scim/Groups/${inner.body.id}`, {
        token: admin,
        body: { members: [{ value: outer.body.id, type: 'Group' }] },
      });
      assertForbidden(await as('GET', '/scim/Users'), 'a cycle of groups');
    });

    it("with the 'scoped-role-full-admin' defect, a role member gets every admin right", async () => {
      sim.current.defects.add('scoped-role-full-admin');
      assert.equal((await as('GET', '/oauth2clients')).status, 200);
      const client = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: scoped,
        contentType: CLIENT,
        body: { clientId: 'mine', scope: 'admin', authGrantTypes: 'client_credentials' },
      });
      assert.equal(client.status, 201);
      const directory = await call(sim.current, 'POST', `${API}/connectormanagement/directoryconfigs`, {
        token: scoped,
        contentType: OTHER,
        body: { type: 'OTHER_DIRECTORY', domains: ['mine.example'], name: 'Mine' },
      });
      assert.equal(directory.status, 201);
      assert.equal((await as('POST', '/scim/Users', provisionedUser('else-bob', 'elsewhere.example'))).status, 201);
      sim.current.defects.delete('scoped-role-full-admin');
      assertForbidden(await as('GET', '/oauth2clients'), 'repaired');
    });
  });

  describe('invalidation', () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });
    let admin: string;
    beforeEach(async () => {
      admin = await token(sim.current);
    });
    const usersWith = (access: string) => call(sim.current, 'GET', `${API}/scim/Users`, { token: access });
    const patchAccount = (body: unknown) =>
      call(sim.current, 'PATCH', `${API}/scim/Users/${accountId(sim.current)}`, { token: admin, body });

    it('disabling the service account invalidates its access and refresh tokens; enabled again, it logs in anew', async () => {
      const tokens = await scopedTokens(sim.current);
      assert.equal((await patchAccount({ active: false })).status, 204);
      assertRevoked(await usersWith(tokens.access_token), 'access token');
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 400, 'invalid_grant', 'refresh token');
      assert.equal((await patchAccount({ active: true })).status, 204);
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 400, 'invalid_grant', 'still dead');
      assertRevoked(await usersWith(tokens.access_token), 'still dead');
      assert.equal((await usersWith((await scopedTokens(sim.current)).access_token)).status, 200);
    });

    it('a code issued before the account was disabled is worthless', async () => {
      const code = await authorizationCode(sim.current);
      await patchAccount({ active: false });
      await patchAccount({ active: true });
      assertOAuthError(
        await tokenRequest(sim.current, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: SCIM_CLIENT.redirectUri,
        }),
        400,
        'invalid_grant',
        'code',
      );
    });

    it('resetting the password invalidates the tokens; the new password logs in, the old one does not', async () => {
      const tokens = await scopedTokens(sim.current);
      assert.equal((await patchAccount({ password: 'the-new-Passw0rd' })).status, 204);
      assertRevoked(await usersWith(tokens.access_token), 'access token');
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 400, 'invalid_grant', 'refresh token');
      const fields = formFields((await authorize(sim.current)).body);
      const old = await login(sim.current, { ...fields, username: ACCOUNT.userName, password: ACCOUNT.password });
      assert.equal(old.status, 401);
      const fresh = await scopedTokens(sim.current, { userName: ACCOUNT.userName, password: 'the-new-Passw0rd' });
      assert.equal((await usersWith(fresh.access_token)).status, 200);
      // Other changes leave the tokens alone.
      assert.equal((await patchAccount({ name: { givenName: 'SCIM' } })).status, 204);
      assert.equal((await usersWith(fresh.access_token)).status, 200);
    });

    it("changing the client's secret invalidates the tokens issued through it; the admin token stays", async () => {
      const tokens = await scopedTokens(sim.current);
      const put = (body: unknown) =>
        call(sim.current, 'PUT', `${API}/oauth2clients/${SCIM_CLIENT.clientId}`, {
          token: admin,
          contentType: CLIENT,
          body,
        });
      assert.equal((await put({ accessTokenTTL: 60 })).status, 201, 'no new secret');
      assert.equal((await put({ secret: SCIM_CLIENT.secret })).status, 201, 'the same secret');
      assert.equal((await usersWith(tokens.access_token)).status, 200, 'the same secret changes nothing');
      assert.equal((await put({ secret: 'a-brand-new-secret-0123456789' })).status, 201);
      assertRevoked(await usersWith(tokens.access_token), 'access token');
      const renewed = { clientId: SCIM_CLIENT.clientId, secret: 'a-brand-new-secret-0123456789' };
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 401, 'invalid_client', 'the old secret');
      assertOAuthError(
        await refresh(sim.current, tokens.refresh_token, renewed),
        400,
        'invalid_grant',
        'refresh token',
      );
      assert.equal((await usersWith(admin)).status, 200);
    });

    it('deleting the client deletes its tokens; re-created with the same secret, the old refresh token is still dead', async () => {
      const tokens = await scopedTokens(sim.current);
      assert.equal(
        (await call(sim.current, 'DELETE', `${API}/oauth2clients/${SCIM_CLIENT.clientId}`, { token: admin })).status,
        204,
      );
      assertRevoked(await usersWith(tokens.access_token), 'access token');
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 401, 'invalid_client', 'no such client');
      const { clientId, secret, redirectUri } = SCIM_CLIENT;
      const again = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: {
          clientId,
          secret,
          redirectUri,
          scope: 'admin user profile',
          authGrantTypes: 'authorization_code refresh_token',
        },
      });
      assert.equal(again.status, 201);
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 400, 'invalid_grant', 'refresh token');
      assertRevoked(await usersWith(tokens.access_token), 'access token');
    });

    it('deleting the service account invalidates its tokens and takes it out of the role', async () => {
      const tokens = await scopedTokens(sim.current);
      const id = accountId(sim.current);
      assert.equal((await call(sim.current, 'DELETE', `${API}/scim/Users/${id}`, { token: admin })).status, 204);
      assertRevoked(await usersWith(tokens.access_token), 'access token');
      assertOAuthError(await refresh(sim.current, tokens.refresh_token), 400, 'invalid_grant', 'refresh token');
      assert.deepEqual(sim.current.state.roles.get(roleId(sim.current))!.members, []);
      assert.equal(sim.current.state.passwords.has(id), false);
    });
  });

  describe('SCIM Roles', () => {
    const sim = useSimulator({ ws1Access: { scoped: SCOPED_SETUP } });

    it('lists, filters, reads, and adds and removes members with PATCH', async () => {
      const admin = await token(sim.current);
      const id = roleId(sim.current);
      const list = async (filter: string) =>
        (await call(sim.current, 'GET', `${API}/scim/Roles?filter=${encodeURIComponent(filter)}`, { token: admin }))
          .body;
      const found = await list('displayName eq "scim service role"');
      assert.deepEqual([found.totalResults, found.itemsPerPage, found.startIndex], [1, 1, 1]);
      assert.equal(found.Resources[0].id, id);
      assert.equal((await list('displayName eq "Super Admin"')).totalResults, 0);
      assert.equal(
        (await call(sim.current, 'GET', `${API}/scim/Roles?filter=displayName%20pr`, { token: admin })).status,
        400,
      );

      const read = await call(sim.current, 'GET', `${API}/scim/Roles/${id}`, { token: admin });
      assert.equal(read.status, 200);
      assert.match(read.contentType, /^application\/json/);
      assert.deepEqual(Object.keys(read.body), ['schemas', 'id', 'displayName', 'members', 'meta']);
      assert.deepEqual(read.body.schemas, ['urn:scim:schemas:core:1.0']);
      assert.equal(read.body.meta.location, `${sim.current.url}${API}/scim/Roles/${id}`);

      const user = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: { userName: 'helper', emails: [{ value: 'h@acme.example' }] },
      });
      const group = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'Helpers' },
      });
      const patch = (body: unknown, role = id) =>
        call(sim.current, 'PATCH', `${API}/scim/Roles/${role}`, { token: admin, body });
      const schemas = ['urn:scim:schemas:core:1.0'];
      const added = await patch({
        schemas,
        members: [
          { value: user.body.id, type: 'User' },
          { value: group.body.id, type: 'Group' },
        ],
      });
      assert.equal(added.status, 204);
      const members = async () =>
        (await call(sim.current, 'GET', `${API}/scim/Roles/${id}`, { token: admin })).body.members;
      assert.deepEqual(await members(), [
        { value: accountId(sim.current), display: ACCOUNT.userName, type: 'User' },
        { value: user.body.id, display: 'helper', type: 'User' },
        { value: group.body.id, display: 'Helpers', type: 'Group' },
      ]);
      assert.equal(
        (await patch({ schemas, members: [{ value: user.body.id, type: 'User' }] })).status,
        204,
        'again: no duplicate',
      );
      assert.equal((await members()).length, 3);
      assert.equal(
        (await patch({ schemas, members: [{ value: user.body.id, type: 'User', operation: 'delete' }] })).status,
        204,
      );
      assert.deepEqual(
        (await members()).map((m: { value: string }) => m.value),
        [accountId(sim.current), group.body.id],
      );

      const refused: [unknown, number, string][] = [
        [{ members: [{ value: 'nobody', type: 'User' }] }, 404, 'an unknown member'],
        [{ members: [{ value: user.body.id, type: 'Group' }] }, 404, 'a user as a group'],
        [{ members: [{ value: user.body.id, type: 'Robot' }] }, 400, 'an unknown type'],
        [{ members: [{ value: user.body.id, type: 'User', operation: 'remove' }] }, 400, 'an unknown operation'],
        [{ members: [{ value: user.body.id, type: 'User' }, 'x'] }, 400, 'a member that is not an object'],
        [{ members: 'x' }, 400, 'members not a list'],
        [{ displayName: 'Renamed' }, 400, 'an attribute other than members'],
        [[1], 400, 'not an object'],
      ];
      for (const [body, status, what] of refused) {
        const answer = await patch(body);
        assert.equal(answer.status, status, what);
        assert.ok(Array.isArray(answer.body.errors), what);
      }
      assert.equal((await members()).length, 2, 'a refused PATCH changes nothing');
      assert.equal((await patch({ members: [] }, 'no-such-role')).status, 404);
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Roles/no-such-role`, { token: admin })).status, 404);
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Roles`)).status, 401);
      // Deleted members leave the role.
      await call(sim.current, 'DELETE', `${API}/scim/Groups/${group.body.id}`, { token: admin });
      assert.deepEqual(
        (await members()).map((m: { value: string }) => m.value),
        [accountId(sim.current)],
      );
    });
  });

  describe('local users', () => {
    const sim = useSimulator();

    it('makes System Domain users LOCAL; sendMail=false answers a firstLoginUrl when no password was given', async () => {
      const admin = await token(sim.current);
      const body = (userName: string, extra: Record<string, unknown> = {}) => ({
        userName,
        name: { givenName: 'S', familyName: 'A' },
        emails: [{ value: `${userName}@acme.example` }],
        [WORKSPACE]: { domain: 'System Domain' },
        ...extra,
      });
      const noMail = await call(sim.current, 'POST', `${API}/scim/Users?sendMail=false`, {
        token: admin,
        body: body('a'),
      });
      assert.equal(noMail.status, 201);
      assert.equal(noMail.body[WORKSPACE].internalUserType, 'LOCAL');
      const url = noMail.body[WORKSPACE].firstLoginUrl;
      assert.ok(typeof url === 'string' && url.startsWith(`${sim.current.url}/`), url);
      const stored = await call(sim.current, 'GET', `${API}/scim/Users/${noMail.body.id}`, { token: admin });
      assert.equal(stored.body[WORKSPACE].firstLoginUrl, undefined, 'only in the create answer');
      const mailed = await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: body('b') });
      assert.equal(mailed.body[WORKSPACE].firstLoginUrl, undefined, 'the email carries it');
      const withPassword = await call(sim.current, 'POST', `${API}/scim/Users?sendMail=false`, {
        token: admin,
        body: body('c', { password: 'c-Passw0rd' }),
      });
      assert.equal(withPassword.body[WORKSPACE].firstLoginUrl, undefined, 'a password needs no first login');
      const noDomain = await call(sim.current, 'POST', `${API}/scim/Users?sendMail=false`, {
        token: admin,
        body: { userName: 'd', emails: [{ value: 'd@acme.example' }] },
      });
      assert.equal(noDomain.body[WORKSPACE].internalUserType, 'LOCAL');
      assert.equal(typeof noDomain.body[WORKSPACE].firstLoginUrl, 'string');
    });

    it('takes a write-only password on create and PATCH, never served; a LOCAL user with one can log in', async () => {
      const admin = await token(sim.current);
      // A client, a role and a user made through the API only.
      await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: {
          clientId: SCIM_CLIENT.clientId,
          secret: SCIM_CLIENT.secret,
          redirectUri: SCIM_CLIENT.redirectUri,
          scope: 'admin user profile',
          authGrantTypes: 'authorization_code refresh_token',
        },
      });
      const created = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: { userName: 'svc', emails: [{ value: 'svc@acme.example' }], password: 'first-Passw0rd' },
      });
      assert.equal(created.status, 201);
      const path = `${API}/scim/Users/${created.body.id}`;
      assert.equal(
        (await call(sim.current, 'PATCH', path, { token: admin, body: { password: 'second-Passw0rd' } })).status,
        204,
      );
      const served = [
        created,
        await call(sim.current, 'GET', path, { token: admin }),
        await call(sim.current, 'GET', `${API}/scim/Users`, { token: admin }),
        await call(sim.current, 'POST', `${API}/scim/Users/.search`, {
          token: admin,
          body: { filter: 'userName eq "svc"' },
        }),
      ];
      for (const answer of served) {
        const text = JSON.stringify(answer.body);
        assert.ok(!/password|Passw0rd/i.test(text), text);
      }
      const first = await scopedTokens(sim.current, { userName: 'svc', password: 'second-Passw0rd' });
      assertForbidden(
        await call(sim.current, 'GET', `${API}/scim/Users`, { token: first.access_token }),
        'no role yet',
      );
      const refused = [{ password: '' }, { password: 42 }, { password: null }];
      for (const body of refused) {
        assert.equal(
          (await call(sim.current, 'PATCH', path, { token: admin, body })).status,
          400,
          JSON.stringify(body),
        );
      }
      const bad = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: { userName: 'svc2', password: ['x'] },
      });
      assert.equal(bad.status, 400);
    });
  });
});
