import express, { type ErrorRequestHandler, type Express } from 'express';
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
  app.use(errorHandler);
  return { app, state };
}

/** Every refusal in the tenant's own format; body-parser failures (bad JSON, too large) stay 4xx. */
const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof OAuthError) {
    res.status(error.status).json({ error: error.error, error_description: error.message });
    return;
  }
  if (error instanceof Ws1Error) {
    sendWs1Error(res, error);
    return;
  }
  const status = Number((error as { status?: number }).status);
  if (status >= 400 && status < 500) {
    const message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
    sendWs1Error(res, new Ws1Error(status, 'bad.request', message));
    return;
  }
  console.error(`simulator: ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`);
  sendWs1Error(res, new Ws1Error(500, 'internal.error', 'An unexpected error occurred.'));
};
