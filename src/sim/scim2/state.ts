import type { Sources } from '../shell/sources.js';
import type { Meta } from './resource.js';
import type { GroupStore, UserStore } from './stores.js';

export type { Meta, Resource } from './resource.js';

/**
 * What every SCIM 2.0 simulator holds: its users and groups, and what meta is stamped with; its clock (a test may
 * replace `now` to move time on) and where its ids come from.
 */
export interface Scim2State extends Sources {
  users: UserStore;
  groups: GroupStore;
  /** Bumped on each write, for meta.version. */
  writes: number;
}

/** A fresh meta, or `previous` with a new lastModified and version. */
export function stamp(state: Scim2State, resourceType: string, previous?: Meta): Meta {
  const now = new Date(state.now()).toISOString();
  state.writes += 1;
  return {
    resourceType,
    created: previous?.created ?? now,
    lastModified: now,
    version: `W/"${state.writes.toString(16)}"`,
  };
}
