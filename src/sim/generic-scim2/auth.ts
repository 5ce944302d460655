import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Router } from 'express';
import { dropExpired, expiredBy } from '../shell/expired.js';
import { OAuthError, tokenEndpoint } from '../shell/oauth.js';
import type { GenericScim2Context } from './context.js';
import { CredentialsRefusal } from './errors.js';

/** How long an issued token lives: an hour, as many authorization servers issue them. */
const TOKEN_TTL_SECONDS = 3600;

/** The guard of every SCIM endpoint, discovery included: the credentials of the service's scheme, or 401. */
export function requireCredentials(ctx: GenericScim2Context): RequestHandler {
  return (req, _res, next) => {
    const { auth } = ctx.state;
    const challenge = auth.type === 'basic' ? 'Basic realm="scim"' : 'Bearer realm="scim"';
    const header = req.get('authorization')?.trim() ?? '';
    if (!header) {
      if (ctx.broken('anonymous-access')) return next();
      throw new CredentialsRefusal(challenge, 'Authentication is required: no Authorization header');
    }
    if (accepted(ctx, header) || ctx.broken('any-credentials-accepted')) return next();
    throw new CredentialsRefusal(`${challenge}, error="invalid_token"`, 'The credentials are not valid');
  };
}

function accepted(ctx: GenericScim2Context, header: string): boolean {
  const { auth, tokens } = ctx.state;
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (auth.type === 'basic') {
    if (scheme.toLowerCase() !== 'basic') return false;
    return same(Buffer.from(value, 'base64').toString('utf8'), `${auth.username}:${auth.password}`);
  }
  if (scheme.toLowerCase() !== 'bearer') return false;
  if (auth.type === 'bearer') return same(value, auth.token);
  const token = tokens.get(value);
  if (token && token.expiresAt > ctx.state.now()) return true;
  tokens.delete(value);
  return false;
}

function same(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token endpoint of a service whose clients get tokens with the client-credentials grant (RFC 6749 section
 * 4.4): the client authenticated with HTTP Basic or in the form (section 2.3.1), a form body, a bearer token back.
 */
export function tokenRouter(ctx: GenericScim2Context, path: string): Router {
  return tokenEndpoint(path, (req, res) => {
    const { auth } = ctx.state;
    if (auth.type !== 'oauth2-client-credentials') throw new OAuthError(404, 'invalid_request', 'No token endpoint');
    const form = formOf(req);
    const client = clientOf(req, form);
    if (!client || client.id !== auth.clientId || !same(client.secret, auth.secret))
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
    if (!form.grant_type) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter.');
    if (form.grant_type !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', `Grant type ${form.grant_type} is not supported.`);
    const value = ctx.state.bytes(24).toString('base64url');
    dropExpired(ctx.state.tokens, expiredBy(ctx.state.now()));
    ctx.state.tokens.set(value, { expiresAt: ctx.state.now() + TOKEN_TTL_SECONDS * 1000 });
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
      access_token: value,
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
      ...(form.scope ? { scope: form.scope } : {}),
    });
  });
}

function formOf(req: Request): Record<string, string> {
  const body = req.is('application/x-www-form-urlencoded') ? (req.body as Record<string, unknown>) : {};
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body ?? {})) {
    if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `Parameter ${name} is repeated.`);
    form[name] = value;
  }
  return form;
}

/** client_secret_basic, or client_secret_post; both at once is refused (RFC 6749 section 2.3). */
function clientOf(req: Request, form: Record<string, string>): { id: string; secret: string } | undefined {
  const basic = /^basic\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  if (basic && form.client_secret !== undefined)
    throw new OAuthError(400, 'invalid_request', 'The client authenticated in two ways.');
  if (!basic)
    return form.client_id === undefined ? undefined : { id: form.client_id, secret: form.client_secret ?? '' };
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}
