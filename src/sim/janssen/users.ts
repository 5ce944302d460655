import { URN } from './constants.js';
import { uniqueness } from './errors.js';
import type { Kind } from './resources.js';
import { SCHEMAS } from './schemas.js';
import type { Resource } from './state.js';

/** /Users: userName unique whatever its case (uid in LDAP), the custom extension, groups computed. */
export const USERS: Kind = {
  name: 'User',
  endpoint: '/Users',
  schema: URN.user,
  read: 'users.read',
  write: 'users.write',
  attributes: SCHEMAS.user.attributes,
  store: (state) => state.users,
  extension: (ctx) => ctx.userExtension,
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

  deleted(ctx, id) {
    for (const group of ctx.state.groups.values()) {
      if (members(group).some((m) => m.value === id)) group.members = members(group).filter((m) => m.value !== id);
    }
    for (const store of [ctx.state.fido2Devices, ctx.state.fidoDevices]) {
      for (const [deviceId, device] of store) if (device.userId === id) store.delete(deviceId);
    }
  },
};

export function members(group: Resource): { value: string }[] {
  return Array.isArray(group.members) ? (group.members as { value: string }[]) : [];
}
