import type { IRouter, Request, Response } from 'express';
import { jsonObject, type Ws1AccessContext } from './context.js';
import { badRequest, conflict, notFound, Ws1Error } from './errors.js';
import { listResources, searchQuery, type ListQuery } from './scim-query.js';
import { applyPatch, checkAttributes, initialAttributes, USER_ATTRIBUTES } from './scim-resource.js';
import {
  directoryOfDomain,
  dropDeletedMembers,
  newMeta,
  newSecret,
  SYSTEM_DOMAIN,
  touch,
  WORKSPACE,
  type Resource,
} from './state.js';
import { revokeUser } from './tokens.js';
import { sendJsonText } from '../shell/json-answer.js';
import { userNameKey, type UserStore } from '../scim2/stores.js';
import { userNameAskedFor } from '../scim2/user-name-filter.js';

type Json = Record<string, unknown>;

/** /SAAS/jersey/manager/api/scim/Users: SCIM 1.1 with Workspace ONE Access's provisioning rules. */
export function scimUsersRoutes(router: IRouter, ctx: Ws1AccessContext): void {
  const { users } = ctx.state;
  const path = '/SAAS/jersey/manager/api/scim/Users';

  const list = (res: Response, query: ListQuery) => {
    // A userName eq (Okta's lookup before a create) is answered from the index: the filter still decides.
    const userName = userNameAskedFor(query.filter);
    let listed: Iterable<Resource> = userName === undefined ? users.values() : users.find('userName', userName);
    if (query.filter !== undefined && ctx.broken('filter-hides-inactive'))
      listed = [...listed].filter((u) => u.active !== false);
    sendList(ctx, res, listed, query);
  };
  router.post(path, (req, res) => {
    const body = jsonObject(req);
    checkAttributes(body, USER_ATTRIBUTES);
    const password = checkPassword(body.password);
    const userName = body.userName;
    if (typeof userName !== 'string' || !userName.trim()) throw badRequest('userName is missing or invalid.');
    if (!ctx.broken('duplicate-user-accepted') && findByUserName(users, userName)) {
      throw conflict('A user with the same userName already exists.');
    }
    const workspace = { ...((body[WORKSPACE] as Json | undefined) ?? {}) };
    workspace.domain = checkDomainRules(ctx, body, workspace);
    // System Domain holds the tenant's own, LOCAL, users (vendor spec: "Creates a user in the system directory").
    if (workspace.domain === SYSTEM_DOMAIN) workspace.internalUserType = 'LOCAL';
    checkRequiredAttributes(ctx, body, workspace);
    const id = ctx.state.uuid();
    // Set on the fresh copy initialAttributes makes, as a spread into another would: same keys, same order.
    const user = Object.assign(initialAttributes(body), {
      id,
      active: body.active ?? true,
      [WORKSPACE]: { ...workspace, userStatus: body.active === false ? '2' : '1' },
      meta: newMeta(ctx.state, ctx.url(req, `${path}/${id}`)),
    }) as Resource;
    users.set(id, user);
    const local = workspace.internalUserType === 'LOCAL';
    if (local && password !== undefined) ctx.state.passwords.set(id, password);
    if (!ctx.broken('no-location-header')) res.location(user.meta.location);
    res.set('ETag', user.meta.version);
    let answered = ctx.broken('wrong-user-id') ? { ...user, id: ctx.state.uuid() } : user;
    // sendMail=false: no activation email; the answer carries the one-time link instead (vendor spec).
    if (local && password === undefined && !sendsMail(req.query.sendMail)) {
      const firstLoginUrl = ctx.url(req, `/SAAS/auth/activate?otp=${newSecret(ctx.state)}`);
      answered = { ...answered, [WORKSPACE]: { ...(answered[WORKSPACE] as Json), firstLoginUrl } };
    }
    sendScim(ctx, res, ctx.broken('user-create-status-200') ? 200 : 201, answered);
  });

  router.get(`${path}/:id`, (req, res) => {
    const user = find(req.params.id);
    if (!ctx.broken('answer-cut-midway')) return sendScim(ctx, res, 200, user);
    const body = JSON.stringify(user);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.write(body.slice(0, body.length / 2), () => res.socket?.destroy());
  });

  // After the create and the read, which a provisioning run sends most; before POST /:id, which .search would match.
  router.get(path, (req, res) => list(res, req.query as ListQuery));
  router.post(`${path}/.search`, (req, res) => list(res, searchQuery(jsonObject(req))));

  const patch = (req: Request<{ id: string }>, res: Response) => {
    const user = find(req.params.id);
    const body = jsonObject(req);
    if (typeof body.userName === 'string' && body.userName !== user.userName) {
      const other = findByUserName(users, body.userName);
      if (other && other.id !== user.id) throw conflict('A user with the same userName already exists.');
    }
    const password = checkPassword(body.password);
    if (ctx.broken('patch-ignored')) return void res.status(204).end();
    const updated = applyPatch(user, body, USER_ATTRIBUTES);
    if (body.active === true && user.active === false && ctx.broken('reactivate-ignored')) updated.active = false;
    if (typeof body.active === 'boolean') {
      updated[WORKSPACE] = { ...(updated[WORKSPACE] as Json), userStatus: updated.active ? '1' : '2' };
    }
    touch(ctx.state, updated);
    users.set(user.id, updated);
    // A password is a LOCAL user's only (others sign in at their identity provider); elsewhere it is ignored.
    const local = (user[WORKSPACE] as Json | undefined)?.internalUserType === 'LOCAL';
    if (local && password !== undefined) ctx.state.passwords.set(user.id, password);
    // Disabling the account or resetting its password invalidates its tokens (the document's warning).
    if (body.active === false || (local && password !== undefined)) revokeUser(ctx.state, user.id);
    res.status(204).end();
  };
  router.patch(`${path}/:id`, patch);
  // Clients that cannot send PATCH use POST with X-HTTP-Method-Override (as VMware's priam CLI does).
  router.post(`${path}/:id`, (req, res, next) => {
    if ((req.get('x-http-method-override') ?? '').toUpperCase() !== 'PATCH') return next();
    patch(req, res);
  });

  router.delete(`${path}/:id`, (req, res) => {
    const user = find(req.params.id);
    if (ctx.broken('user-delete-fails')) throw new Ws1Error(500, 'internal.error', 'An unexpected error occurred.');
    if (!ctx.broken('delete-keeps-user')) {
      users.delete(user.id);
      ctx.state.passwords.delete(user.id);
      revokeUser(ctx.state, user.id);
      dropDeletedMembers(ctx.state);
    }
    res.status(204).end();
  });

  function find(id: string): Resource {
    const user = users.get(id);
    if (!user) throw notFound('The specified user does not exist.');
    return user;
  }
}

