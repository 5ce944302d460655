import { userStore, type UserStore } from '../scim2/stores.js';
import { realSources, type Sources } from '../shell/sources.js';

/** The in-memory tenant one simulator instance serves. Nothing is shared between instances. */

export const SYSTEM_DOMAIN = 'System Domain';
export const WORKSPACE = 'urn:scim:schemas:extension:workspace:1.0';
export const CORE = 'urn:scim:schemas:core:1.0';

export interface OAuthClient {
  clientId: string;
  secret: string;
  scope: string;
  authGrantTypes: string;
  tokenType: 'Bearer';
  accessTokenTTL: number;
  refreshTokenTTL?: number;
  refreshTokenIdleTTL?: number;
  redirectUri?: string;
  rememberAs?: string;
  displayUserGrant: boolean;
  internalSystemClient: boolean;
  inheritanceAllowed: boolean;
}

export interface Token {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** The user an authorization_code or refresh_token grant issued it to; absent for client credentials. */
  userId?: string;
}

/** An authorization code: single-use, short-lived, bound to the client, redirect URI, user and scope. */
export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
}

/** A refresh token, always a user's. Expiry times are ms on the state's clock; absent: no limit. */
export interface RefreshToken {
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt?: number;
  /** How long it may go unused (the client's refreshTokenIdleTTL when it was issued). */
  idleMinutes?: number;
  lastUsedAt: number;
}

export interface RoleMember {
  value: string;
  type: 'User' | 'Group';
}

/**
 * An admin role as the document's SCIM role: "Manage users" with a Domain condition (users of `domain`
 * only) and "Manage groups" (all groups). Its members are users, or groups whose members get it.
 */
export interface Role {
  id: string;
  displayName: string;
  domain: string;
  members: RoleMember[];
  meta: Meta;
}

export type DirectoryType = 'OTHER_DIRECTORY' | 'LOCAL_DIRECTORY' | 'JIT_DIRECTORY';

export interface Directory {
  directoryId: string;
  name: string;
  type: DirectoryType;
  domains: string[];
  userstoreId: string;
}

/** SCIM resources are kept as the JSON they are served as; id and meta are the simulator's. */
export type Resource = Record<string, unknown> & { id: string; meta: Meta };

export interface Meta {
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

/** Besides what it holds: its clock (a test may replace `now`), and where its ids and secrets come from. */
export interface Ws1AccessState extends Sources {
  clients: Map<string, OAuthClient>;
  tokens: Map<string, Token>;
  directories: Map<string, Directory>;
  /** Found by userName too (its index folds case, as the tenant compares userNames). */
  users: UserStore<Resource>;
  groups: Map<string, Resource>;
  roles: Map<string, Role>;
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshToken>;
  /** Passwords of LOCAL users by user id: write-only, so never part of the user resource. */
  passwords: Map<string, string>;
}

/** Workspace ONE Access's default access-token lifetime: 3 hours (developer.omnissa.com, authentication). */
export const DEFAULT_TOKEN_TTL_MINUTES = 180;

export function newState(
  adminClient: { clientId: string; secret: string },
  sources: Sources = realSources(),
): Ws1AccessState {
  const system: Directory = {
    directoryId: sources.uuid(),
    name: 'System Directory',
    type: 'LOCAL_DIRECTORY',
    domains: [SYSTEM_DOMAIN],
    userstoreId: sources.uuid(),
  };
  return {
    clients: new Map([
      [
        adminClient.clientId,
        {
          clientId: adminClient.clientId,
          secret: adminClient.secret,
          scope: 'admin',
          authGrantTypes: 'client_credentials',
          tokenType: 'Bearer',
          accessTokenTTL: DEFAULT_TOKEN_TTL_MINUTES,
          displayUserGrant: false,
          internalSystemClient: true,
          inheritanceAllowed: false,
        },
      ],
    ]),
    tokens: new Map(),
    directories: new Map([[system.directoryId, system]]),
    users: userStore<Resource>(),
    groups: new Map(),
    roles: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    passwords: new Map(),
    now: sources.now,
    uuid: sources.uuid,
    bytes: sources.bytes,
  };
}

/** A secret, token or code as the tenant makes one up: 32 random bytes, base64url. */
export function newSecret(state: Sources): string {
  return state.bytes(32).toString('base64url');
}

/** The directory holding a domain (domains compare case-insensitively, as DNS names do). */
export function directoryOfDomain(state: Ws1AccessState, domain: string): Directory | undefined {
  const wanted = domain.toLowerCase();
  for (const d of state.directories.values()) if (d.domains.some((x) => x.toLowerCase() === wanted)) return d;
  return undefined;
}

export function newMeta(state: Sources, location: string): Meta {
  const now = new Date(state.now()).toISOString();
  return { created: now, lastModified: now, location, version: newVersion(state) };
}

export function touch(state: Sources, resource: { meta: Meta }): void {
  resource.meta = { ...resource.meta, lastModified: new Date(state.now()).toISOString(), version: newVersion(state) };
}

function newVersion(state: Sources): string {
  return `W/"${state.bytes(8).toString('hex')}"`;
}

/** Drops group and role members that no longer exist, once users or groups are deleted. */
export function dropDeletedMembers(state: Ws1AccessState): void {
  const exists = (m: { value?: unknown }) => state.users.has(String(m.value)) || state.groups.has(String(m.value));
  for (const group of state.groups.values()) {
    group.members = ((group.members as { value?: unknown }[] | undefined) ?? []).filter(exists);
  }
  for (const role of state.roles.values()) role.members = role.members.filter(exists);
}
