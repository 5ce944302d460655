import { scim2Api } from '../scim2/api.js';
import { Scim2Context } from '../scim2/context.js';
import { notFound } from '../scim2/errors.js';
import { simulatorApp, type SimulatorApp } from '../shell/app.js';
import { clientErrorHandler } from '../shell/client-error.js';
import { answerErrors } from '../shell/error-handler.js';
import { tokenRouter } from './auth.js';
import { GenericScim2Context, type GenericScim2Options } from './context.js';
import type { GenericScim2Defect } from './defects.js';
import { genericDialect } from './dialect.js';
import { answerError, formatClientError } from './errors.js';
import { meRouter, seedSubject } from './me.js';
import { newGenericScim2State, type GenericAuth, type GenericScim2State } from './state.js';

export type GenericScim2App = SimulatorApp<GenericScim2State, GenericScim2Defect>;

/**
 * An in-memory SCIM 2.0 service that follows RFC 7643 and 7644: its SCIM API under `basePath`, guarded by the
 * credentials `auth` describes, and the token endpoint of that auth when it issues tokens itself.
 */
export function createGenericScim2App(
  auth: GenericAuth,
  options: GenericScim2Options = {},
  defects: Iterable<GenericScim2Defect> = [],
): GenericScim2App {
  const state = newGenericScim2State(auth, options.sources);
  const ctx = new GenericScim2Context(state, options, defects);
  if (options.me !== false) seedSubject(state);
  const core = new Scim2Context(state, genericDialect(ctx));
  const app = simulatorApp();
  if (auth.type === 'oauth2-client-credentials') app.use(tokenRouter(ctx, auth.tokenPath));
  // Broken on purpose: the answer's media type, whatever the client accepts.
  app.use((req, _res, next) => {
    if (ctx.broken('json-media-type')) req.headers.accept = 'application/json';
    next();
  });
  app.use(options.basePath ?? '', meRouter(ctx, core));
  app.use(scim2Api(core));
  answerErrors(app, () => notFound('Resource not found'), answerError(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(formatClientError(ctx)) };
}
