import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import type { Ws1AccessDefect } from '../defects.js';
import { Ws1AccessContext, type Ws1AccessOptions } from './context.js';
import { directoryConfigsRouter } from './directoryconfigs.js';
import { notFound, OAuthError, sendWs1Error, Ws1Error } from './errors.js';
import { oauth2ClientsRouter } from './oauth2clients.js';
import { requireAdminToken, tokenRouter } from './oauth.js';
import { scimGroupsRouter } from './scim-groups.js';
import { scimUsersRouter } from './scim-users.js';
import { newState, type Ws1AccessState } from './state.js';

export interface Ws1AccessSimulator {
  app: Express;
  state: Ws1AccessState;
  defects: Set<Ws1AccessDefect>;
}

/** An in-memory Workspace ONE Access tenant serving every request the ws1-access collection sends. */
export function createWs1AccessApp(
  adminClient: { clientId: string; secret: string },
  options: Ws1AccessOptions = {},
): Ws1AccessSimulator {
  const state = newState(adminClient);
  const ctx = new Ws1AccessContext(state, options);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  // Any JSON media type: application/json, the vendor +json types and application/scim+json.
  app.use(express.json({ type: ['application/json', 'application/*+json'], limit: '1mb' }));
  app.use(tokenRouter(ctx));

  const api = express.Router();
  api.use(requireAdminToken(ctx));
  api.use(oauth2ClientsRouter(ctx));
  api.use(directoryConfigsRouter(ctx));
  api.use(scimUsersRouter(ctx));
  api.use(scimGroupsRouter(ctx));
  app.use('/SAAS/jersey/manager/api', api);

  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(ctx));
  return { app, state, defects: ctx.defects };
}

/** Every refusal in the tenant's own format; body-parser failures (bad JSON, too large) stay 4xx. */
function errorHandler(ctx: Ws1AccessContext): ErrorRequestHandler {
  const send = (res: Response, error: Ws1Error) =>
    ctx.broken('plain-errors')
      ? res.status(error.status).type('text/plain').send(error.message)
      : sendWs1Error(res, error);
  return (error, req, res, _next) => {
    if (error instanceof OAuthError) {
      res.status(error.status).json({ error: error.error, error_description: error.message });
    } else if (error instanceof Ws1Error) {
      send(res, error);
    } else if (error.status >= 400 && error.status < 500) {
      const message = error.status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
      send(res, new Ws1Error(error.status, 'bad.request', message));
    } else {
      console.error(`simulator: ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
      send(res, new Ws1Error(500, 'internal.error', 'An unexpected error occurred.'));
    }
  };
}
