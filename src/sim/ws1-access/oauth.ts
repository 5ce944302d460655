import { randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Ws1AccessContext } from './context.js';
import { forbidden, OAuthError, unauthorized } from './errors.js';
import { DEFAULT_TOKEN_TTL_MINUTES, type OAuthClient, type Token } from './state.js';

const TOKEN_PATH = '/SAAS/auth/oauthtoken';

/** POST /SAAS/auth/oauthtoken: parameters in the query (as the vendor spec declares) or a form body. */
export function tokenRouter(ctx: Ws1AccessContext): Router {
  const router = Router();
  router.all(
    TOKEN_PATH,
    (_req, res, next) => {
      res.locals.oauth = true; // every refusal here, the form parser's included, is an OAuth error
      next();
    },
    express.urlencoded({ extended: false, limit: '64kb' }),
  );
  router.post(TOKEN_PATH, (req, res) => {
    const params = parameters(req);
    const client = authenticateClient(ctx, req, params);
    const grant = params.grant_type;
    if (!grant) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter.');
    if (grant !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', `Grant type ${grant} is not supported.`);
    if (!client.authGrantTypes.split(/\s+/).includes(grant)) {
      throw new OAuthError(
        400,
        'unauthorized_client',
        `Client ${client.clientId} is not authorized for grant type ${grant}.`,
      );
    }
    const allowed = client.scope.split(/\s+/);
    const scopes = params.scope ? params.scope.split(/\s+/).filter(Boolean) : allowed;
    if (!scopes.every((scope) => allowed.includes(scope))) {
      throw new OAuthError(400, 'invalid_scope', `Scope ${params.scope} exceeds the client's scope ${client.scope}.`);
    }
    const ttlMinutes = ctx.broken('token-ignores-ttl') ? DEFAULT_TOKEN_TTL_MINUTES : client.accessTokenTTL;
    const value = randomBytes(32).toString('base64url');
    ctx.state.tokens.set(value, { clientId: client.clientId, scopes, expiresAt: Date.now() + ttlMinutes * 60_000 });
    res.set('Cache-Control', 'no-store').json({
      access_token: value,
      token_type: 'Bearer',
      expires_in: ttlMinutes * 60,
      scope: scopes.join(' '),
    });
  });
  router.all(TOKEN_PATH, (_req, res) => {
    res.set('Allow', 'POST');
    throw new OAuthError(405, 'invalid_request', 'The token endpoint accepts POST only.');
  });
  return router;
}

/** Query and form parameters, each sent at most once (RFC 6749 section 3.2): a repeated one is refused. */
function parameters(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of [req.query, isForm(req) ? req.body : {}]) {
    for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
      if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `Parameter ${name} is repeated.`);
      params[name] = value;
    }
  }
  return params;
}

function isForm(req: Request): boolean {
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

/** Bearer (or HZN) token check for the admin API; the admin scope is needed for everything it guards. */
export function requireAdminToken(ctx: Ws1AccessContext) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const token = bearer(ctx, req);
    if (!token) {
      if (ctx.broken('scim-without-token') && req.path.startsWith('/scim/')) return next();
      throw unauthorized('A valid bearer token is required.');
    }
    if (!token.scopes.includes('admin')) throw forbidden();
    next();
  };
}

function bearer(ctx: Ws1AccessContext, req: Request): Token | undefined {
  const match = /^(?:bearer|hzn)\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const token = match ? ctx.state.tokens.get(match[1]!) : undefined;
  if (!token) return undefined;
  if (token.expiresAt <= Date.now() || !ctx.state.clients.has(token.clientId)) {
    ctx.state.tokens.delete(match![1]!);
    return undefined;
  }
  return token;
}
