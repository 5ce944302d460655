import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Scim2Context } from './context.js';
import { notFound, ScimError } from './errors.js';
import { wholeList } from './list-response.js';
import { respond } from './media.js';
import { notAllowed } from './not-allowed.js';
import type { Kind } from './resource-type.js';
import type { SchemaDef } from './schema.js';
import type { Scim2State } from './state.js';
import { URN } from './urn.js';

/** RFC 7644 section 4: discovery takes no filter; a `filter` query parameter SHOULD be refused with 403. */
function rejectFilter<S extends Scim2State>(ctx: Scim2Context<S>): RequestHandler {
  return (req, _res, next) => {
    if (req.query.filter !== undefined && !ctx.broken('discovery-filter-served'))
      throw new ScimError(403, 'invalidValue', 'No filter allowed here');
    next();
  };
}

/** The discovery endpoints: /ServiceProviderConfig, /ResourceTypes, /Schemas, behind the dialect's guard. */
export function discoveryRouter<S extends Scim2State>(ctx: Scim2Context<S>): Router {
  const router = Router();
  const guard = ctx.dialect.guard('discovery');
  const noFilter = rejectFilter(ctx);
  const kinds = ctx.dialect.resourceTypes;
  const schemas = [...kinds.map((kind) => kind.schema), ...kinds.flatMap((kind) => kind.extensions ?? [])];
  const send = (req: Request, res: Response, location: string, body: unknown) => {
    res.location(location);
    respond(req, res, 200, body);
  };

  router.get('/ServiceProviderConfig', guard, noFilter, (req, res) => {
    const location = `${ctx.base(req)}/ServiceProviderConfig`;
    send(req, res, location, serviceProviderConfig(ctx, location));
  });
  router.get('/ResourceTypes', guard, noFilter, (req, res) => {
    const types = kinds.map((kind) => resourceType(kind, ctx.base(req)));
    send(req, res, `${ctx.base(req)}/ResourceTypes`, wholeList(types));
  });
  router.get('/ResourceTypes/:name', guard, noFilter, (req, res) => {
    const kind = ctx.broken('discovery-by-id-missing')
      ? undefined
      : kinds.find((k) => k.schema.name === req.params.name);
    if (!kind) throw notFound(`Resource type ${String(req.params.name)} not found`);
    const type = resourceType(kind, ctx.base(req));
    send(req, res, type.meta.location, type);
  });
  router.get('/Schemas', guard, noFilter, (req, res) => {
    send(req, res, `${ctx.base(req)}/Schemas`, wholeList(schemas.map((s) => schemaDocument(s, ctx.base(req)))));
  });
  router.get('/Schemas/:uri', guard, noFilter, (req, res) => {
    const schema = ctx.broken('discovery-by-id-missing') ? undefined : schemas.find((s) => s.id === req.params.uri);
    if (!schema) throw notFound(`Schema ${String(req.params.uri)} not found`);
    const document = schemaDocument(schema, ctx.base(req));
    send(req, res, document.meta.location, document);
  });
  for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:name', '/Schemas', '/Schemas/:uri'])
    router.all(path, notAllowed(['GET']));
  return router;
}

/** What the core supports, with the dialect's documentation, limits and authentication schemes. */
function serviceProviderConfig<S extends Scim2State>(ctx: Scim2Context<S>, location: string) {
  const { bulk, maxCount, serviceProvider } = ctx.dialect;
  return {
    schemas: [URN.serviceProviderConfig],
    documentationUri: serviceProvider.documentationUri,
    patch: { supported: true },
    bulk: { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize },
    filter: { supported: true, maxResults: maxCount },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: ctx.dialect.etag === true },
    authenticationSchemes: serviceProvider.authenticationSchemes,
    meta: { location, resourceType: 'ServiceProviderConfig' },
  };
}

/** A resource type as /ResourceTypes serves it (RFC 7643 section 6). */
function resourceType<S extends Scim2State>(kind: Kind<S>, base: string) {
  const { schema, extensions = [] } = kind;
  return {
    schemas: [URN.resourceType],
    id: schema.name,
    name: schema.name,
    description: schema.description,
    endpoint: kind.endpoint,
    schema: schema.id,
    ...(extensions.length ? { schemaExtensions: extensions.map((e) => ({ schema: e.id, required: false })) } : {}),
    meta: { location: `${base}/ResourceTypes/${schema.name}`, resourceType: 'ResourceType' },
  };
}

/** A schema as /Schemas serves it (RFC 7643 section 7). */
function schemaDocument(schema: SchemaDef, base: string) {
  return {
    schemas: [URN.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}
