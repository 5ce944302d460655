/**
 * Versioning (RFC 7644 section 3.14), on a dialect that supports it: entity-tags as RFC 7232 compares them, weakly
 * (SCIM's tags are weak, W/"…", and its own example sends one in If-Match).
 */
import type { Request, Response } from 'express';
import type { Scim2Context } from './context.js';
import { ScimError } from './errors.js';
import type { Resource, Scim2State } from './state.js';

/** The tags of an If-Match or If-None-Match header: "*", or a list. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean);
}

function names(header: string | undefined, version: string): boolean {
  const tags = tagsOf(header ?? '');
  return tags.includes('*') || tags.includes(version.replace(/^W\//, ''));
}

/** The ETag header of an answer with one resource: its meta.version. */
export function setVersion<S extends Scim2State>(ctx: Scim2Context<S>, res: Response, resource: Resource): void {
  if (ctx.dialect.etag) res.set('ETag', resource.meta.version);
}

/** A resource as served, its meta.version another than its ETag on a simulator broken on purpose. */
export function shownVersion<S extends Scim2State>(ctx: Scim2Context<S>, served: Record<string, unknown>) {
  const meta = served.meta as Record<string, unknown> | undefined;
  if (!ctx.broken('etag-header-mismatch') || !meta) return served;
  return { ...served, meta: { ...meta, version: `W/"0${String(meta.version).replace(/^W\/"|"$/g, '')}"` } };
}

/**
 * A GET whose If-None-Match names the resource's version: true once answered 304, with no body (RFC 7232 section
 * 3.2). Express would answer 304 by itself once the ETag is set (req.fresh), so the defect hides the header.
 */
export function notModified<S extends Scim2State>(
  ctx: Scim2Context<S>,
  req: Request,
  res: Response,
  resource: Resource,
): boolean {
  if (!ctx.dialect.etag) return false;
  if (ctx.broken('if-none-match-ignored')) {
    delete req.headers['if-none-match'];
    return false;
  }
  if (!names(req.get('if-none-match'), resource.meta.version)) return false;
  setVersion(ctx, res, resource);
  res.status(304).end();
  return true;
}

/** A write whose If-Match does not name the resource's version is refused with 412 (RFC 7232 section 3.1). */
export function checkIfMatch<S extends Scim2State>(ctx: Scim2Context<S>, req: Request, resource: Resource): void {
  const header = req.get('if-match');
  if (!ctx.dialect.etag || header === undefined || ctx.broken('if-match-ignored')) return;
  if (!names(header, resource.meta.version))
    throw new ScimError(412, '', 'Failed to update. Resource has changed on the server.');
}
