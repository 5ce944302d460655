import { GROUP_SCHEMA } from './core-schemas.js';
import { invalidValue, uniqueness } from './errors.js';
import type { Kind, KindContext } from './resource-type.js';
import type { Resource, Scim2State } from './state.js';
import { members } from './users.js';

/** /Groups: members are existing users, each listed once. */
export const GROUPS: Kind = {
  endpoint: '/Groups',
  schema: GROUP_SCHEMA,
  store: (state) => state.groups,
  readOnly: ['id', 'meta'],
  refine: checkMembers,

  render(ctx, group, base) {
    const { schemas, id, meta, members: _members, ...attributes } = group;
    const list = members(group).map(({ value }) => {
      const user = ctx.state.users.get(value);
      return { value, type: 'User', display: user?.displayName ?? user?.userName, $ref: `${base}/Users/${value}` };
    });
    return {
      schemas,
      id,
      ...attributes,
      ...(list.length ? { members: list } : {}),
      meta: { ...meta, location: `${base}/Groups/${id}` },
    };
  },
};

/** A group's attributes with its members checked: each the id of a user, kept once, typed User. */
export function checkMembers(ctx: KindContext<Scim2State>, attributes: Record<string, unknown>) {
  if (attributes.members === undefined) return attributes;
  const seen = new Set<string>();
  const kept: { value: string; type: 'User' }[] = [];
  for (const member of attributes.members as Record<string, unknown>[]) {
    const value = member.value;
    if (typeof value !== 'string' || !value) throw invalidValue('Every member needs a value: the id of a user');
    if (member.type !== undefined && member.type !== 'User')
      throw invalidValue(`Member ${value}: only users can be members of a group`);
    if (!ctx.state.users.has(value)) throw invalidValue(`Member ${value} is not a user of this server`);
    if (!seen.has(value)) kept.push({ value, type: 'User' });
    seen.add(value);
  }
  return { ...attributes, members: kept };
}

/**
 * A group whose displayName another group has, whatever its case, is refused (409 uniqueness): a server's choice
 * (RFC 7643 gives displayName no uniqueness), which Janssen and the generic simulator make, as clients expect.
 */
export function uniqueDisplayName(ctx: KindContext<Scim2State>, group: Resource): void {
  const displayName = String(group.displayName).toLowerCase();
  for (const other of ctx.state.groups.values()) {
    if (other.id !== group.id && String(other.displayName).toLowerCase() === displayName)
      throw uniqueness(`Duplicate group displayName value: ${group.displayName}`);
  }
}
