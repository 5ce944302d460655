import { USER_SCHEMA } from './core-schemas.js';
import { uniqueness } from './errors.js';
import type { Kind } from './resource-type.js';
import type { Resource, Scim2State } from './state.js';
import { userNameKey } from './stores.js';
import { userNameAskedFor } from './user-name-filter.js';

/**
 * /Users: userName unique whatever its case (it is not caseExact), groups computed from the groups' members; both
 * found through the stores' indexes (stores.ts), so neither costs a scan of every user or group.
 */
export const USERS: Kind = {
  endpoint: '/Users',
  schema: USER_SCHEMA,
  store: (state) => state.users,
  readOnly: ['id', 'meta', 'groups'],

  unique(ctx, user) {
    if (ctx.broken('duplicate-user-accepted')) return;
    if (ctx.state.users.find('userName', userNameKey(user.userName)).some((other) => other.id !== user.id))
      throw uniqueness(`Duplicate UID value: ${user.userName}`);
  },

  render(ctx, user, base) {
    const { schemas, id, meta, password: _password, ...attributes } = user;
    const groups = ctx.state.groups.find('member', id).map((group) => ({
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

  candidates(ctx, filter) {
    const userName = userNameAskedFor(filter, USER_SCHEMA.id);
    return userName === undefined ? undefined : ctx.state.users.find('userName', userName);
  },

  deleted: (ctx, id) => leaveGroups(ctx.state, id),
};

/** A deleted user leaves every group it was a member of. */
export function leaveGroups(state: Scim2State, userId: string): void {
  for (const group of state.groups.find('member', userId)) {
    group.members = members(group).filter((m) => m.value !== userId);
    state.groups.set(group.id, group); // changed in place: indexed again
  }
}

export function members(group: Resource): { value: string }[] {
  return Array.isArray(group.members) ? (group.members as { value: string }[]) : [];
}
