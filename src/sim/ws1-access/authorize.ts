import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Response } from 'express';
import { dropExpired, expiredBy } from '../shell/expired.js';
import { OAuthError, oauthForm, onlyMethod, speaksOAuth } from '../shell/oauth.js';
import type { Ws1AccessContext } from './context.js';
import { hasGrant, parameters } from './oauth.js';
import { newSecret, SYSTEM_DOMAIN, WORKSPACE, type OAuthClient, type Resource, type Ws1AccessState } from './state.js';
import { userNameKey } from '../scim2/stores.js';
import { CODE_TTL_MINUTES } from './tokens.js';

export const AUTHORIZE_PATH = '/SAAS/auth/oauth2/authorize';
export const LOGIN_PATH = '/SAAS/auth/login';
export const INVALID_LOGIN = 'Invalid username or password.';
const MAX_ECHOED = 2048;

/**
 * The authorization-code flow without a browser: GET /SAAS/auth/oauth2/authorize answers a login form; the
 * form's POST to /SAAS/auth/login, with a System Domain user's name and password, redirects (302) to the
 * client's redirect_uri with ?code=…&state=…. Refusals of the request itself are OAuth errors (400, JSON);
 * wrong credentials are 401 with the form again, never saying what was wrong.
 */
export function authorizeRouter(ctx: Ws1AccessContext): Router {
  const router = Router();
  router.all(AUTHORIZE_PATH, speaksOAuth);
  router.all(LOGIN_PATH, ...oauthForm());

  router.get(AUTHORIZE_PATH, (req, res) => {
    const params = parameters(req);
    const request = authorizationRequest(ctx.state, params);
    if (!params.response_type) throw new OAuthError(400, 'invalid_request', 'Missing response_type parameter.');
    if (params.response_type !== 'code')
      throw new OAuthError(400, 'unsupported_response_type', 'Only response_type=code is supported.');
    sendPage(res, 200, { ...request, domain: params.domain || SYSTEM_DOMAIN });
  });

  router.post(LOGIN_PATH, (req, res) => {
    const params = parameters(req);
    const request = authorizationRequest(ctx.state, params);
    const user = authenticate(ctx.state, params.username, params.password, params.domain);
    if (!user) {
      return sendPage(res, 401, { ...request, domain: params.domain || SYSTEM_DOMAIN }, INVALID_LOGIN);
    }
    const code = newSecret(ctx.state);
    dropExpired(ctx.state.codes, expiredBy(ctx.state.now()));
    ctx.state.codes.set(code, {
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      userId: user.id,
      scopes: request.scopes,
      expiresAt: ctx.state.now() + CODE_TTL_MINUTES * 60_000,
    });
    const query = `code=${encodeURIComponent(code)}${request.state ? `&state=${encodeURIComponent(request.state)}` : ''}`;
    const separator = request.redirectUri.includes('?') ? '&' : '?';
    res
      .status(302)
      .set('Location', `${request.redirectUri}${separator}${query}`)
      .set('Cache-Control', 'no-store')
      .end();
  });

  router.all(AUTHORIZE_PATH, onlyMethod('GET', 'The authorization endpoint accepts GET only.'));
  router.all(LOGIN_PATH, onlyMethod('POST', 'The login accepts POST only.'));
  return router;
}

interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  /** In the client's spelling. */
  scopes: string[];
  state?: string;
}

/**
 * The client, redirect_uri and scope of an authorization request, as the authorization endpoint and the login
 * both check them: a known client with the authorization_code grant, a redirect_uri its registration matches
 * (wildcards allowed), a scope within the client's (case-insensitively: the document says to enter "Admin").
 */
