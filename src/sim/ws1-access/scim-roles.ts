import type { IRouter } from 'express';
import { jsonObject, type Ws1AccessContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { roleResource } from './roles.js';
import { listResources, type ListQuery } from './scim-query.js';
import { sendScim } from './scim-users.js';
import { touch, type Role, type RoleMember } from './state.js';

type Json = Record<string, unknown>;

const MEMBER_FIELDS = new Set(['value', 'type', 'operation', 'display']);

/**
 * /SAAS/jersey/manager/api/scim/Roles (vendor spec): list, read, and PATCH members in the SCIM 1.1 style,
 * {"members":[{"value","type":"User"|"Group"[,"operation":"delete"]}]}. Roles themselves are made in the console.
 */
export function scimRolesRoutes(router: IRouter, ctx: Ws1AccessContext): void {
  const path = '/SAAS/jersey/manager/api/scim/Roles';
  const { roles, users, groups } = ctx.state;

  router.get(path, (req, res) => {
    const resources = [...roles.values()].map((role) => roleResource(ctx.state, role));
    sendScim(ctx, res, 200, listResources(resources, req.query as ListQuery));
  });

  router.get(`${path}/:id`, (req, res) => {
    sendScim(ctx, res, 200, roleResource(ctx.state, find(req.params.id)));
  });

  router.patch(`${path}/:id`, (req, res) => {
    const role = find(req.params.id);
    const body = jsonObject(req);
    const unknown = Object.keys(body).find((name) => name !== 'schemas' && name !== 'members');
    if (unknown !== undefined) throw badRequest(`Unknown attribute: ${unknown}.`);
    if (body.members === undefined) return void res.status(204).end();
    if (!Array.isArray(body.members)) throw badRequest('Attribute members must be a list of objects.');
    // Everything is checked before anything changes.
    const changes = (body.members as unknown[]).map(validChange);
    let members = [...role.members];
    for (const { member, remove } of changes) {
      members = members.filter((m) => m.value !== member.value);
      if (!remove) members.push(member);
    }
    role.members = members;
    touch(ctx.state, role);
    res.status(204).end();
  });

  function find(id: string): Role {
    const role = roles.get(id);
    if (!role) throw notFound('The specified role does not exist.');
    return role;
  }

  /** A member to add or remove: an existing user or group (404 otherwise, as the vendor spec says). */
  function validChange(entry: unknown): { member: RoleMember; remove: boolean } {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw badRequest('Attribute members must be a list of objects.');
    const { value, type, operation } = entry as Json;
    const unknown = Object.keys(entry).find((name) => !MEMBER_FIELDS.has(name));
    if (unknown !== undefined) throw badRequest(`Unknown attribute: members.${unknown}.`);
    if (typeof value !== 'string' || !value) throw badRequest('A member needs a value: the id of a user or group.');
    if (type !== undefined && type !== 'User' && type !== 'Group')
      throw badRequest(`Unsupported member type: ${String(type)}; use User or Group.`);
    if (operation !== undefined && operation !== 'delete')
      throw badRequest(`Unsupported operation: ${String(operation)}.`);
    const kind = type ?? (users.has(value) ? 'User' : 'Group');
    if (!(kind === 'User' ? users : groups).has(value))
      throw notFound(`The specified role member ${value} does not exist.`);
    return { member: { value, type: kind }, remove: operation === 'delete' };
  }
}
