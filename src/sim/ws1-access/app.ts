import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Ws1AccessDefect } from './defects.js';
import { authorizeUserBody } from './authorization.js';
import { authorizeRouter } from './authorize.js';
import { mediaTypeOf, Ws1AccessContext, type Ws1AccessOptions } from './context.js';
import { directoryConfigsRouter } from './directoryconfigs.js';
import {
  asWs1Error,
  badRequest,
  envelope,
  notFound,
  OAuthError,
  sendOAuthError,
  unsupportedMediaType,
  Ws1Error,
} from './errors.js';
import { oauth2ClientsRouter } from './oauth2clients.js';
import { requireAdminToken, tokenRouter } from './oauth.js';
import { seedScoped } from './roles.js';
import { scimGroupsRouter } from './scim-groups.js';
import { scimRolesRouter } from './scim-roles.js';
import { scimUsersRouter } from './scim-users.js';
import { seedSetUp } from './set-up.js';
import { newState, type Ws1AccessState } from './state.js';

export interface Ws1AccessSimulator {
  app: Express;
  state: Ws1AccessState;
  defects: Set<Ws1AccessDefect>;
  /** For the HTTP server's 'clientError' event. */
  clientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

/** Any JSON media type: application/json, the vendor +json types and application/scim+json. */
const JSON_TYPES = ['application/json', 'application/*+json'];
/** Jackson's default nesting limit (StreamReadConstraints, since 2.15), which the tenant's Jersey parses with. */
const MAX_JSON_DEPTH = 1000;

/** An in-memory Workspace ONE Access tenant serving every request the ws1-access collection sends. */
export function createWs1AccessApp(
  adminClient: { clientId: string; secret: string },
  options: Ws1AccessOptions = {},
): Ws1AccessSimulator {
  const state = newState(adminClient);
  if (options.scoped) seedScoped(state, options.scoped);
  if (options.setUp) seedSetUp(state, options.setUp);
  const ctx = new Ws1AccessContext(state, options);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(tokenRouter(ctx));
  app.use(authorizeRouter(ctx));

  const api = express.Router();
  api.use(requireAdminToken(ctx));
  api.use(express.json({ type: JSON_TYPES, limit: '1mb' }), checkJsonBody, authorizeUserBody(ctx));
  api.use(oauth2ClientsRouter(ctx));
  api.use(directoryConfigsRouter(ctx));
  api.use(scimUsersRouter(ctx));
  api.use(scimGroupsRouter(ctx));
  api.use(scimRolesRouter(ctx));
  app.use('/SAAS/jersey/manager/api', api);

  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(ctx) };
}

/**
 * A body the API cannot read is refused before any route guesses at it: one that is not JSON gets 415 (as
 * Jersey answers a media type it has no reader for), JSON nested deeper than Jackson allows gets 400 (stored,
 * it would also overflow the stack each time it is filtered or served).
 */
const checkJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length')) > 0 || req.get('transfer-encoding') !== undefined;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(JSON_TYPES)) {
    throw unsupportedMediaType(mediaTypeOf(req), JSON_TYPES);
  }
  if (deeperThan(req.body, MAX_JSON_DEPTH)) {
    throw badRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  next();
};

/** Iterative, so no body can overflow the stack here. */
function deeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** An error in the tenant's format: the envelope, or plain text on a simulator broken on purpose. */
function formatted(ctx: Ws1AccessContext, error: Ws1Error): { type: string; body: string } {
  return ctx.broken('plain-errors')
    ? { type: 'text/plain; charset=utf-8', body: error.message }
    : { type: 'application/json; charset=utf-8', body: envelope(error) };
}

/**
 * Every refusal in the tenant's own format (OAuth's on the token endpoint); client mistakes that Express or
 * body-parser catch (bad JSON, too large, unknown charset) stay 4xx. A 500 nobody threw on purpose is logged.
 */
function errorHandler(ctx: Ws1AccessContext): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error); // too late to answer: Express closes the connection
    const refusal = error instanceof OAuthError ? error : asWs1Error(error);
    if (refusal.status >= 500 && !(error instanceof Ws1Error)) {
      console.error(`simulator: ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (refusal instanceof OAuthError || res.locals.oauth) return sendOAuthError(res, refusal);
    const { type, body } = formatted(ctx, refusal);
    res.status(refusal.status).type(type).send(body);
  };
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (an unknown method, headers over 16 KB, a
 * malformed request line or a request that takes too long) also get an answer in the envelope.
 */
function clientErrorHandler(ctx: Ws1AccessContext) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : [400, `The request is not valid HTTP (${error.code ?? error.message}).`];
    const { type, body } = formatted(ctx, new Ws1Error(status, 'bad.request', message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${type}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