function authorizationRequest(state: Ws1AccessState, params: Record<string, string>): AuthorizationRequest {
  if (!params.client_id) throw new OAuthError(400, 'invalid_request', 'Missing client_id parameter.');
  const client = state.clients.get(params.client_id);
  if (!client) throw new OAuthError(400, 'invalid_request', `Unknown client_id ${params.client_id}.`);
  if (!hasGrant(client, 'authorization_code'))
    throw new OAuthError(
      400,
      'unauthorized_client',
      `Client ${client.clientId} may not use the authorization code grant.`,
    );
  const redirectUri = params.redirect_uri;
  if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'Missing redirect_uri parameter.');
  // Both come back in the Location header, which clients read with a limit (Node's: 16 KB for all headers).
  if (redirectUri.length > MAX_ECHOED || (params.state?.length ?? 0) > MAX_ECHOED)
    throw new OAuthError(400, 'invalid_request', `redirect_uri and state are limited to ${MAX_ECHOED} characters.`);
  if (!isRedirectUri(redirectUri) || !registered(client).some((pattern) => matches(pattern, redirectUri)))
    throw new OAuthError(400, 'invalid_request', "The redirect_uri does not match the client's registration.");
  const allowed = client.scope.split(/\s+/);
  const requested = params.scope ? params.scope.split(/\s+/).filter(Boolean) : allowed;
  const scopes = requested.map((scope) => allowed.find((a) => a.toLowerCase() === scope.toLowerCase()));
  if (!scopes.every((scope) => scope !== undefined))
    throw new OAuthError(400, 'invalid_scope', `Scope ${params.scope} exceeds the client's scope ${client.scope}.`);
  return { client, redirectUri, scopes: [...new Set(scopes)], ...(params.state ? { state: params.state } : {}) };
}

/** An absolute URL without a fragment (RFC 6749 section 3.1.2), in printable ASCII so it can go in a Location. */
function isRedirectUri(value: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('#')) return false;
  try {
    return Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
}

function registered(client: OAuthClient): string[] {
  return (client.redirectUri ?? '').split(/[\s,]+/).filter(Boolean);
}

/** A registered redirect URI, where * stands for any characters; linear, whatever the pattern. */
function matches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** An active LOCAL user of System Domain with that password; undefined for anything else, whatever it is. */
function authenticate(
  state: Ws1AccessState,
  userName: string | undefined,
  password: string | undefined,
  domain: string | undefined,
): Resource | undefined {
  if (!userName || !password) return undefined;
  if ((domain || SYSTEM_DOMAIN).toLowerCase() !== SYSTEM_DOMAIN.toLowerCase()) return undefined;
  const user = state.users.find('userName', userNameKey(userName))[0];
  if (!user || user.active === false) return undefined;
  const workspace = (user[WORKSPACE] ?? {}) as Record<string, unknown>;
  if (workspace.domain !== SYSTEM_DOMAIN || workspace.internalUserType !== 'LOCAL') return undefined;
  const stored = state.passwords.get(user.id);
  return stored !== undefined && samePassword(stored, password) ? user : undefined;
}

function samePassword(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

interface Page extends AuthorizationRequest {
  domain: string;
}

/** The login form: method POST, action /SAAS/auth/login, the credentials and the request as hidden fields. */
function sendPage(res: Response, status: number, page: Page, error?: string): void {
  const input = (type: string, name: string, value = '') =>
    `<input type="${type}" name="${name}" id="${name}" value="${escape(value)}">`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Workspace ONE Access</title></head>',
    '<body>',
    ...(error ? [`<p class="error">${escape(error)}</p>`] : []),
    `<form method="POST" action="${LOGIN_PATH}">`,
    `<label for="username">Username</label> ${input('text', 'username')}`,
    `<label for="password">Password</label> ${input('password', 'password')}`,
    `<label for="domain">Domain</label> ${input('text', 'domain', page.domain)}`,
    input('hidden', 'client_id', page.client.clientId),
    input('hidden', 'redirect_uri', page.redirectUri),
    input('hidden', 'scope', page.scopes.join(' ')),
    input('hidden', 'state', page.state),
    '<button type="submit">Sign in</button>',
    '</form>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  res.status(status).type('text/html; charset=utf-8').set('Cache-Control', 'no-store').send(html);
}

function escape(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
