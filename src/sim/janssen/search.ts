import { Router } from 'express';
import { URN } from './constants.js';
import type { JanssenContext } from './context.js';
import { jsonObject, scimBody } from './body.js';
import { GROUPS } from './groups.js';
import { requireScopes } from './oauth.js';
import { listResponse, searchFromBody } from './query.js';
import { notAllowed } from './resources.js';
import { USERS } from './users.js';

/** POST /.search (scope all-resources.search): one search over users and groups. */
export function rootSearchRouter(ctx: JanssenContext): Router {
  const router = Router();
  router.post('/.search', requireScopes(ctx, 'all-resources.search'), scimBody(), (req, res) => {
    const params = searchFromBody(jsonObject(req));
    const base = ctx.base(req);
    const resources = [USERS, GROUPS].flatMap((kind) =>
      [...kind.store(ctx.state).values()].map((resource) => kind.render(ctx, resource, base)),
    );
    const list = listResponse(ctx, resources, params, URN.user);
    res.location(`${base}/.search`);
    ctx.send(req, res, 200, list);
  });
  router.all('/.search', notAllowed(['POST']));
  return router;
}
