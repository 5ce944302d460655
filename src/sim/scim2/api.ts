import { Router } from 'express';
import { bulkRouter } from './bulk.js';
import type { Scim2Context } from './context.js';
import { discoveryRouter } from './discovery.js';
import { resourceRouter } from './resource-router.js';
import { rootSearchRouter } from './root-search.js';
import type { Scim2State } from './state.js';

/** The SCIM 2.0 API a dialect declares, under its base path. */
export function scim2Api<S extends Scim2State>(ctx: Scim2Context<S>): Router {
  const api = Router();
  api.use(discoveryRouter(ctx));
  for (const kind of ctx.dialect.resourceTypes) api.use(resourceRouter(ctx, kind));
  api.use(rootSearchRouter(ctx));
  api.use(bulkRouter(ctx));
  return Router().use(ctx.dialect.basePath, api);
}
