import { checkMembers, GROUPS, uniqueDisplayName } from '../scim2/groups.js';
import type { Kind } from '../scim2/resource-type.js';
import { withoutExternalId } from './external-id.js';
import type { JanssenState } from './state.js';

/** Janssen's /Groups: the core's, without externalId, and displayName unique whatever its case. */
export const JANSSEN_GROUPS: Kind<JanssenState> = {
  ...GROUPS,
  refine: (ctx, attributes) => checkMembers(ctx, withoutExternalId(attributes)),
  unique: uniqueDisplayName,
};
