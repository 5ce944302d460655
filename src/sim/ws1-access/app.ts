import type { Ws1AccessDefect } from './defects.js';
import { simulatorApp, type SimulatorApp } from '../shell/app.js';
import { clientErrorHandler } from '../shell/client-error.js';
import { inSequence } from '../shell/in-sequence.js';
import { answerErrors } from '../shell/error-handler.js';
import { authorizeUserBody } from './authorization.js';
import { authorizeRouter } from './authorize.js';
import { jsonBody } from './body.js';
import { Ws1AccessContext, type Ws1AccessOptions } from './context.js';
import { directoryConfigsRouter } from './directoryconfigs.js';
import { answerError, formatClientError } from './error-answers.js';
import { notFound } from './errors.js';
import { oauth2ClientsRouter } from './oauth2clients.js';
import { requireAdminToken, tokenRouter } from './oauth.js';
import { seedScoped } from './roles.js';
import { scimGroupsRoutes } from './scim-groups.js';
import { scimRolesRoutes } from './scim-roles.js';
import { scimUsersRoutes } from './scim-users.js';
import { seedDirectories, seedSetUp } from './set-up.js';
import { newState, type Ws1AccessState } from './state.js';

/** Where the admin API's paths start. */
const ADMIN_API = '/SAAS/jersey/manager/api';

export type Ws1AccessSimulator = SimulatorApp<Ws1AccessState, Ws1AccessDefect>;

/** An in-memory Workspace ONE Access tenant serving every request the ws1-access collection sends. */
export function createWs1AccessApp(
  adminClient: { clientId: string; secret: string },
  options: Ws1AccessOptions = {},
): Ws1AccessSimulator {
  const state = newState(adminClient, options.sources);
  if (options.directories) seedDirectories(state, options.directories);
  if (options.scoped) seedScoped(state, options.scoped);
  if (options.setUp) seedSetUp(state, options.setUp);
  const ctx = new Ws1AccessContext(state, options);
  const app = simulatorApp();
  // The routers' paths are disjoint, so their order only decides how many layers a request walks past: the
  // admin API's first, SCIM users (a provisioning run's bulk) first. The SCIM routes are the app's own and the
  // API's checks one layer: the fewer routers and layers, the less each request costs.
  app.use(ADMIN_API, inSequence(requireAdminToken(ctx), ...jsonBody(), authorizeUserBody(ctx)));
  scimUsersRoutes(app, ctx);
  scimGroupsRoutes(app, ctx);
  scimRolesRoutes(app, ctx);
  app.use(ADMIN_API, oauth2ClientsRouter(ctx));
  app.use(ADMIN_API, directoryConfigsRouter(ctx));
  app.use(tokenRouter(ctx));
  app.use(authorizeRouter(ctx));

  answerErrors(app, () => notFound(), answerError(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(formatClientError(ctx)) };
}
