import type { JanssenDefect } from './defects.js';
import { scim2Api } from '../scim2/api.js';
import { Scim2Context } from '../scim2/context.js';
import { notFound } from '../scim2/errors.js';
import { simulatorApp, type SimulatorApp } from '../shell/app.js';
import { clientErrorHandler } from '../shell/client-error.js';
import { answerErrors } from '../shell/error-handler.js';
import { JanssenContext, type JanssenOptions } from './context.js';
import { janssenDialect } from './dialect.js';
import { answerError, formatClientError } from './error-answers.js';
import { tokenRouter } from './oauth.js';
import { seedDevices } from './seed.js';
import { newJanssenState, type JanssenState } from './state.js';

export type JanssenApp = SimulatorApp<JanssenState, JanssenDefect>;

/** An in-memory Janssen Server: its token endpoint and its SCIM API (RFC 7643/7644, as Janssen codes it). */
export function createJanssenApp(
  adminClient: { clientId: string; secret: string },
  options: JanssenOptions = {},
  defects: Iterable<JanssenDefect> = [],
): JanssenApp {
  const state = newJanssenState(adminClient, options.sources);
  const ctx = new JanssenContext(state, options, defects);
  if (options.seedDevices) seedDevices(state, ctx.fidoDevices);
  const app = simulatorApp();
  app.use(tokenRouter(ctx));
  app.use(scim2Api(new Scim2Context(state, janssenDialect(ctx))));
  answerErrors(app, () => notFound('Resource not found'), answerError(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(formatClientError(ctx)) };
}
