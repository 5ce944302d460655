import type { Kind } from '../scim2/resource-type.js';
import type { SchemaDef } from '../scim2/schema.js';
import { leaveGroups, USERS } from '../scim2/users.js';
import type { JanssenState } from './state.js';

/** Janssen's /Users: the core's, with the custom extension; a deleted user takes its devices with it. */
export function janssenUsers(extension: SchemaDef): Kind<JanssenState> {
  return {
    ...USERS,
    extensions: [extension],
    deleted(ctx, id) {
      leaveGroups(ctx.state, id);
      for (const store of [ctx.state.fido2Devices, ctx.state.fidoDevices]) {
        for (const [deviceId, device] of store) if (device.userId === id) store.delete(deviceId);
      }
    },
  };
}
