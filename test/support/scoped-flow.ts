import assert from 'node:assert/strict';
import { RunningWs1AccessSimulator } from '../../src/targets/ws1-access/simulator.js';
import type { ScopedSetup } from '../../src/sim/ws1-access/context.js';
import { call, send, type Answer } from './sim.js';

export const AUTHORIZE = '/SAAS/auth/oauth2/authorize';
export const LOGIN = '/SAAS/auth/login';
export const TOKEN = '/SAAS/auth/oauthtoken';
export const FORM = 'application/x-www-form-urlencoded';

/** The document's set-up: its client (TTLs as in its sample), a service account, the SCIM role on okta.example. */
export const SCOPED_SETUP = {
  directory: { name: 'Okta Universal Directory', domain: 'okta.example' },
  role: { name: 'SCIM Service Role' },
  client: {
    clientId: 'SCIMClient',
    secret: 'scoped-client-secret-0123456789',
    redirectUri: 'https://oauth.pstmn.io/v1/callback',
    accessTokenTTL: 1576800,
    refreshTokenTTL: 30,
    refreshTokenIdleTTL: 5760,
  },
  serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example', password: 'a-very-secure-Passw0rd' },
} satisfies ScopedSetup;

export const basic = (clientId: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
});

/** GET the authorization endpoint with the document's parameters, `changes` applied (undefined drops one). */
export function authorize(
  sim: RunningWs1AccessSimulator,
  changes: Record<string, string | undefined> = {},
): Promise<Answer> {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: SCOPED_SETUP.client.clientId,
    redirect_uri: SCOPED_SETUP.client.redirectUri,
    scope: 'Admin',
    state: 'state-123',
    ...changes,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return call(sim, 'GET', `${AUTHORIZE}?${query}`);
}

/** The login form's fields: every input's name and value. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input [^>]*name="([^"]*)"[^>]*value="([^"]*)"/g)) {
    fields[name!] = value!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return fields;
}

/** POSTs the login form (never following the redirect). */
export function login(sim: RunningWs1AccessSimulator, fields: Record<string, string>): Promise<Answer> {
  return send(sim, 'POST', LOGIN, {
    headers: { 'Content-Type': FORM },
    body: new URLSearchParams(fields).toString(),
  });
}

export function tokenRequest(
  sim: RunningWs1AccessSimulator,
  params: Record<string, string>,
  client: { clientId: string; secret: string } = SCOPED_SETUP.client,
): Promise<Answer> {
  return call(sim, 'POST', TOKEN, {
    headers: basic(client.clientId, client.secret),
    body: new URLSearchParams(params).toString(),
    contentType: FORM,
  });
}

/** Authorize, log in as `account`, and return the code from the redirect. */
export async function authorizationCode(
  sim: RunningWs1AccessSimulator,
  account: { userName: string; password: string } = SCOPED_SETUP.serviceAccount,
): Promise<string> {
  const page = await authorize(sim);
  assert.equal(page.status, 200, JSON.stringify(page.body));
  const fields = formFields(page.body);
  const answer = await login(sim, { ...fields, username: account.userName, password: account.password });
  assert.equal(answer.status, 302, String(answer.body));
  const location = new URL(answer.headers.get('location')!);
  return location.searchParams.get('code')!;
}

/** The whole flow: authorization code, then the token answer (access_token, refresh_token, ...). */
export async function scopedTokens(
  sim: RunningWs1AccessSimulator,
  account: { userName: string; password: string } = SCOPED_SETUP.serviceAccount,
): Promise<{ access_token: string; refresh_token: string; expires_in: number; scope: string; token_type: string }> {
  const code = await authorizationCode(sim, account);
  const answer = await tokenRequest(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: SCOPED_SETUP.client.redirectUri,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

export function refresh(
  sim: RunningWs1AccessSimulator,
  refreshToken: string,
  client: { clientId: string; secret: string } = SCOPED_SETUP.client,
): Promise<Answer> {
  return tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: refreshToken }, client);
}

export const FORBIDDEN = {
  errors: [{ code: 'forbidden', message: 'User is not authorized to perform the task.', parameters: null }],
};
