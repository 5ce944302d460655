import type { Request, Router } from 'express';
import { dropExpired, expiredBy } from '../shell/expired.js';
import { OAuthError, tokenEndpoint } from '../shell/oauth.js';
import { SCIM_SCOPES, SCOPE_PREFIX, TOKEN_PATH } from './constants.js';
import type { JanssenContext } from './context.js';
import type { JanssenClient, JanssenToken } from './state.js';

/** Grant types Janssen knows that the bundled SCIM Client is not registered for. */
const OTHER_GRANTS = new Set([
  'authorization_code',
  'implicit',
  'password',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:uma-ticket',
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:openid:params:grant-type:ciba',
]);

/**
 * POST /jans-auth/restv1/token: the client-credentials grant, HTTP Basic client authentication, a form body.
 * Only the SCIM scopes asked for are granted; others are dropped (fido.* too, once the U2F endpoint is gone).
 */
export function tokenRouter(ctx: JanssenContext): Router {
  return tokenEndpoint(TOKEN_PATH, (req, res) => {
    const client = authenticateClient(ctx, req);
    const params = formParameters(req);
    const grant = params.grant_type;
    if (!grant) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter.');
    if (OTHER_GRANTS.has(grant))
      throw new OAuthError(400, 'unauthorized_client', `The client is not authorized to use grant type ${grant}.`);
    if (grant !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', `Grant type ${grant} is not supported.`);
    const scopes = grantedScopes(ctx, params.scope ?? '');
    const value = ctx.state.bytes(24).toString('hex');
    const token: JanssenToken = {
      clientId: client.clientId,
      scopes,
      expiresAt: ctx.state.now() + ctx.tokenTtlSeconds * 1000,
    };
    dropExpired(ctx.state.tokens, expiredBy(ctx.state.now()));
    ctx.state.tokens.set(value, token);
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
      access_token: value,
      token_type: 'Bearer',
      expires_in: ctx.tokenTtlSeconds,
      scope: scopes.join(' '),
    });
  });
}

/** The SCIM scopes asked for, once each, in the order asked. */
function grantedScopes(ctx: JanssenContext, requested: string): string[] {
  const known = new Set<string>(
    SCIM_SCOPES.filter((scope) => ctx.fidoDevices || !scope.startsWith('fido.')).map((s) => SCOPE_PREFIX + s),
  );
  return [...new Set(requested.split(/\s+/).filter((scope) => known.has(scope)))];
}

/** Form parameters, each sent at most once (RFC 6749 section 3.2). */
function formParameters(req: Request): Record<string, string> {
  const form = req.is('application/x-www-form-urlencoded') ? (req.body as Record<string, unknown>) : {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(form ?? {})) {
    if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `Parameter ${name} is repeated.`);
    params[name] = value;
  }
  return params;
}

/** client_secret_basic, as the SCIM Client is registered. */
function authenticateClient(ctx: JanssenContext, req: Request): JanssenClient {
  const match = /^basic\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const client = colon > 0 ? (ctx.state.clients.get(id) ?? ctx.state.clients.get(formDecoded(id))) : undefined;
  if (!client || (client.secret !== secret && client.secret !== formDecoded(secret))) {
    throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
  }
  return client;
}

/** RFC 6749 section 2.3.1 form-encodes the id and secret before Basic; most clients send them as they are. */
function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
