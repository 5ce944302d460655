import assert from 'node:assert/strict';
import { RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { run } from './support/run.js';
import { SCOPED, SCOPED_ENV, scopedTenant, startScopedSimulator } from './support/scoped.js';
import { ADMIN, API, call, CLIENT, token } from './support/sim.js';

const SET_UP = 'Scoped SCIM token set-up';
const TOKEN = 'Scoped SCIM token';

/** The Postman login a person does once, done headless: authorize, log in, exchange the code. Returns the refresh token. */
async function refreshTokenFromLogin(sim: RunningWs1AccessSimulator): Promise<string> {
  const params = { client_id: 'SCIMClient', redirect_uri: SCOPED.redirectUri, scope: 'admin', state: 'once' };
  const login = await fetch(`${sim.url}/SAAS/auth/login`, {
    method: 'POST',
    body: new URLSearchParams({
      ...params,
      username: 'scim-service',
      password: SCOPED.password,
      domain: 'System Domain',
    }),
    redirect: 'manual',
  });
  const code = new URL(login.headers.get('location')!).searchParams.get('code')!;
  const answer = await fetch(`${sim.url}/SAAS/auth/oauthtoken`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`SCIMClient:${SCOPED.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: SCOPED.redirectUri }),
  });
  return ((await answer.json()) as { refresh_token: string }).refresh_token;
}

const serviceAccount = (sim: RunningWs1AccessSimulator) =>
  [...sim.state.users.values()].find((u) => u.userName === 'scim-service')!;

describe('the reduced-scope SCIM token', () => {
  let sim: RunningWs1AccessSimulator;
  afterEach(() => sim?.close());

  it('runs green end to end: headless login, refresh, what the role allows, what it refuses; leaves the tenant as found', async () => {
    sim = await startScopedSimulator();
    const before = JSON.stringify([...sim.state.users.values(), ...sim.state.roles.values()]);
    const result = await run(scopedTenant(), { baseUrl: sim.url, env: SCOPED_ENV });
    assert.equal(result.exitCode, 0, result.output);
    for (const name of [
      'Open the authorization page',
      'Log in as the service account',
      'Exchange the code for tokens',
      'Refresh the scoped token',
      "The scoped token creates a user in the role's domain",
      'Creating a user in System Domain is refused',
    ]) {
      assert.match(
        result.output,
        new RegExp(`\\n  ${name.replace(/[()']/g, '.')}\\n {4}(GET|POST|PATCH)`),
        `${name} ran`,
      );
    }
    assert.match(result.output, /the scoped token expires on /);
    assert.equal(JSON.stringify([...sim.state.users.values(), ...sim.state.roles.values()]), before);
    assert.equal(sim.state.groups.size, 0);
  });

  it('under Newman without a browser, takes the token from the refresh token a person obtained once', async () => {
    sim = await startScopedSimulator();
    const refreshToken = await refreshTokenFromLogin(sim);
    const tenant = scopedTenant({ serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example' } });
    const result = await run(tenant, {
      baseUrl: sim.url,
      folders: [TOKEN],
      env: { ...SCOPED_ENV, ACME_SCIM_REFRESH_TOKEN: refreshToken },
    });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /- Log in as the service account \(skipped\)/);
    assert.ok(!result.output.includes(refreshToken), 'the refresh token is masked');
  });

  it('says what to do when there is neither a refresh token nor a way to log in', async () => {
    sim = await startScopedSimulator();
    const tenant = scopedTenant({ serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example' } });
    const result = await run(tenant, { baseUrl: sim.url, folders: [TOKEN], env: SCOPED_ENV });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.totals.failures[0]!.message,
      /no refresh token: get one with Get New Access Token in Postman .* scopedClient\.refreshTokenEnv/,
    );
  });

  describe("the document's warning: the token dies with the account, its password or the client secret", () => {
    const causes: Record<string, (sim: RunningWs1AccessSimulator, admin: string) => Promise<unknown>> = {
      'the service account is disabled': (sim, admin) =>
        call(sim, 'PATCH', `${API}/scim/Users/${serviceAccount(sim).id}`, { token: admin, body: { active: false } }),
      'its password is reset': (sim, admin) =>
        call(sim, 'PATCH', `${API}/scim/Users/${serviceAccount(sim).id}`, {
          token: admin,
          body: { password: 'Another-Pa55word-9d2f' },
        }),
      'the client secret is changed': (sim, admin) =>
        call(sim, 'PUT', `${API}/oauth2clients/SCIMClient`, {
          token: admin,
          contentType: CLIENT,
          body: { ...sim.state.clients.get('SCIMClient'), secret: 'a-new-secret-0123456789abcdef' },
        }),
    };
    for (const [cause, invalidate] of Object.entries(causes)) {
      it(`fails naming the causes when ${cause}`, async () => {
        sim = await startScopedSimulator();
        const refreshToken = await refreshTokenFromLogin(sim);
        await invalidate(sim, await token(sim));
        const result = await run(scopedTenant(), {
          baseUrl: sim.url,
          folders: [TOKEN],
          env: { ...SCOPED_ENV, ACME_SCIM_REFRESH_TOKEN: refreshToken },
        });
        assert.equal(result.exitCode, 1, result.output);
        const failure = result.totals.failures.find((f) => f.check.endsWith('the refresh token is accepted'));
        assert.match(
          failure?.message ?? result.output,
          /service account was disabled, its password was reset, or the client secret was changed.*Get New Access Token/,
        );
      });
    }
  });

  it('warns when the token expires within scopedClient.tokenWarnDays', async () => {
    const week = 7 * 24 * 60;
    const cases = [
      [10, true],
      [5, false],
    ] as const;
    for (const [index, [tokenWarnDays, warns]] of cases.entries()) {
      const scopedClient = {
        clientId: 'SCIMClient',
        secretEnv: 'ACME_SCIM_CLIENT_SECRET',
        accessTokenTTL: week,
        tokenWarnDays,
      };
      const tenant = scopedTenant({ scopedClient });
      if (index > 0) await sim.close(); // the last one is closed after the test
      sim = await startScopedSimulator({ tenant });
      const result = await run(tenant, { baseUrl: sim.url, folders: [TOKEN], env: SCOPED_ENV });
      assert.equal(result.exitCode, 0, result.output);
      const warning = new RegExp(
        `WARNING: the scoped token expires on .*, within ${tokenWarnDays} days: regenerate it`,
      );
      assert.equal(warning.test(result.output), warns, result.output);
    }
  });

  it('finds a role whose name holds quotes, "&", "#", a backslash and "%": the filter is SCIM-escaped and URL-encoded', async () => {
    const tenant = scopedTenant({ scimRole: { name: 'SCIM "Role" & Co #1 \\ 100%' } });
    sim = await startScopedSimulator({ tenant });
    const result = await run(tenant, { baseUrl: sim.url, folders: [SET_UP], env: SCOPED_ENV });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(
      result.output,
      /Look up the SCIM role\n.*Roles\?filter=displayName%20eq%20%22SCIM%20%5C%22Role%5C%22%20%26%20Co%20%231/,
    );
  });

  it('fails when the role is held through a local group, or by someone else too', async () => {
    sim = await startScopedSimulator();
    const admin = await token(sim);
    const group = await call(sim, 'POST', `${API}/scim/Groups`, { token: admin, body: { displayName: 'SCIM admins' } });
    const [role] = [...sim.state.roles.values()];
    await call(sim, 'PATCH', `${API}/scim/Roles/${role!.id}`, {
      token: admin,
      body: { schemas: ['urn:scim:schemas:core:1.0'], members: [{ value: group.body.id, type: 'Group' }] },
    });
    const result = await run(scopedTenant(), { baseUrl: sim.url, folders: [SET_UP], env: SCOPED_ENV });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.failedChecks, [
      `${SET_UP} / Verify the role's members / the role is not assigned through a local group (never use one for admin roles)`,
      `${SET_UP} / Verify the role's members / the service account is the role's only member`,
    ]);
  });

  it('--setup creates the client, the service account and the membership, and keeps them', async () => {
    // Only the console-made role exists, as after steps 1-13 of the document.
    sim = await startScopedSimulator({ roleOnly: true });
    const result = await run(scopedTenant(), { baseUrl: sim.url, folders: [SET_UP], mode: 'setup', env: SCOPED_ENV });
    assert.equal(result.exitCode, 0, result.output);
    const client = sim.state.clients.get('SCIMClient');
    assert.deepEqual(
      [client?.authGrantTypes, client?.scope, client?.redirectUri, client?.accessTokenTTL],
      ['authorization_code refresh_token', 'admin user profile', SCOPED.redirectUri, 1576800],
    );
    const account = serviceAccount(sim);
    assert.equal((account['urn:scim:schemas:extension:workspace:1.0'] as { domain: string }).domain, 'System Domain');
    const [role] = [...sim.state.roles.values()];
    assert.deepEqual(
      role!.members.map((m) => [m.value, m.type]),
      [[account.id, 'User']],
    );
    assert.ok(sim.state.clients.has(ADMIN.clientId));
  });

  it('a verification run does not set up what is missing: it names the fix', async () => {
    sim = await startScopedSimulator({ roleOnly: true });
    const result = await run(scopedTenant(), { baseUrl: sim.url, folders: [SET_UP], env: SCOPED_ENV });
    assert.equal(result.exitCode, 1);
    assert.ok(!sim.state.clients.has('SCIMClient'));
    assert.match(result.output, /the scoped client does not exist: create it with `scimkit run --setup`/);
  });
});
