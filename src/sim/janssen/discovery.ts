import { Router, type Request, type RequestHandler } from 'express';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD_SIZE, URN } from './constants.js';
import type { JanssenContext } from './context.js';
import { notFound, ScimError } from './errors.js';
import { requireScopes } from './oauth.js';
import { notAllowed } from './resources.js';
import { SCHEMAS, schemaDocument, userExtensionSchema, type SchemaDef } from './schemas.js';

/**
 * The anonymous discovery endpoints: /ServiceProviderConfig, /ResourceTypes, /Schemas. A `filter` query
 * parameter is refused with 403 (ServiceMetadataFilter, @RejectFilterParam; RFC 7644 section 4).
 */
export function discoveryRouter(ctx: JanssenContext): Router {
  const router = Router();
  const token = requireScopes(ctx);
  const guard: RequestHandler = (req, res, next) => {
    if (ctx.broken('discovery-needs-token')) token(req, res, () => undefined);
    if (req.query.filter !== undefined && !ctx.broken('discovery-filter-served'))
      throw new ScimError(403, 'invalidValue', 'No filter allowed here');
    next();
  };
  const send = (req: Request, res: Parameters<RequestHandler>[1], location: string, body: unknown) => {
    res.location(location);
    ctx.send(req, res, 200, body);
  };

  router.get('/ServiceProviderConfig', guard, (req, res) => {
    const location = `${ctx.base(req)}/ServiceProviderConfig`;
    send(req, res, location, serviceProviderConfig(ctx, location));
  });
  router.get('/ResourceTypes', guard, (req, res) => {
    const types = resourceTypes(ctx, ctx.base(req));
    send(req, res, `${ctx.base(req)}/ResourceTypes`, list(types));
  });
  router.get('/ResourceTypes/:name', guard, (req, res) => {
    const type = resourceTypes(ctx, ctx.base(req)).find((t) => t.id === req.params.name);
    if (!type) throw notFound(`Resource type ${String(req.params.name)} not found`);
    send(req, res, type.meta.location, type);
  });
  router.get('/Schemas', guard, (req, res) => {
    const schemas = schemasOf(ctx).map((s) => schemaDocument(s, ctx.base(req)));
    send(req, res, `${ctx.base(req)}/Schemas`, list(schemas));
  });
  router.get('/Schemas/:uri', guard, (req, res) => {
    const schema = schemasOf(ctx).find((s) => s.id === req.params.uri);
    if (!schema) throw notFound(`Schema ${String(req.params.uri)} not found`);
    const document = schemaDocument(schema, ctx.base(req));
    send(req, res, document.meta.location, document);
  });
  for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:name', '/Schemas', '/Schemas/:uri'])
    router.all(path, notAllowed(['GET']));
  return router;
}

function list(resources: unknown[]) {
  return {
    schemas: [URN.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function serviceProviderConfig(ctx: JanssenContext, location: string) {
  return {
    schemas: [URN.serviceProviderConfig],
    documentationUri: 'https://docs.jans.io/head/janssen-server/scim/',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD_SIZE },
    filter: { supported: true, maxResults: ctx.maxCount },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauth2',
        name: 'OAuth 2.0',
        description: 'OAuth2 Access Token Authentication Scheme.',
        specUri: 'http://tools.ietf.org/html/rfc6749',
        primary: true,
      },
    ],
    meta: { location, resourceType: 'ServiceProviderConfig' },
  };
}

/** User, Group, FidoDevice (only while the U2F endpoint exists) and Fido2Device. */
function resourceTypes(ctx: JanssenContext, base: string) {
  const type = (schema: SchemaDef, endpoint: string, description: string, extensions: string[] = []) => ({
    schemas: [URN.resourceType],
    id: schema.name,
    name: schema.name,
    description,
    endpoint,
    schema: schema.id,
    ...(extensions.length ? { schemaExtensions: extensions.map((s) => ({ schema: s, required: false })) } : {}),
    meta: { location: `${base}/ResourceTypes/${schema.name}`, resourceType: 'ResourceType' },
  });
  return [
    type(SCHEMAS.user, '/Users', 'User Account', [ctx.userExtension]),
    type(SCHEMAS.group, '/Groups', 'Group'),
    ...(ctx.fidoDevices ? [type(SCHEMAS.fidoDevice, '/FidoDevices', 'Fido devices')] : []),
    type(SCHEMAS.fido2Device, '/Fido2Devices', 'Fido 2.0 devices'),
  ];
}

function schemasOf(ctx: JanssenContext): SchemaDef[] {
  return [
    SCHEMAS.user,
    SCHEMAS.group,
    ...(ctx.fidoDevices ? [SCHEMAS.fidoDevice] : []),
    SCHEMAS.fido2Device,
    userExtensionSchema(ctx.userExtension),
  ];
}
