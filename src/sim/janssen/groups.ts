import { URN } from './constants.js';
import { invalidValue, uniqueness } from './errors.js';
import type { Kind } from './resources.js';
import { SCHEMAS } from './schemas.js';
import { members } from './users.js';

/** /Groups: displayName unique whatever its case, members are existing users, no externalId (nowhere to store it). */
export const GROUPS: Kind = {
  name: 'Group',
  endpoint: '/Groups',
  schema: URN.group,
  read: 'groups.read',
  write: 'groups.write',
  attributes: SCHEMAS.group.attributes,
  store: (state) => state.groups,
  readOnly: ['id', 'meta'],

  refine(ctx, attributes) {
    const { externalId: _dropped, ...rest } = attributes;
    if (rest.members === undefined) return rest;
    const seen = new Set<string>();
    const kept: { value: string; type: 'User' }[] = [];
    for (const member of rest.members as Record<string, unknown>[]) {
      const value = member.value;
      if (typeof value !== 'string' || !value) throw invalidValue('Every member needs a value: the id of a user');
      if (member.type !== undefined && member.type !== 'User')
        throw invalidValue(`Member ${value}: only users can be members of a group`);
      if (!ctx.state.users.has(value)) throw invalidValue(`Member ${value} is not a user of this server`);
      if (!seen.has(value)) kept.push({ value, type: 'User' });
      seen.add(value);
    }
    return { ...rest, members: kept };
  },

  unique(ctx, group) {
    const displayName = String(group.displayName).toLowerCase();
    for (const other of ctx.state.groups.values()) {
      if (other.id !== group.id && String(other.displayName).toLowerCase() === displayName)
        throw uniqueness(`Duplicate group displayName value: ${group.displayName}`);
    }
  },

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
