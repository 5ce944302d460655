import { Router } from 'express';
import { jsonObject, scimBody } from './body.js';
import type { Scim2Context } from './context.js';
import { listResponse } from './list-response.js';
import { respond } from './media.js';
import { notAllowed } from './not-allowed.js';
import { searchFromBody } from './search-request.js';
import type { Scim2State } from './state.js';
import { URN } from './urn.js';

/**
 * POST /.search (RFC 7644 section 3.4.3): one search over the dialect's root-search types, whose attribute names
 * may carry the User schema's URN.
 */
export function rootSearchRouter<S extends Scim2State>(ctx: Scim2Context<S>): Router {
  const router = Router();
  router.post('/.search', ctx.dialect.guard('root search'), scimBody(), (req, res) => {
    const params = searchFromBody(jsonObject(req));
    const base = ctx.base(req);
    const resources = ctx.dialect.rootSearch.flatMap((kind) =>
      [...kind.store(ctx.state).values()].map((resource) => kind.render(ctx, resource, base)),
    );
    const list = listResponse(ctx, resources, params, URN.user);
    res.location(`${base}/.search`);
    respond(req, res, 200, list);
  });
  router.all('/.search', notAllowed(['POST']));
  return router;
}
