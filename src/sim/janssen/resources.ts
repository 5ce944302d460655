import { randomUUID } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import type { ScimScope } from './constants.js';
import type { JanssenContext } from './context.js';
import { jsonObject, scimBody } from './body.js';
import { invalidValue, ScimError } from './errors.js';
import { requireScopes } from './oauth.js';
import { applyPatch, inspectPatch } from './patch.js';
import { listResponse, project, queryValue, searchFromBody, searchFromQuery, type SearchParams } from './query.js';
import { checkAttributes, checkSchemas, type AttributeDef } from './schemas.js';
import { stamp, type JanssenState, type Resource } from './state.js';

/** A resource type: its endpoint, scopes, schema, and what sets it apart. */
export interface Kind {
  name: 'User' | 'Group' | 'Fido2Device' | 'FidoDevice';
  endpoint: string;
  schema: string;
  read: ScimScope;
  write: ScimScope;
  attributes: readonly AttributeDef[];
  store(state: JanssenState): Map<string, Resource>;
  /** The extension URN the resource may carry (users). */
  extension?(ctx: JanssenContext): string;
  /** Checks beyond the schema, on the attributes to store; returns them as they are stored. */
  refine?(ctx: JanssenContext, attributes: Record<string, unknown>): Record<string, unknown>;
  /** Refuses a resource that would clash with another (409 uniqueness). */
  unique?(ctx: JanssenContext, resource: Resource): void;
  /** The resource as served: meta.location and computed attributes added, write-only ones left out. */
  render(ctx: JanssenContext, resource: Resource, base: string): Record<string, unknown>;
  /** Attributes a PATCH may not touch. */
  readOnly: readonly string[];
  /** Devices: no POST or PATCH, a `userId` narrowing lookups, PUT changing a few attributes only. */
  device?: boolean;
  /** Drops what referred to a deleted resource. */
  deleted?(ctx: JanssenContext, id: string): void;
}

/** The stored resource, or 404 "<Type> with id <id> not found". */
export function find(ctx: JanssenContext, kind: Kind, id: string, owner?: string): Resource {
  const resource = kind.store(ctx.state).get(id);
  if (!resource || (owner !== undefined && resource.userId !== owner)) throw ctx.unknownId(kind.name, id);
  return resource;
}

/** The core schema, and the extension when the resource carries its object or declares it. */
function schemasOf(kind: Kind, ctx: JanssenContext, attributes: Record<string, unknown>, declared: unknown) {
  const extension = kind.extension?.(ctx);
  const listed = Array.isArray(declared) && declared.some((s) => String(s).toLowerCase() === extension?.toLowerCase());
  return extension && (attributes[extension] !== undefined || listed) ? [kind.schema, extension] : [kind.schema];
}

/** The attributes to store, checked against the schema (strictly unless `lax`) and the type's own rules. */
function attributesOf(ctx: JanssenContext, kind: Kind, body: Record<string, unknown>, lax: boolean) {
  const attributes = checkAttributes(body, kind.attributes, { extension: kind.extension?.(ctx), lax });
  return kind.refine ? kind.refine(ctx, attributes) : attributes;
}

function save(ctx: JanssenContext, kind: Kind, resource: Resource): Resource {
  kind.unique?.(ctx, resource);
  kind.store(ctx.state).set(resource.id, resource);
  return resource;
}

export function createResource(ctx: JanssenContext, kind: Kind, body: Record<string, unknown>): Resource {
  checkSchemas(body.schemas, kind.schema, kind.extension?.(ctx));
  const attributes = attributesOf(ctx, kind, body, false);
  const id = randomUUID();
  const schemas = schemasOf(kind, ctx, attributes, body.schemas);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.name) });
}

/**
 * PUT as Janssen does it: attributes left out of the body stay as they were, a null leaves an attribute as it
 * was, an empty array clears a multi-valued one; complex attributes are merged.
 */
export function replaceResource(ctx: JanssenContext, kind: Kind, id: string, body: Record<string, unknown>) {
  if (body.id !== undefined && body.id !== null && body.id !== id)
    throw invalidValue(`Parameter id does not match with id attribute of ${kind.name}`);
  const owner = kind.device && typeof body.userId === 'string' ? body.userId : undefined;
  const existing = find(ctx, kind, id, owner);
  const changes = attributesOf(ctx, kind, body, true);
  const merged: Record<string, unknown> = { ...existing };
  for (const [name, value] of Object.entries(changes)) {
    const before = merged[name];
    const bothObjects = [value, before].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    merged[name] = bothObjects ? { ...(before as object), ...(value as object) } : value;
    if (Array.isArray(value) && value.length === 0) delete merged[name];
  }
  if (kind.device) {
    // Devices keep their read-only attributes (owner, creation date, counter) as the server holds them.
    return save(ctx, kind, { ...(merged as Resource), meta: stamp(ctx.state, kind.name, existing.meta) });
  }
  const attributes = attributesOf(ctx, kind, merged, false);
  const schemas = schemasOf(kind, ctx, attributes, [...existing.schemas, ...[body.schemas ?? []].flat()]);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.name, existing.meta) });
}

