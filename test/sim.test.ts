import assert from 'node:assert/strict';
import {
  ADMIN,
  API,
  call,
  CLIENT,
  createOtherDirectory,
  OTHER,
  provisionedUser,
  token,
  useSimulator,
} from './support/sim.js';

const WORKSPACE = 'urn:scim:schemas:extension:workspace:1.0';

describe('Workspace ONE Access simulator', () => {
  describe('token endpoint', () => {
    const sim = useSimulator();

    it('issues client-credentials tokens to Basic-authenticated clients, with expiry and scope', async () => {
      const answer = await call(sim.current, 'POST', '/SAAS/auth/oauthtoken', {
        headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.clientId}:${ADMIN.secret}`).toString('base64')}` },
        body: 'grant_type=client_credentials&scope=admin',
        contentType: 'application/x-www-form-urlencoded',
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.token_type, 'Bearer');
      assert.equal(answer.body.expires_in, 180 * 60, 'the default 3 hours');
      assert.equal(answer.body.scope, 'admin');
    });

    it('accepts parameters in the query string and client_id/client_secret parameters', async () => {
      const answer = await call(
        sim.current,
        'POST',
        `/SAAS/auth/oauthtoken?grant_type=client_credentials&client_id=${ADMIN.clientId}&client_secret=${ADMIN.secret}`,
      );
      assert.equal(answer.status, 200);
    });

    it("refuses a wrong secret, an unknown grant and a scope beyond the client's, in the OAuth error format", async () => {
      const basic = (secret: string) => ({
        Authorization: `Basic ${Buffer.from(`${ADMIN.clientId}:${secret}`).toString('base64')}`,
      });
      const form = 'application/x-www-form-urlencoded';
      const wrong = await call(sim.current, 'POST', '/SAAS/auth/oauthtoken', {
        headers: basic('nope'),
        body: 'grant_type=client_credentials',
        contentType: form,
      });
      assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client']);
      const grant = await call(sim.current, 'POST', '/SAAS/auth/oauthtoken', {
        headers: basic(ADMIN.secret),
        body: 'grant_type=password',
        contentType: form,
      });
      assert.deepEqual([grant.status, grant.body.error], [400, 'unsupported_grant_type']);
      const scope = await call(sim.current, 'POST', '/SAAS/auth/oauthtoken', {
        headers: basic(ADMIN.secret),
        body: 'grant_type=client_credentials&scope=admin user',
        contentType: form,
      });
      assert.deepEqual([scope.status, scope.body.error], [400, 'invalid_scope']);
    });

    it('refuses the admin API without a valid, unexpired token (401) and without the admin scope (403)', async () => {
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users`)).status, 401);
      const bad = await call(sim.current, 'GET', `${API}/scim/Users`, { token: 'not-a-token' });
      assert.equal(bad.status, 401);
      assert.equal(bad.body.errors[0].code, 'unauthorized');
      const admin = await token(sim.current);
      const created = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: { clientId: 'profile-only', scope: 'profile', authGrantTypes: 'client_credentials' },
      });
      const limited = await token(sim.current, { clientId: 'profile-only', secret: created.body.secret }, 'profile');
      const forbidden = await call(sim.current, 'GET', `${API}/scim/Users`, { token: limited });
      assert.equal(forbidden.status, 403);
      assert.deepEqual(forbidden.body, {
        errors: [{ code: 'forbidden', message: 'User is not authorized to perform the task.', parameters: null }],
      });
      // Expiry: the token table is the simulator's own; age one token past its end.
      sim.current.state.tokens.get(admin)!.expiresAt = Date.now() - 1;
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users`, { token: admin })).status, 401);
    });

    it('accepts the HZN authorization scheme too', async () => {
      const admin = await token(sim.current);
      assert.equal(
        (await call(sim.current, 'GET', `${API}/scim/Users`, { headers: { Authorization: `HZN ${admin}` } })).status,
        200,
      );
    });
  });

  describe('oauth2clients', () => {
    const sim = useSimulator();

    it('creates a Service Client Token client whose tokens live for its accessTokenTTL', async () => {
      const admin = await token(sim.current);
      const created = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: {
          clientId: 'OktaSCIM',
          scope: 'admin',
          authGrantTypes: 'client_credentials',
          tokenType: 'Bearer',
          accessTokenTTL: 1576800,
        },
      });
      assert.equal(created.status, 201);
      assert.equal(created.contentType.split(';')[0], CLIENT);
      assert.equal(typeof created.body.secret, 'string', 'a secret is generated and shown once');
      const read = await call(sim.current, 'GET', `${API}/oauth2clients/OktaSCIM`, { token: admin });
      assert.equal(read.status, 200);
      assert.equal(read.body.accessTokenTTL, 1576800);
      assert.equal(read.body.secret, undefined, 'not shown again');
      const okta = await call(sim.current, 'POST', '/SAAS/auth/oauthtoken', {
        headers: { Authorization: `Basic ${Buffer.from(`OktaSCIM:${created.body.secret}`).toString('base64')}` },
        body: 'grant_type=client_credentials',
        contentType: 'application/x-www-form-urlencoded',
      });
      assert.equal(okta.body.expires_in, 1576800 * 60);
      const list = await call(sim.current, 'GET', `${API}/oauth2clients`, { token: admin });
      assert.deepEqual(list.body.items.map((c: { clientId: string }) => c.clientId).sort(), [
        'OktaSCIM',
        ADMIN.clientId,
      ]);
    });

    it('refuses client ids outside the allowed characters (400), a duplicate id (500, as the vendor spec says), and unknown ids (404)', async () => {
      const admin = await token(sim.current);
      const create = (clientId: string) =>
        call(sim.current, 'POST', `${API}/oauth2clients`, {
          token: admin,
          contentType: CLIENT,
          body: { clientId, scope: 'admin', authGrantTypes: 'client_credentials' },
        });
      assert.equal((await create('okta scim')).status, 400);
      assert.equal((await create('ok.ta_S-C@IM')).status, 201);
      const duplicate = await create('ok.ta_S-C@IM');
      assert.equal(duplicate.status, 500);
      assert.match(duplicate.body.errors[0].message, /already exists/);
      assert.equal((await call(sim.current, 'GET', `${API}/oauth2clients/nobody`, { token: admin })).status, 404);
    });

    it('requires a redirectUri for authorization-code clients', async () => {
      const admin = await token(sim.current);
      const answer = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: { clientId: 'coded', scope: 'admin user', authGrantTypes: 'authorization_code refresh_token' },
      });
      assert.equal(answer.status, 400);
    });

    it('updates a client, refuses renaming it, and deletes it with its tokens', async () => {
      const admin = await token(sim.current);
      const created = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: { clientId: 'temp', scope: 'admin', authGrantTypes: 'client_credentials' },
      });
      const put = await call(sim.current, 'PUT', `${API}/oauth2clients/temp`, {
        token: admin,
        contentType: CLIENT,
        body: { accessTokenTTL: 60 },
      });
      assert.deepEqual([put.status, put.body.accessTokenTTL], [201, 60]);
      assert.equal(
        (
          await call(sim.current, 'PUT', `${API}/oauth2clients/temp`, {
            token: admin,
            contentType: CLIENT,
            body: { clientId: 'renamed' },
          })
        ).status,
        500,
      );
      const tempToken = await token(sim.current, { clientId: 'temp', secret: created.body.secret });
      assert.equal((await call(sim.current, 'DELETE', `${API}/oauth2clients/temp`, { token: admin })).status, 204);
      assert.equal(
        (await call(sim.current, 'GET', `${API}/scim/Users`, { token: tempToken })).status,
        401,
        'its tokens die with it',
      );
      assert.equal((await call(sim.current, 'DELETE', `${API}/oauth2clients/temp`, { token: admin })).status, 404);
    });

    it('refuses an unsupported Content-Type with 415', async () => {
      const admin = await token(sim.current);
      const answer = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: 'text/plain',
        body: '{}',
      });
      assert.equal(answer.status, 415);
      assert.ok(Array.isArray(answer.body.errors));
    });
  });

  describe('directoryconfigs', () => {
    const sim = useSimulator();

    it('creates a directory of type Other, lists it with its domain, and deletes it with its users', async () => {
      const admin = await token(sim.current);
      const id = await createOtherDirectory(sim.current, admin, 'OKTA.COM', 'Okta Universal Directory');
      const list = await call(sim.current, 'GET', `${API}/connectormanagement/directoryconfigs`, { token: admin });
      assert.equal(
        list.contentType.split(';')[0],
        'application/vnd.vmware.horizon.manager.connector.management.directory.list+json',
      );
      const listed = list.body.items.find((d: { name: string }) => d.name === 'Okta Universal Directory');
      assert.deepEqual([listed.directoryId, listed.type], [id, 'OTHER_DIRECTORY']);
      const domains = await call(sim.current, 'GET', `${API}/connectormanagement/directoryconfigs/${id}/domains`, {
        token: admin,
      });
      assert.deepEqual(
        domains.body.items.map((d: { name: string }) => d.name),
        ['OKTA.COM'],
      );
      const user = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: provisionedUser('ada', 'okta.com'),
      });
      assert.equal(user.status, 201);
      assert.equal(
        (
          await call(sim.current, 'DELETE', `${API}/connectormanagement/directoryconfigs/${id}?asyncDelete=true`, {
            token: admin,
          })
        ).status,
        200,
      );
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users/${user.body.id}`, { token: admin })).status, 404);
    });

    it('refuses a domain another directory holds, a body that does not match the media type, and a missing name', async () => {
      const admin = await token(sim.current);
      await createOtherDirectory(sim.current, admin, 'okta.example', 'One');
      const post = (body: unknown, contentType = OTHER) =>
        call(sim.current, 'POST', `${API}/connectormanagement/directoryconfigs`, { token: admin, contentType, body });
      assert.match(
        (await post({ type: 'OTHER_DIRECTORY', domains: ['OKTA.example'], name: 'Two' })).body.errors[0].message,
        /unique/,
      );
      assert.equal((await post({ type: 'LOCAL_DIRECTORY', domains: ['b.example'], name: 'Three' })).status, 400);
      assert.equal((await post({ type: 'OTHER_DIRECTORY', domains: ['c.example'] })).status, 400);
      assert.equal(
        (await post({ type: 'OTHER_DIRECTORY', domains: ['c.example'], name: 'X' }, 'application/json')).status,
        415,
      );
    });
  });

  describe('SCIM 1.1 users', () => {
    const sim = useSimulator({ ws1Access: { requiredUserAttributes: [] } });
    let admin: string;
    beforeEach(async () => {
      admin = await token(sim.current);
      await createOtherDirectory(sim.current, admin);
    });
    const post = (body: unknown) => call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body });

    it('creates a PROVISIONED user in the Other directory with Location and ETag', async () => {
      const answer = await post(provisionedUser('ada'));
      assert.equal(answer.status, 201);
      assert.equal(answer.headers.get('location'), `${sim.current.url}${API}/scim/Users/${answer.body.id}`);
      assert.match(answer.headers.get('etag') ?? '', /^W\/"/);
      assert.deepEqual(answer.body[WORKSPACE], {
        internalUserType: 'PROVISIONED',
        domain: 'okta.example',
        userStatus: '1',
      });
      assert.equal(answer.body.active, true);
    });

    it('applies the documented domain rules with the documented messages', async () => {
      const outside = await post(provisionedUser('bob', 'elsewhere.example'));
      assert.deepEqual(
        [outside.status, outside.body.errors[0].message],
        [400, "User domain name specified for the user resource doesn't belong to the directory."],
      );
      const system = await post(provisionedUser('carol', 'System Domain'));
      assert.deepEqual(
        [system.status, system.body.errors[0].message],
        [400, 'User creation is not supported for specified directory id.'],
      );
      const local = await post({
        userName: 'dave',
        name: { givenName: 'D', familyName: 'E' },
        emails: [{ value: 'd@e.f' }],
      });
      assert.equal(local.status, 201, 'a user without a domain is a local user in System Domain');
      assert.equal(local.body[WORKSPACE].domain, 'System Domain');
    });

    it('enforces the attributes a provisioned user requires, and exactly one email', async () => {
      const twoEmails = await post(
        provisionedUser('erin', 'okta.example', { emails: [{ value: 'a@b.c' }, { value: 'd@e.f' }] }),
      );
      assert.equal(twoEmails.status, 400);
      assert.match(twoEmails.body.errors[0].message, /one and only one/);
      assert.equal((await post(provisionedUser('frank', 'okta.example', { externalId: undefined }))).status, 400);
      assert.equal((await post({ ...provisionedUser('gina'), userName: '' })).status, 400);
      assert.equal(
        (await post({ ...provisionedUser('hank'), nickname: 'typo' })).status,
        400,
        'unknown attributes are refused',
      );
    });

    it('answers 409 for a userName that exists, whatever its case', async () => {
      assert.equal((await post(provisionedUser('ada'))).status, 201);
      const again = await post(provisionedUser('ADA'));
      assert.equal(again.status, 409);
      assert.deepEqual(Object.keys(again.body.errors[0]), ['code', 'message', 'parameters']);
    });

    it('filters with eq, co and sw (case-insensitively) and pages with startIndex and count', async () => {
      for (const name of ['ada', 'adam', 'bob', 'carla']) await post(provisionedUser(name));
      const list = async (query: string) =>
        (await call(sim.current, 'GET', `${API}/scim/Users?${query}`, { token: admin })).body;
      const names = (body: { Resources: { userName: string }[] }) => body.Resources.map((u) => u.userName).sort();
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName eq "ADA"')}`)), ['ada']);
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName sw "ad"')}`)), ['ada', 'adam']);
      assert.deepEqual(names(await list(`filter=${encodeURIComponent('userName co "a" and userName co "r"')}`)), [
        'carla',
      ]);
      const page = await list('startIndex=2&count=2&sortBy=userName');
      assert.deepEqual(
        [page.totalResults, page.itemsPerPage, page.startIndex, names(page)],
        [4, 2, 2, ['adam', 'bob']],
      );
      assert.deepEqual((await list(`filter=${encodeURIComponent('userName eq "nobody"')}`)).totalResults, 0);
      const invalid = await call(sim.current, 'GET', `${API}/scim/Users?filter=${encodeURIComponent('userName pr')}`, {
        token: admin,
      });
      assert.equal(invalid.status, 400);
      assert.equal(
        (
          await call(sim.current, 'GET', `${API}/scim/Users?filter=${encodeURIComponent('userName eq')}`, {
            token: admin,
          })
        ).status,
        400,
      );
      assert.equal((await call(sim.current, 'GET', `${API}/scim/Users?count=-1`, { token: admin })).status, 404);
    });

    it('updates with SCIM 1.1 PATCH (also via X-HTTP-Method-Override), deactivates, and deletes', async () => {
      const { body: user } = await post(provisionedUser('ada'));
      const path = `${API}/scim/Users/${user.id}`;
      assert.equal(
        (await call(sim.current, 'PATCH', path, { token: admin, body: { name: { givenName: 'Augusta' } } })).status,
        204,
      );
      const override = await call(sim.current, 'POST', path, {
        token: admin,
        body: { displayName: 'A. A. King' },
        headers: { 'X-HTTP-Method-Override': 'PATCH' },
      });
      assert.equal(override.status, 204);
      assert.equal((await call(sim.current, 'PATCH', path, { token: admin, body: { active: false } })).status, 204);
      const read = (await call(sim.current, 'GET', path, { token: admin })).body;
      assert.deepEqual(
        [read.name, read.displayName, read.active, read[WORKSPACE].userStatus],
        [{ givenName: 'Augusta', familyName: 'Lovelace' }, 'A. A. King', false, '2'],
      );
      assert.equal(
        (
          await call(sim.current, 'PATCH', path, {
            token: admin,
            body: { emails: [{ value: 'ada@okta.example', operation: 'delete' }] },
          })
        ).status,
        204,
      );
      assert.deepEqual((await call(sim.current, 'GET', path, { token: admin })).body.emails, []);
      assert.equal((await call(sim.current, 'DELETE', path, { token: admin })).status, 204);
      const gone = await call(sim.current, 'GET', path, { token: admin });
      assert.deepEqual([gone.status, gone.body.errors[0].code], [404, 'NOT_FOUND']);
      assert.equal((await call(sim.current, 'DELETE', path, { token: admin })).status, 404);
    });

    it('answers malformed JSON with 400 in the envelope', async () => {
      const answer = await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: '{"userName":' });
      assert.equal(answer.status, 400);
      assert.ok(Array.isArray(answer.body.errors));
    });
  });

  describe('required user attributes', () => {
    const sim = useSimulator({ ws1Access: { requiredUserAttributes: ['distinguishedName'] } });

    it('refuses users without them, with the documented message', async () => {
      const admin = await token(sim.current);
      await createOtherDirectory(sim.current, admin);
      const answer = await call(sim.current, 'POST', `${API}/scim/Users`, {
        token: admin,
        body: provisionedUser('ada'),
      });
      assert.deepEqual(
        [answer.status, answer.body.errors[0].message],
        [400, 'Required user attributes: [distinguishedName] are missing.'],
      );
      const withIt = provisionedUser('ada');
      (withIt[WORKSPACE] as Record<string, unknown>).distinguishedName = 'CN=ada';
      assert.equal((await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: withIt })).status, 201);
    });
  });

  describe('SCIM 1.1 groups', () => {
    const sim = useSimulator();

    it('creates groups in a domain (System Domain by default), adds, removes with "operation": "delete", and renames', async () => {
      const admin = await token(sim.current);
      await createOtherDirectory(sim.current, admin);
      const user = (
        await call(sim.current, 'POST', `${API}/scim/Users`, { token: admin, body: provisionedUser('ada') })
      ).body;
      const plain = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'Pushed by Okta' },
      });
      assert.equal(plain.body[WORKSPACE].domain, 'System Domain', 'the Known Issue: no domain, System Domain');
      const created = await call(sim.current, 'POST', `${API}/scim/Groups`, {
        token: admin,
        body: { displayName: 'Admins', [WORKSPACE]: { domain: 'okta.example' } },
      });
      assert.equal(created.status, 201);
      assert.equal(created.body[WORKSPACE].domain, 'okta.example');
      assert.equal(
        (await call(sim.current, 'POST', `${API}/scim/Groups`, { token: admin, body: { displayName: 'admins' } }))
          .status,
        409,
      );
      const path = `${API}/scim/Groups/${created.body.id}`;
      const patch = (body: unknown) => call(sim.current, 'PATCH', path, { token: admin, body });
      assert.equal((await patch({ members: [{ value: user.id, type: 'User' }] })).status, 204);
      assert.deepEqual((await call(sim.current, 'GET', path, { token: admin })).body.members, [
        { value: user.id, type: 'User', display: 'ada' },
      ]);
      assert.equal((await patch({ members: [{ value: 'no-such-user' }] })).status, 400);
      await patch({ members: [{ value: user.id, type: 'User', operation: 'delete' }] });
      await patch({ displayName: 'Admins (renamed)' });
      const read = (await call(sim.current, 'GET', path, { token: admin })).body;
      assert.deepEqual([read.members, read.displayName], [[], 'Admins (renamed)']);
      const search = await call(
        sim.current,
        'GET',
        `${API}/scim/Groups?filter=${encodeURIComponent('displayName sw "admins"')}`,
        { token: admin },
      );
      assert.equal(search.body.totalResults, 1);
      assert.equal((await call(sim.current, 'DELETE', path, { token: admin })).status, 204);
      assert.equal((await call(sim.current, 'GET', path, { token: admin })).status, 404);
    });
  });

  describe('after KB 6000953', () => {
    const sim = useSimulator({ ws1Access: { jsonMediaTypes: true } });

    it('answers application/json where older tenants answer vendor media types', async () => {
      const admin = await token(sim.current);
      const list = await call(sim.current, 'GET', `${API}/connectormanagement/directoryconfigs`, { token: admin });
      assert.equal(list.contentType.split(';')[0], 'application/json');
    });
  });
});
