import { Router } from 'express';
import {
  jsonObject,
  rejectUnknownFields,
  requireContentType,
  requireJsonOnly,
  VENDOR,
  type Ws1AccessContext,
} from './context.js';
import { badRequest, notFound, Ws1Error } from './errors.js';
import { DEFAULT_TOKEN_TTL_MINUTES, newSecret, type OAuthClient, type Ws1AccessState } from './state.js';
import { revokeClient, revokeClientUserGrants } from './tokens.js';

const CLIENT = `${VENDOR}oauth2client+json`;
const SUMMARY_LIST = `${VENDOR}oauth2clientsummarylist+json`;
const CLIENT_ID = /^[A-Za-z0-9._@-]+$/;
const SCOPES = new Set(['admin', 'user', 'profile', 'email', 'uuid', 'openid']);
/** The fields of OAuth2ClientTypeInfo (vendor spec). */
const FIELDS = new Set([
  'accessTokenTTL',
  'tokenType',
  'displayUserGrant',
  'strData',
  'rememberAs',
  'tokenLength',
  'clientId',
  'internalSystemClient',
  'secret',
  'refreshTokenTTL',
  '_links',
  'inheritanceAllowed',
  'resourceUuid',
  'activationToken',
  'scope',
  'authGrantTypes',
  'redirectUri',
  'refreshTokenIdleTTL',
]);
const GRANTS = new Set([
  'authorization_code',
  'client_credentials',
  'password',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
]);

/** /SAAS/jersey/manager/api/oauth2clients: create, list, read, update, delete (vendor spec, OAuth2ClientTypeInfo). */
export function oauth2ClientsRouter(ctx: Ws1AccessContext): Router {
  const router = Router();
  const { clients } = ctx.state;

  // A tenant on the 2025 API refuses the vendor types before it looks for the client.
  router.use('/oauth2clients', (req, _res, next) => {
    if (ctx.broken('strict-media-types')) requireJsonOnly(req);
    next();
  });

  router.get('/oauth2clients', (req, res) => {
    ctx.send(res, 200, SUMMARY_LIST, {
      items: [...clients.values()].map((c) => ({
        clientId: c.clientId,
        scope: c.scope,
        rememberAs: c.rememberAs ?? null,
        mediaType: `${VENDOR}${c.authGrantTypes.includes('client_credentials') ? 'clientcredentials' : 'classic'}oauth2client+json`,
        _links: { self: { href: ctx.url(req, `/SAAS/jersey/manager/api/oauth2clients/${c.clientId}`) } },
      })),
      _links: {},
    });
  });

  router.post('/oauth2clients', (req, res) => {
    requireContentType(req, [CLIENT, 'application/json']);
    const client = validClient(ctx.state, jsonObject(req));
    if (ctx.broken('client-ttl-ignored')) client.accessTokenTTL = DEFAULT_TOKEN_TTL_MINUTES;
    // The vendor spec answers 500 "if client id already exists".
    if (clients.has(client.clientId))
      throw new Ws1Error(500, 'internal.error', `Client id ${client.clientId} already exists.`);
    clients.set(client.clientId, client);
    ctx.send(res, 201, CLIENT, describe(client, true));
  });

  router.get('/oauth2clients/:clientId', (req, res) => {
    ctx.send(res, 200, CLIENT, describe(find(req.params.clientId), false));
  });

  router.put('/oauth2clients/:clientId', (req, res) => {
    requireContentType(req, [CLIENT, 'application/json']);
    const existing = find(req.params.clientId);
    const update = validClient(ctx.state, { ...existing, ...jsonObject(req) });
    if (update.clientId !== existing.clientId) {
      throw new Ws1Error(500, 'internal.error', 'Changing the client id of an existing client is not supported.');
    }
    clients.set(update.clientId, update);
    // A new secret invalidates what users were issued through the client (the document's warning).
    if (update.secret !== existing.secret) revokeClientUserGrants(ctx.state, update.clientId);
    ctx.send(res, 201, CLIENT, describe(update, false));
  });

  router.delete('/oauth2clients/:clientId', (req, res) => {
    const client = find(req.params.clientId);
    clients.delete(client.clientId);
    // Deleting a client deletes its tokens, codes and refresh tokens (vendor spec).
    revokeClient(ctx.state, client.clientId);
    res.status(204).end();
  });

  function find(clientId: string): OAuthClient {
    const client = clients.get(clientId);
    if (!client) throw notFound(`OAuth2 client ${clientId} not found.`);
    return client;
  }

  return router;
}

function validClient(state: Ws1AccessState, body: Record<string, unknown>): OAuthClient {
  rejectUnknownFields(body, FIELDS);
  const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : undefined);
  const clientId = text('clientId');
  if (!clientId || !CLIENT_ID.test(clientId)) {
    throw badRequest(
      'Invalid client id: only alphanumeric characters, period, underscore, hyphen and at sign are allowed.',
    );
  }
  const scope = text('scope')?.trim();
  if (!scope || !scope.split(/\s+/).every((s) => SCOPES.has(s)))
    throw badRequest(`Invalid scope string: ${scope ?? '(none)'}.`);
  const grants = text('authGrantTypes')?.trim();
  if (!grants || !grants.split(/\s+/).every((g) => GRANTS.has(g)))
    throw badRequest(`Invalid grant type: ${grants ?? '(none)'}.`);
  const redirectUri = text('redirectUri')?.trim() || undefined;
  if (grants.includes('authorization_code') && !redirectUri?.split(/[\s,]+/).every(isAbsoluteUrl)) {
    throw badRequest('An authorization_code client needs a redirectUri in a URL format.');
  }
  const minutes = (field: string, fallback?: number) => {
    const value = body[field] ?? fallback;
    if (value === undefined || value === null) return undefined;
    // Minutes are a Java int on the tenant; a larger number would also make the token's expiry Infinity.
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2 ** 31 - 1)
      throw badRequest(`${field} must be a number of minutes.`);
    return value as number;
  };
  return {
    clientId,
    secret: text('secret') || newSecret(state),
    scope,
    authGrantTypes: grants,
    tokenType: 'Bearer',
    accessTokenTTL: minutes('accessTokenTTL', DEFAULT_TOKEN_TTL_MINUTES)!,
    refreshTokenTTL: minutes('refreshTokenTTL'),
    refreshTokenIdleTTL: minutes('refreshTokenIdleTTL'),
    redirectUri,
    rememberAs: text('rememberAs'),
    displayUserGrant: body.displayUserGrant === true,
    internalSystemClient: body.internalSystemClient === true,
    inheritanceAllowed: body.inheritanceAllowed === true,
  };
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The secret is shown once, in the create answer, as the current console does. */
function describe(client: OAuthClient, withSecret: boolean): Record<string, unknown> {
  const { secret, ...rest } = client;
  return withSecret ? { ...rest, secret } : rest;
}
