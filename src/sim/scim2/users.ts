import { USER_SCHEMA } from './core-schemas.js';
import { uniqueness } from './errors.js';
import type { Kind } from './resource-type.js';
import type { Resource, Scim2State } from './state.js';

/** /Users: userName unique whatever its case (it is not caseExact), groups computed from the groups' members. */
export const USERS: Kind = {
  endpoint: '/Users',
  schema: USER_SCHEMA,
  store: (state) => state.users,
  readOnly: ['id', 'meta', 'groups'],

  unique(ctx, user) {
    if (ctx.broken('duplicate-user-accepted')) return;
    const userName = String(user.userName).toLowerCase();
    for (const other of ctx.state.users.values()) {
      if (other.id !== user.id && String(other.userName).toLowerCase() === userName)
        throw uniqueness(`Duplicate UID value: ${user.userName}`);
    }
  },

  render(ctx, user, base) {
    const { schemas, id, meta, password: _password, ...attributes } = user;
    const groups = [...ctx.state.groups.values()]
      .filter((group) => members(group).some((m) => m.value === id))
      .map((group) => ({
        value: group.id,
        $ref: `${base}/Groups/${group.id}`,
        display: group.displayName,
        type: 'direct',
      }));
    return {
      schemas,
      id,
      ...attributes,
      ...(groups.length ? { groups } : {}),
      meta: { ...meta, location: `${base}/Users/${id}` },
    };
  },

  deleted: (ctx, id) => leaveGroups(ctx.state, id),
};

/** A deleted user leaves every group it was a member of. */
export function leaveGroups(state: Scim2State, userId: string): void {
  for (const group of state.groups.values()) {
    if (members(group).some((m) => m.value === userId))
      group.members = members(group).filter((m) => m.value !== userId);
  }
}

export function members(group: Resource): { value: string }[] {
  return Array.isArray(group.members) ? (group.members as { value: string }[]) : [];
}
