import { Router, type Request } from 'express';
import { jsonObject, scimBody } from './body.js';
import type { Scim2Context } from './context.js';
import { respond } from './media.js';
import { notAllowed } from './not-allowed.js';
import { project, type Projection } from './projection.js';
import type { Kind } from './resource-type.js';
import { createResource, deleteResource, find, patchResource, replaceResource, searchResources } from './resources.js';
import { searchFromBody } from './search-request.js';
import { queryValue, searchFromQuery } from './search-params.js';
import type { Resource, Scim2State } from './state.js';
import { URN } from './urn.js';
import { checkIfMatch, notModified, setVersion, shownVersion } from './versions.js';

/** attributes and excludedAttributes, which every answer with a resource honours. */
function projection(req: Request): Projection {
  return {
    attributes: queryValue(req.query, 'attributes'),
    excludedAttributes: queryValue(req.query, 'excludedAttributes'),
  };
}

/** Every endpoint of one resource type (RFC 7644 section 3), each behind the dialect's guard. */
export function resourceRouter<S extends Scim2State>(ctx: Scim2Context<S>, kind: Kind<S>): Router {
  const router = Router();
  const path = kind.endpoint;
  const read = ctx.dialect.guard({ kind, write: false });
  const write = ctx.dialect.guard({ kind, write: true });
  const body = scimBody();
  const owner = (req: Request) => (kind.userDevice ? queryValue(req.query, 'userId') || undefined : undefined);
  const view = (req: Request, resource: Resource) => {
    const rendered = kind.render(ctx, resource, ctx.base(req));
    return shownVersion(
      ctx,
      ctx.broken('attributes-ignored') ? rendered : project(rendered, projection(req), kind.schema.id),
    );
  };
  const id = (req: Request) => String(req.params.id);

  router.get(path, read, (req, res) => {
    const base = ctx.base(req);
    const list = searchResources(ctx, kind, base, searchFromQuery(ctx, req.query), owner(req));
    res.location(`${base}${path}`);
    respond(req, res, 200, list);
  });
  if (!kind.userDevice) {
    router.post(path, write, body, (req, res) => {
      const created = createResource(ctx, kind, jsonObject(req));
      // Broken on purpose: the Location of the collection, not of the resource created.
      res.location(`${ctx.base(req)}${path}${ctx.broken('create-location-mismatch') ? '' : `/${created.id}`}`);
      const status = kind.schema.id === URN.user && ctx.broken('user-create-status-200') ? 200 : 201;
      setVersion(ctx, res, created);
      respond(req, res, status, view(req, created));
    });
  }
  router.post(`${path}/.search`, read, body, (req, res) => {
    const base = ctx.base(req);
    const list = searchResources(ctx, kind, base, searchFromBody(jsonObject(req)), owner(req));
    res.location(`${base}${path}/.search`);
    respond(req, res, 200, list);
  });
  router.all(`${path}/.search`, notAllowed(['POST']));
  router.get(`${path}/:id`, read, (req, res) => {
    const resource = find(ctx, kind, id(req), owner(req));
    if (notModified(ctx, req, res, resource)) return;
    setVersion(ctx, res, resource);
    respond(req, res, 200, view(req, resource));
  });
  // A write names the version it changes, if it names one (If-Match); the answer carries the new one.
  const expectVersion = (req: Request) => {
    const resource = kind.store(ctx.state).get(id(req));
    if (resource) checkIfMatch(ctx, req, resource);
  };
  router.put(`${path}/:id`, write, body, (req, res) => {
    const before = ctx.broken('put-returns-old-resource') ? structuredClone(find(ctx, kind, id(req))) : undefined;
    expectVersion(req);
    const replaced = replaceResource(ctx, kind, id(req), jsonObject(req));
    setVersion(ctx, res, replaced);
    respond(req, res, 200, view(req, before ?? replaced));
  });
  if (!kind.userDevice) {
    router.patch(`${path}/:id`, write, body, (req, res) => {
      expectVersion(req);
      const patched = patchResource(ctx, kind, id(req), jsonObject(req));
      setVersion(ctx, res, patched);
      respond(req, res, 200, view(req, patched));
    });
  }
  router.delete(`${path}/:id`, write, (req, res) => {
    expectVersion(req);
    deleteResource(ctx, kind, id(req));
    respond(req, res, 204);
  });
  router.all(path, notAllowed(kind.userDevice ? ['GET'] : ['GET', 'POST']));
  router.all(`${path}/:id`, notAllowed(kind.userDevice ? ['GET', 'PUT', 'DELETE'] : ['GET', 'PUT', 'PATCH', 'DELETE']));
  return router;
}
