import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { JanssenDefect } from './defects.js';
import { bulkRouter } from './bulk.js';
import { SCIM_BASE } from './constants.js';
import { JanssenContext, type JanssenOptions } from './context.js';
import { FIDO_DEVICES, FIDO2_DEVICES } from './devices.js';
import { discoveryRouter } from './discovery.js';
import { asScimError, AuthRefusal, errorBody, notFound, OAuthError, ScimError } from './errors.js';
import { GROUPS } from './groups.js';
import { tokenRouter } from './oauth.js';
import { resourceRouter } from './resources.js';
import { rootSearchRouter } from './search.js';
import { seedDevices } from './seed.js';
import { newJanssenState, type JanssenState } from './state.js';
import { USERS } from './users.js';

export interface JanssenApp {
  app: Express;
  state: JanssenState;
  defects: Set<JanssenDefect>;
  /** For the HTTP server's 'clientError' event. */
  clientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

/** An in-memory Janssen Server: its token endpoint and its SCIM API (RFC 7643/7644, as Janssen codes it). */
export function createJanssenApp(
  adminClient: { clientId: string; secret: string },
  options: JanssenOptions = {},
  defects: Iterable<JanssenDefect> = [],
): JanssenApp {
  const state = newJanssenState(adminClient);
  const ctx = new JanssenContext(state, options, defects);
  if (options.seedDevices) seedDevices(state, ctx.fidoDevices);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(tokenRouter(ctx));

  const scim = express.Router();
  scim.use(discoveryRouter(ctx));
  scim.use(resourceRouter(ctx, USERS));
  scim.use(resourceRouter(ctx, GROUPS));
  scim.use(resourceRouter(ctx, FIDO2_DEVICES));
  if (ctx.fidoDevices) scim.use(resourceRouter(ctx, FIDO_DEVICES));
  scim.use(rootSearchRouter(ctx));
  scim.use(bulkRouter(ctx));
  app.use(SCIM_BASE, scim);

  app.use(() => {
    throw notFound('Resource not found');
  });
  app.use(errorHandler(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(ctx) };
}

/**
 * Every refusal in Janssen's own format: the protection filter's bare strings, OAuth errors on the token
 * endpoint, the SCIM Error elsewhere. Client mistakes Express or body-parser catch stay 4xx; a 500 nobody
 * threw on purpose is logged.
 */
function errorHandler(ctx: JanssenContext): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error); // too late to answer: Express closes the connection
    if (error instanceof AuthRefusal) {
      res.status(error.status).type('text/plain; charset=utf-8').send(error.message);
      return;
    }
    if (error instanceof OAuthError || res.locals.oauth) {
      const refusal = error instanceof OAuthError ? error : asScimError(error);
      const code =
        refusal instanceof OAuthError ? refusal.error : refusal.status < 500 ? 'invalid_request' : 'server_error';
      if (refusal instanceof OAuthError && refusal.status === 401)
        res.set('WWW-Authenticate', 'Basic realm="jans-auth"');
      res
        .status(refusal.status)
        .set('Cache-Control', 'no-store')
        .json({ error: code, error_description: refusal.message });
      return;
    }
    const refusal = asScimError(error);
    if (refusal.status >= 500 && !(error instanceof ScimError)) {
      console.error(`simulator: ${req.method} ${req.path}: ${error instanceof Error ? error.stack : String(error)}`);
    }
    ctx.send(req, res, refusal.status, errorBody(refusal, ctx.broken('error-status-as-number')));
  };
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (an unknown method, headers over 16 KB, a
 * malformed request line, one too slow to arrive) also get a SCIM Error.
 */
function clientErrorHandler(ctx: JanssenContext) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : [400, `The request is not valid HTTP (${error.code ?? error.message}).`];
    const body = JSON.stringify(errorBody(new ScimError(status, '', detail), ctx.broken('error-status-as-number')));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/scim+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