/** A SCIM list of these resources as the query asks, or as a simulator broken on purpose answers it. */
export function sendList(ctx: Ws1AccessContext, res: Response, resources: Iterable<Resource>, query: ListQuery): void {
  const filtered = query.filter !== undefined && ctx.broken('filter-finds-nothing');
  const list = listResources(filtered ? [] : resources, query);
  if (!ctx.broken('paging-as-strings')) return sendScim(ctx, res, 200, list);
  const { totalResults, itemsPerPage, startIndex } = list;
  sendScim(ctx, res, 200, {
    ...list,
    totalResults: `${totalResults}`,
    itemsPerPage: `${itemsPerPage}`,
    startIndex: `${startIndex}`,
  });
}

export function sendScim(ctx: Ws1AccessContext, res: Response, status: number, body: unknown): void {
  const type = ctx.broken('scim-content-type-text') ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  sendJsonText(res, status, type, JSON.stringify(withAbsoluteLocations(ctx, res.req, body)));
}

/** Resources seeded before any request have a path as their meta.location: answered, it is a URL on this host. */
function withAbsoluteLocations(ctx: Ws1AccessContext, req: Request, body: unknown): unknown {
  const absolute = (resource: unknown): unknown => {
    const meta = (resource as { meta?: { location?: unknown } } | null)?.meta;
    if (typeof meta?.location !== 'string' || !meta.location.startsWith('/')) return resource;
    return { ...(resource as Json), meta: { ...meta, location: ctx.url(req, meta.location) } };
  };
  const resources = (body as { Resources?: unknown } | null)?.Resources;
  return Array.isArray(resources) ? { ...(body as Json), Resources: resources.map(absolute) } : absolute(body);
}

/** A password, when one is sent: a non-empty string. It is write-only: never stored in the resource. */
function checkPassword(password: unknown): string | undefined {
  if (password === undefined) return undefined;
  if (typeof password !== 'string' || !password) throw badRequest('Attribute password must be a non-empty string.');
  return password;
}

/** sendMail is a Java boolean query parameter: anything but "true" (any case) is false; absent, mail is sent. */
function sendsMail(value: unknown): boolean {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first === undefined || String(first).toLowerCase() === 'true';
}

/** The first user of that userName, whatever its case (several only on a simulator broken on purpose). */
function findByUserName(users: UserStore<Resource>, userName: string): Resource | undefined {
  return users.find('userName', userNameKey(userName))[0];
}

/**
 * The domain decides the directory (Omnissa community guide "SCIM APIs for Provisioned Users"): a PROVISIONED
 * user needs a directory of type Other holding its domain; users without a domain are local (System Domain).
 * The messages are the ones Okta reports (Troubleshooting, VMware 2020).
 */
function checkDomainRules(ctx: Ws1AccessContext, body: Json, workspace: Json): string {
  if (ctx.broken('ignore-domain')) return SYSTEM_DOMAIN;
  const domain = typeof workspace.domain === 'string' ? workspace.domain : SYSTEM_DOMAIN;
  const directory = directoryOfDomain(ctx.state, domain);
  if (!directory) throw badRequest("User domain name specified for the user resource doesn't belong to the directory.");
  if (workspace.internalUserType === 'PROVISIONED') {
    if (directory.type !== 'OTHER_DIRECTORY')
      throw badRequest('User creation is not supported for specified directory id.');
    const name = (body.name as Json | undefined) ?? {};
    const emails = body.emails as unknown[] | undefined;
    const missing = [
      !name.givenName && 'name.givenName',
      !name.familyName && 'name.familyName',
      (!Array.isArray(emails) || emails.length !== 1) && 'emails (one and only one)',
      !body.externalId && 'externalId',
    ].filter(Boolean);
    if (missing.length)
      throw badRequest(`Required attributes for a provisioned user are missing: ${missing.join(', ')}.`);
  }
  return directory.domains.find((d) => d.toLowerCase() === domain.toLowerCase())!;
}

/** Attributes marked Required on the tenant's User Attributes page must be sent. */
function checkRequiredAttributes(ctx: Ws1AccessContext, body: Json, workspace: Json): void {
  const required = ctx.options.requiredUserAttributes;
  if (!required?.length) return;
  const missing = required.filter((name) => body[name] === undefined && workspace[name] === undefined);
  if (missing.length) throw badRequest(`Required user attributes: [${missing.join(', ')}] are missing.`);
}
