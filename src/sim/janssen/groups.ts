import { uniqueness } from '../scim2/errors.js';
import { checkMembers, GROUPS } from '../scim2/groups.js';
import type { Kind } from '../scim2/resource-type.js';
import { withoutExternalId } from './external-id.js';
import type { JanssenState } from './state.js';

/** Janssen's /Groups: the core's, without externalId, and displayName unique whatever its case. */
export const JANSSEN_GROUPS: Kind<JanssenState> = {
  ...GROUPS,
  refine: (ctx, attributes) => checkMembers(ctx, withoutExternalId(attributes)),

  unique(ctx, group) {
    const displayName = String(group.displayName).toLowerCase();
    for (const other of ctx.state.groups.values()) {
      if (other.id !== group.id && String(other.displayName).toLowerCase() === displayName)
        throw uniqueness(`Duplicate group displayName value: ${group.displayName}`);
    }
  },
};
