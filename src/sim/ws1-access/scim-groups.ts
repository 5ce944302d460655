import type { IRouter } from 'express';
import { jsonObject, type Ws1AccessContext } from './context.js';
import { badRequest, conflict, notFound } from './errors.js';
import { searchQuery, type ListQuery } from './scim-query.js';
import { applyPatch, checkAttributes, GROUP_ATTRIBUTES, initialAttributes } from './scim-resource.js';
import { sendList, sendScim } from './scim-users.js';
import {
  directoryOfDomain,
  dropDeletedMembers,
  newMeta,
  SYSTEM_DOMAIN,
  touch,
  WORKSPACE,
  type Resource,
} from './state.js';

type Json = Record<string, unknown>;

/**
 * /SAAS/jersey/manager/api/scim/Groups. A group sent without a domain lands in System Domain, which is the
 * Known Issue with groups pushed from Okta; one sent with the Other directory's domain lands there.
 */
export function scimGroupsRoutes(router: IRouter, ctx: Ws1AccessContext): void {
  const { users, groups } = ctx.state;
  const path = '/SAAS/jersey/manager/api/scim/Groups';

  router.get(path, (req, res) => sendList(ctx, res, groups.values(), req.query as ListQuery));
  router.post(`${path}/.search`, (req, res) => sendList(ctx, res, groups.values(), searchQuery(jsonObject(req))));

  router.post(path, (req, res) => {
    const body = jsonObject(req);
    checkAttributes(body, GROUP_ATTRIBUTES);
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || !displayName.trim()) throw badRequest('displayName is missing or invalid.');
    if (findByName(displayName)) throw conflict('A group with the same displayName already exists.');
    const workspace = { ...((body[WORKSPACE] as Json | undefined) ?? {}) };
    const domain =
      ctx.broken('ignore-domain') || typeof workspace.domain !== 'string' ? SYSTEM_DOMAIN : workspace.domain;
    const directory = directoryOfDomain(ctx.state, domain);
    if (!directory)
      throw badRequest("Group domain name specified for the group resource doesn't belong to any directory.");
    const id = ctx.state.uuid();
    const group: Resource = {
      ...initialAttributes(body),
      id,
      members: withDisplay(checkMembers((body.members as Json[] | undefined) ?? [])),
      [WORKSPACE]: {
        internalGroupType: 'INTERNAL',
        ...workspace,
        domain: directory.domains.find((d) => d.toLowerCase() === domain.toLowerCase()),
      },
      meta: newMeta(ctx.state, ctx.url(req, `${path}/${id}`)),
    };
    groups.set(id, group);
    res.location(group.meta.location).set('ETag', group.meta.version);
    sendScim(ctx, res, 201, group);
  });

  router.get(`${path}/:id`, (req, res) => {
    sendScim(ctx, res, 200, find(req.params.id));
  });

  router.patch(`${path}/:id`, (req, res) => {
    if (ctx.broken('group-patch-hangs')) return; // the client's timeout ends it
    const group = find(req.params.id);
    const body = jsonObject(req);
    // First, so the members are known to be objects; the group is replaced only once everything passed.
    const updated = applyPatch(group, body, GROUP_ATTRIBUTES, ctx.broken('member-delete-ignored'));
    if (typeof body.displayName === 'string') {
      const other = findByName(body.displayName);
      if (other && other.id !== group.id) throw conflict('A group with the same displayName already exists.');
    }
    if (Array.isArray(body.members)) checkMembers((body.members as Json[]).filter((m) => m.operation !== 'delete'));
    updated.members = withDisplay((updated.members as Json[] | undefined) ?? []);
    touch(ctx.state, updated);
    groups.set(group.id, updated);
    res.status(204).end();
  });

  router.delete(`${path}/:id`, (req, res) => {
    groups.delete(find(req.params.id).id);
    dropDeletedMembers(ctx.state);
    res.status(204).end();
  });

  function find(id: string): Resource {
    const group = groups.get(id);
    if (!group) throw notFound('The specified group does not exist.');
    return group;
  }

  function findByName(displayName: string): Resource | undefined {
    const wanted = displayName.toLowerCase();
    return [...groups.values()].find((g) => String(g.displayName).toLowerCase() === wanted);
  }

  /** Members must be existing users or groups. */
  function checkMembers(members: Json[]): Json[] {
    for (const member of members) {
      if (typeof member.value !== 'string' || !(users.has(member.value) || groups.has(member.value))) {
        throw badRequest(`Group member ${String(member.value)} does not exist.`);
      }
    }
    return members;
  }

  function withDisplay(members: Json[]): Json[] {
    return members.map((m) => {
      const user = users.get(String(m.value));
      return {
        value: m.value,
        type: user ? 'User' : 'Group',
        display: user ? user.userName : groups.get(String(m.value))?.displayName,
      };
    });
  }
}
