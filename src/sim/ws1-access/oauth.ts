import type { NextFunction, Request, Response, Router } from 'express';
import { OAuthError, tokenEndpoint } from '../shell/oauth.js';
import type { Ws1AccessContext } from './context.js';
import { forbidden, unauthorized } from './errors.js';
import { authorizeUser } from './authorization.js';
import type { OAuthClient, Token } from './state.js';
import { invalidGrant, isActiveUser, issueAccessToken, issueRefreshToken, useRefreshToken } from './tokens.js';

const TOKEN_PATH = '/SAAS/auth/oauthtoken';

/** POST /SAAS/auth/oauthtoken: parameters in the query (as the vendor spec declares) or a form body. */
export function tokenRouter(ctx: Ws1AccessContext): Router {
  return tokenEndpoint(TOKEN_PATH, (req, res) => {
    const params = parameters(req);
    const client = authenticateClient(ctx, req, params);
    const grant = params.grant_type;
    if (!grant) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter.');
    if (!Object.hasOwn(GRANTS, grant))
      throw new OAuthError(400, 'unsupported_grant_type', `Grant type ${grant} is not supported.`);
    if (!hasGrant(client, grant)) {
      throw new OAuthError(
        400,
        'unauthorized_client',
        `Client ${client.clientId} is not authorized for grant type ${grant}.`,
      );
    }
    res.set('Cache-Control', 'no-store').json(GRANTS[grant as keyof typeof GRANTS](ctx, client, params));
  });
}

type Grant = (ctx: Ws1AccessContext, client: OAuthClient, params: Record<string, string>) => Record<string, unknown>;

/** The grants the token endpoint serves; `password` and the JWT bearer grant are not simulated. */
const GRANTS: Record<'client_credentials' | 'authorization_code' | 'refresh_token', Grant> = {
  client_credentials: (ctx, client, params) => {
    const allowed = client.scope.split(/\s+/);
    const scopes = params.scope ? params.scope.split(/\s+/).filter(Boolean) : allowed;
    if (!scopes.every((scope) => allowed.includes(scope))) {
      throw new OAuthError(400, 'invalid_scope', `Scope ${params.scope} exceeds the client's scope ${client.scope}.`);
    }
    return issueAccessToken(ctx, client, scopes);
  },

  /** The code the login redirected with: once, within 5 minutes, by its client, with its redirect_uri. */
  authorization_code: (ctx, client, params) => {
    if (!params.code) throw new OAuthError(400, 'invalid_request', 'Missing code parameter.');
    const code = ctx.state.codes.get(params.code);
    ctx.state.codes.delete(params.code); // single use, whatever happens next
    if (!code || code.clientId !== client.clientId || code.expiresAt <= ctx.state.now())
      throw invalidGrant('The authorization code is invalid or expired.');
    if (params.redirect_uri !== code.redirectUri)
      throw invalidGrant('The redirect_uri does not match the one the code was issued for.');
    if (!isActiveUser(ctx.state, code.userId)) throw invalidGrant('The authorization code is invalid or expired.');
    const { scope, ...token } = issueAccessToken(ctx, client, code.scopes, code.userId);
    const refresh = hasGrant(client, 'refresh_token')
      ? { refresh_token: issueRefreshToken(ctx.state, client, code.userId, code.scopes) }
      : {};
    return { ...token, ...refresh, scope };
  },

  /** A new access token for the same user; the refresh token stays the same. */
  refresh_token: (ctx, client, params) => {
    if (!params.refresh_token) throw new OAuthError(400, 'invalid_request', 'Missing refresh_token parameter.');
    const refresh = useRefreshToken(ctx.state, params.refresh_token, client);
    const scopes = params.scope ? params.scope.split(/\s+/).filter(Boolean) : refresh.scopes;
    if (!scopes.every((scope) => refresh.scopes.includes(scope))) {
      throw new OAuthError(400, 'invalid_scope', `Scope ${params.scope} exceeds the refresh token's scope.`);
    }
    const { scope, ...token } = issueAccessToken(ctx, client, scopes, refresh.userId);
    return { ...token, refresh_token: params.refresh_token, scope };
  },
};

export function hasGrant(client: OAuthClient, grant: string): boolean {
  return client.authGrantTypes.split(/\s+/).includes(grant);
}

/** Query and form parameters, each sent at most once (RFC 6749 section 3.2): a repeated one is refused. */
export function parameters(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of [req.query, isForm(req) ? req.body : {}]) {
    for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
      if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `Parameter ${name} is repeated.`);
      params[name] = value;
    }
  }
  return params;
}

export function isForm(req: Request): boolean {
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
}

/** HTTP Basic client authentication, or client_id/client_secret parameters (vendor spec). */
function authenticateClient(ctx: Ws1AccessContext, req: Request, params: Record<string, string>): OAuthClient {
  let id = params.client_id;
  let secret = params.client_secret;
  const header = req.get('authorization') ?? '';
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    id = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
  }
  const client = id ? ctx.state.clients.get(id) : undefined;
  if (!client || (client.secret !== secret && !ctx.broken('any-client-secret'))) {
    throw new OAuthError(401, 'invalid_client', "The client authentication failed. Check the 'Authorization' header.");
  }
  return client;
}

/**
 * Bearer (or HZN) token check for the admin API; the admin scope is needed for everything it guards. A token
 * issued to a user can do no more than the user's roles grant (authorization.ts).
 */
export function requireAdminToken(ctx: Ws1AccessContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearer(ctx, req);
    if (!token) {
      if (ctx.broken('scim-without-token') && req.path.startsWith('/scim/')) return next();
      throw unauthorized('A valid bearer token is required.');
    }
    if (!token.scopes.includes('admin')) throw forbidden();
    if (token.userId !== undefined) {
      authorizeUser(ctx, req, token.userId);
      res.locals.userId = token.userId;
    }
    next();
  };
}

function bearer(ctx: Ws1AccessContext, req: Request): Token | undefined {
  const match = /^(?:bearer|hzn)\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const token = match ? ctx.state.tokens.get(match[1]!) : undefined;
  if (!token) return undefined;
  const revoked = token.userId !== undefined && !isActiveUser(ctx.state, token.userId);
  if (token.expiresAt <= ctx.state.now() || !ctx.state.clients.has(token.clientId) || revoked) {
    ctx.state.tokens.delete(match![1]!);
    return undefined;
  }
  return token;
}
