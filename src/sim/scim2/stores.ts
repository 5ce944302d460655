import { IndexedMap } from '../shell/indexed-map.js';
import type { Resource } from './resource.js';

/**
 * Users by id, and by userName folded to lower case: userName is not caseExact, so its uniqueness and lookups fold
 * (RFC 7643 section 4.1.1; Workspace ONE Access alike).
 */
export type UserStore<R = Resource> = IndexedMap<R, 'userName'>;
/** Groups by id, and by the ids of their members (a user's groups, computed each time a user is served). */
export type GroupStore = IndexedMap<Resource, 'member'>;

/** The key a userName is indexed and looked up under. */
export const userNameKey = (userName: unknown): string => String(userName).toLowerCase();

export function userStore<R extends Record<string, unknown> = Resource>(): UserStore<R> {
  return new IndexedMap<R, 'userName'>({ userName: (user) => [userNameKey(user.userName)] });
}

export function groupStore(): GroupStore {
  return new IndexedMap({
    member: (group) =>
      Array.isArray(group.members)
        ? (group.members as { value?: unknown }[]).flatMap((m) => (typeof m?.value === 'string' ? [m.value] : []))
        : [],
  });
}
