import { randomBytes, randomUUID } from 'node:crypto';

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

export interface Ws1AccessState {
  clients: Map<string, OAuthClient>;
  tokens: Map<string, Token>;
  directories: Map<string, Directory>;
  users: Map<string, Resource>;
  groups: Map<string, Resource>;
}

/** Workspace ONE Access's default access-token lifetime: 3 hours (developer.omnissa.com, authentication). */
export const DEFAULT_TOKEN_TTL_MINUTES = 180;

export function newState(adminClient: { clientId: string; secret: string }): Ws1AccessState {
  const system: Directory = {
    directoryId: randomUUID(),
    name: 'System Directory',
    type: 'LOCAL_DIRECTORY',
    domains: [SYSTEM_DOMAIN],
    userstoreId: randomUUID(),
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
    users: new Map(),
    groups: new Map(),
  };
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The directory holding a domain (domains compare case-insensitively, as DNS names do). */
export function directoryOfDomain(state: Ws1AccessState, domain: string): Directory | undefined {
  const wanted = domain.toLowerCase();
  return [...state.directories.values()].find((d) => d.domains.some((x) => x.toLowerCase() === wanted));
}

export function newMeta(location: string): Meta {
  const now = new Date().toISOString();
  return { created: now, lastModified: now, location, version: `W/"${randomBytes(8).toString('hex')}"` };
}

export function touch(resource: Resource): void {
  resource.meta = {
    ...resource.meta,
    lastModified: new Date().toISOString(),
    version: `W/"${randomBytes(8).toString('hex')}"`,
  };
}

/** Drops group members that no longer exist, once users or groups are deleted. */
export function dropDeletedMembers(state: Ws1AccessState): void {
  for (const group of state.groups.values()) {
    group.members = ((group.members as { value?: unknown }[] | undefined) ?? []).filter(
      (m) => state.users.has(String(m.value)) || state.groups.has(String(m.value)),
    );
  }
}