/** PATCH: the request checked first, then the resource looked up, patched, and checked whole again. */
export function patchResource(ctx: JanssenContext, kind: Kind, id: string, body: Record<string, unknown>) {
  const operations = inspectPatch(ctx, body);
  const existing = find(ctx, kind, id);
  const extension = kind.extension?.(ctx);
  const patched = applyPatch(existing, operations, { core: kind.schema, extension, readOnly: kind.readOnly });
  checkSchemas(patched.schemas, kind.schema, extension);
  const attributes = attributesOf(ctx, kind, patched, false);
  const schemas = schemasOf(kind, ctx, attributes, patched.schemas);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.name, existing.meta) });
}

export function deleteResource(ctx: JanssenContext, kind: Kind, id: string): void {
  find(ctx, kind, id);
  kind.store(ctx.state).delete(id);
  kind.deleted?.(ctx, id);
}

/** A search of one type; devices narrowed to an owner, who must exist. */
export function searchResources(ctx: JanssenContext, kind: Kind, base: string, params: SearchParams, owner?: string) {
  if (owner) {
    if (!ctx.state.users.has(owner)) throw ctx.unknownId('User', owner);
  }
  const resources = [...kind.store(ctx.state).values()]
    .filter((r) => owner === undefined || r.userId === owner)
    .map((r) => kind.render(ctx, r, base));
  return listResponse(ctx, resources, params, kind.schema);
}

/** attributes and excludedAttributes, which every answer with a resource honours. */
function projection(req: Request): Pick<SearchParams, 'attributes' | 'excludedAttributes'> {
  return {
    attributes: queryValue(req.query, 'attributes'),
    excludedAttributes: queryValue(req.query, 'excludedAttributes'),
  };
}

/** Answers a method the path does not serve: 405 with Allow (OPTIONS: the Allow header alone). */
export function notAllowed(methods: string[]): RequestHandler {
  return (req, res) => {
    res.set('Allow', methods.join(', '));
    if (req.method === 'OPTIONS') return void res.status(204).end();
    throw new ScimError(405, '', `Method ${req.method} is not allowed on this endpoint`);
  };
}

/** Every endpoint of one resource type, each behind its scope. */
export function resourceRouter(ctx: JanssenContext, kind: Kind): Router {
  const router = Router();
  const path = kind.endpoint;
  const read = requireScopes(ctx, kind.read);
  const write = requireScopes(ctx, kind.write);
  const body = scimBody();
  const owner = (req: Request) => (kind.device ? queryValue(req.query, 'userId') || undefined : undefined);
  const view = (req: Request, resource: Resource) =>
    project(kind.render(ctx, resource, ctx.base(req)), projection(req), kind.schema);
  const id = (req: Request) => String(req.params.id);

  router.get(path, read, (req, res) => {
    const base = ctx.base(req);
    const list = searchResources(ctx, kind, base, searchFromQuery(req.query), owner(req));
    res.location(`${base}${path}`);
    ctx.send(req, res, 200, list);
  });
  if (!kind.device) {
    router.post(path, write, body, (req, res) => {
      const created = createResource(ctx, kind, jsonObject(req));
      res.location(`${ctx.base(req)}${path}/${created.id}`);
      const status = kind.name === 'User' && ctx.broken('user-create-status-200') ? 200 : 201;
      ctx.send(req, res, status, view(req, created));
    });
  }
  router.post(`${path}/.search`, read, body, (req, res) => {
    const base = ctx.base(req);
    const list = searchResources(ctx, kind, base, searchFromBody(jsonObject(req)), owner(req));
    res.location(`${base}${path}/.search`);
    ctx.send(req, res, 200, list);
  });
  router.all(`${path}/.search`, notAllowed(['POST']));
  router.get(`${path}/:id`, read, (req, res) => {
    ctx.send(req, res, 200, view(req, find(ctx, kind, id(req), owner(req))));
  });
  router.put(`${path}/:id`, write, body, (req, res) => {
    ctx.send(req, res, 200, view(req, replaceResource(ctx, kind, id(req), jsonObject(req))));
  });
  if (!kind.device) {
    router.patch(`${path}/:id`, write, body, (req, res) => {
      ctx.send(req, res, 200, view(req, patchResource(ctx, kind, id(req), jsonObject(req))));
    });
  }
  router.delete(`${path}/:id`, write, (req, res) => {
    deleteResource(ctx, kind, id(req));
    ctx.send(req, res, 204);
  });
  router.all(path, notAllowed(kind.device ? ['GET'] : ['GET', 'POST']));
  router.all(`${path}/:id`, notAllowed(kind.device ? ['GET', 'PUT', 'DELETE'] : ['GET', 'PUT', 'PATCH', 'DELETE']));
  return router;
}
