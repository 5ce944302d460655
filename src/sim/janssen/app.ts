import { Router } from 'express';
import type { JanssenDefect } from '../defects.js';
import { simulatorApp, type SimulatorApp } from '../shell/app.js';
import { clientErrorHandler } from '../shell/client-error.js';
import { answerErrors } from '../shell/error-handler.js';
import { bulkRouter } from './bulk.js';
import { SCIM_BASE } from './constants.js';
import { JanssenContext, type JanssenOptions } from './context.js';
import { FIDO_DEVICES, FIDO2_DEVICES } from './devices.js';
import { discoveryRouter } from './discovery.js';
import { answerError, formatClientError } from './error-answers.js';
import { notFound } from './errors.js';
import { GROUPS } from './groups.js';
import { tokenRouter } from './oauth.js';
import { resourceRouter } from './resources.js';
import { rootSearchRouter } from './search.js';
import { seedDevices } from './seed.js';
import { newJanssenState, type JanssenState } from './state.js';
import { USERS } from './users.js';

export type JanssenApp = SimulatorApp<JanssenState, JanssenDefect>;

/** An in-memory Janssen Server: its token endpoint and its SCIM API (RFC 7643/7644, as Janssen codes it). */
export function createJanssenApp(
  adminClient: { clientId: string; secret: string },
  options: JanssenOptions = {},
  defects: Iterable<JanssenDefect> = [],
): JanssenApp {
  const state = newJanssenState(adminClient);
  const ctx = new JanssenContext(state, options, defects);
  if (options.seedDevices) seedDevices(state, ctx.fidoDevices);
  const app = simulatorApp();
  app.use(tokenRouter(ctx));

  const scim = Router();
  scim.use(discoveryRouter(ctx));
  scim.use(resourceRouter(ctx, USERS));
  scim.use(resourceRouter(ctx, GROUPS));
  scim.use(resourceRouter(ctx, FIDO2_DEVICES));
  if (ctx.fidoDevices) scim.use(resourceRouter(ctx, FIDO_DEVICES));
  scim.use(rootSearchRouter(ctx));
  scim.use(bulkRouter(ctx));
  app.use(SCIM_BASE, scim);

  answerErrors(app, () => notFound('Resource not found'), answerError(ctx));
  return { app, state, defects: ctx.defects, clientError: clientErrorHandler(formatClientError(ctx)) };
}
