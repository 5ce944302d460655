import { checkAttributes, checkSchemas } from './check-attributes.js';
import type { Scim2Context } from './context.js';
import { invalidValue } from './errors.js';
import { listResponse } from './list-response.js';
import { applyPatch, inspectPatch } from './patch.js';
import type { Kind } from './resource-type.js';
import type { SearchParams } from './search-params.js';
import { stamp, type Resource, type Scim2State } from './state.js';

/** The stored resource, or the unknown-id refusal. */
export function find<S extends Scim2State>(ctx: Scim2Context<S>, kind: Kind<S>, id: string, owner?: string): Resource {
  const resource = kind.store(ctx.state).get(id);
  if (!resource || (owner !== undefined && resource.userId !== owner)) throw ctx.unknownId(kind.schema.name, id);
  return resource;
}

/** The extension URNs of a resource type. */
const extensionsOf = <S extends Scim2State>(kind: Kind<S>) => (kind.extensions ?? []).map((e) => e.id);

/** The core schema, and each extension the resource carries the object of or declares. */
function schemasOf<S extends Scim2State>(kind: Kind<S>, attributes: Record<string, unknown>, declared: unknown) {
  const listed = (urn: string) =>
    Array.isArray(declared) && declared.some((s) => String(s).toLowerCase() === urn.toLowerCase());
  return [kind.schema.id, ...extensionsOf(kind).filter((urn) => attributes[urn] !== undefined || listed(urn))];
}

/** The attributes to store, checked against the schema (strictly unless `lax`) and the type's own rules. */
function attributesOf<S extends Scim2State>(
  ctx: Scim2Context<S>,
  kind: Kind<S>,
  body: Record<string, unknown>,
  lax: boolean,
) {
  const attributes = checkAttributes(body, kind.schema.attributes, { extensions: kind.extensions, lax });
  return kind.refine ? kind.refine(ctx, attributes) : attributes;
}

function save<S extends Scim2State>(ctx: Scim2Context<S>, kind: Kind<S>, resource: Resource): Resource {
  kind.unique?.(ctx, resource);
  kind.store(ctx.state).set(resource.id, resource);
  return resource;
}

export function createResource<S extends Scim2State>(
  ctx: Scim2Context<S>,
  kind: Kind<S>,
  body: Record<string, unknown>,
): Resource {
  checkSchemas(body.schemas, kind.schema.id, extensionsOf(kind));
  const attributes = attributesOf(ctx, kind, body, false);
  // Broken on purpose: the extensions' attributes are taken, and not stored.
  if (ctx.broken('extension-dropped')) for (const urn of extensionsOf(kind)) delete attributes[urn];
  const id = ctx.state.uuid();
  const schemas = schemasOf(kind, attributes, body.schemas);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.schema.name) });
}

/**
 * PUT (RFC 7644 section 3.5.1), as the dialect reads it: `replace` makes the resource what the body says (read-only
 * attributes ignored, required ones needed); `merge` (Janssen) keeps what the body leaves out: a null leaves an
 * attribute as it was, an empty array clears a multi-valued one, complex attributes are merged.
 */
export function replaceResource<S extends Scim2State>(
  ctx: Scim2Context<S>,
  kind: Kind<S>,
  id: string,
  body: Record<string, unknown>,
) {
  if (body.id !== undefined && body.id !== null && body.id !== id)
    throw invalidValue(`Parameter id does not match with id attribute of ${kind.schema.name}`);
  const owner = kind.userDevice && typeof body.userId === 'string' ? body.userId : undefined;
  const existing = find(ctx, kind, id, owner);
  if (ctx.dialect.put === 'replace' && !kind.userDevice) {
    checkSchemas(body.schemas, kind.schema.id, extensionsOf(kind));
    const attributes = attributesOf(ctx, kind, body, false);
    const schemas = schemasOf(kind, attributes, body.schemas);
    return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.schema.name, existing.meta) });
  }
  const changes = attributesOf(ctx, kind, body, true);
  const merged: Record<string, unknown> = { ...existing };
  for (const [name, value] of Object.entries(changes)) {
    const before = merged[name];
    const bothObjects = [value, before].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    merged[name] = bothObjects ? { ...(before as object), ...(value as object) } : value;
    if (Array.isArray(value) && value.length === 0) delete merged[name];
  }
  if (kind.userDevice) {
    // Devices keep their read-only attributes (owner, creation date, counter) as the server holds them.
    return save(ctx, kind, { ...(merged as Resource), meta: stamp(ctx.state, kind.schema.name, existing.meta) });
  }
  const attributes = attributesOf(ctx, kind, merged, false);
  const schemas = schemasOf(kind, attributes, [...existing.schemas, ...[body.schemas ?? []].flat()]);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.schema.name, existing.meta) });
}

/** PATCH: the request checked first, then the resource looked up, patched, and checked whole again. */
export function patchResource<S extends Scim2State>(
  ctx: Scim2Context<S>,
  kind: Kind<S>,
  id: string,
  body: Record<string, unknown>,
) {
  const operations = inspectPatch(ctx, body);
  const existing = find(ctx, kind, id);
  const extensions = extensionsOf(kind);
  const patched = applyPatch(existing, operations, { core: kind.schema.id, extensions, readOnly: kind.readOnly });
  checkSchemas(patched.schemas, kind.schema.id, extensions);
  const attributes = attributesOf(ctx, kind, patched, false);
  const schemas = schemasOf(kind, attributes, patched.schemas);
  return save(ctx, kind, { schemas, id, ...attributes, meta: stamp(ctx.state, kind.schema.name, existing.meta) });
}

export function deleteResource<S extends Scim2State>(ctx: Scim2Context<S>, kind: Kind<S>, id: string): void {
  find(ctx, kind, id);
  if (ctx.broken('delete-keeps-resource')) return;
  kind.store(ctx.state).delete(id);
  kind.deleted?.(ctx, id);
}

/** A search of one type; a user's devices narrowed to their owner, who must exist. */
export function searchResources<S extends Scim2State>(
  ctx: Scim2Context<S>,
  kind: Kind<S>,
  base: string,
  params: SearchParams,
  owner?: string,
) {
  if (owner) {
    if (!ctx.state.users.has(owner)) throw ctx.unknownId('User', owner);
  }
  // Only what the filter can match is rendered, when an index says which: the filter still decides.
  const stored = (params.filter && kind.candidates?.(ctx, params.filter)) || kind.store(ctx.state).values();
  const resources = [...stored]
    .filter((r) => owner === undefined || r.userId === owner)
    .map((r) => kind.render(ctx, r, base));
  return listResponse(ctx, resources, params, kind.schema.id);
}
