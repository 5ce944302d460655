import type { NextFunction, Request, Response } from 'express';
import type { Ws1AccessContext } from './context.js';
import { forbidden } from './errors.js';
import { rightsOf, type Rights } from './roles.js';
import { SYSTEM_DOMAIN, WORKSPACE } from './state.js';

/**
 * What a token issued to a user (authorization code, refresh) may do on the admin API: what its roles grant.
 * The SCIM role grants reading users and groups, creating, changing and deleting users of its domain, and
 * every group operation; anything else is 403 in the envelope. Client-credentials tokens are not checked here.
 *
 * Routing is case-insensitive and ignores a trailing slash, so the paths are matched the same way; whatever
 * is not recognised is refused.
 */
type Target =
  | { kind: 'read' }
  | { kind: 'groups' }
  | { kind: 'create-user' }
  | { kind: 'change-user'; id: string }
  | { kind: 'other' };

const SCIM_PATH = /^\/scim\/(users|groups)(?:\/([^/]+))?\/?$/i;

function target(req: Request): Target {
  const match = SCIM_PATH.exec(req.path);
  if (!match) return { kind: 'other' };
  const [, resource, rawId] = match;
  if (resource!.toLowerCase() === 'groups') return { kind: 'groups' };
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (rawId === undefined) {
    if (read) return { kind: 'read' };
    return req.method === 'POST' ? { kind: 'create-user' } : { kind: 'other' };
  }
  if (rawId.toLowerCase() === '.search') return req.method === 'POST' || read ? { kind: 'read' } : { kind: 'other' };
  if (read) return { kind: 'read' };
  const override = req.method === 'POST' && (req.get('x-http-method-override') ?? '').toUpperCase() === 'PATCH';
  if (req.method !== 'PATCH' && req.method !== 'DELETE' && !override) return { kind: 'other' };
  try {
    return { kind: 'change-user', id: decodeURIComponent(rawId) };
  } catch {
    return { kind: 'other' };
  }
}

const mayManage = (rights: Rights, domain: unknown) =>
  typeof domain === 'string' && rights.userDomains.has(domain.toLowerCase());

function domainOf(resource: Record<string, unknown> | undefined): unknown {
  const workspace = resource?.[WORKSPACE];
  return typeof workspace === 'object' && workspace !== null
    ? (workspace as Record<string, unknown>).domain
    : undefined;
}

/** Before the body is read: the endpoint, and for a change to a user, the stored user's domain. */
export function authorizeUser(ctx: Ws1AccessContext, req: Request, userId: string): void {
  const rights = rightsOf(ctx, userId);
  if (rights.everything) return;
  const t = target(req);
  const allowed = {
    read: rights.read,
    groups: rights.groups,
    'create-user': rights.userDomains.size > 0, // the domain is in the body
    // An unknown id is the route's 404.
    'change-user':
      t.kind === 'change-user' &&
      (!ctx.state.users.has(t.id) || mayManage(rights, domainOf(ctx.state.users.get(t.id)))),
    other: false,
  }[t.kind];
  if (!allowed) throw forbidden();
}

/**
 * Once the body is parsed, before it is validated: the domain a user is created in (System Domain when the
 * body names none), or the domain a PATCH names.
 */
export function authorizeUserBody(ctx: Ws1AccessContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const userId = res.locals.userId as string | undefined;
    if (userId === undefined) return next();
    const rights = rightsOf(ctx, userId);
    if (rights.everything) return next();
    const t = target(req);
    const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const domain = domainOf(body);
    if (t.kind === 'create-user' && !mayManage(rights, domain === undefined ? SYSTEM_DOMAIN : domain))
      throw forbidden();
    if (t.kind === 'change-user' && domain !== undefined && !mayManage(rights, domain)) throw forbidden();
    next();
  };
}
