/** meta as stored; `location` is added when a resource is served, from the address it is served at. */
export interface Meta {
  resourceType: string;
  created: string;
  lastModified: string;
  version: string;
}

/** A stored SCIM resource: its attributes as they would be served, less what is computed then. */
export type Resource = Record<string, unknown> & { id: string; schemas: string[]; meta: Meta };

export interface JanssenClient {
  clientId: string;
  secret: string;
}

export interface JanssenToken {
  clientId: string;
  /** Granted scopes, with their https://jans.io/scim/ prefix. */
  scopes: string[];
  expiresAt: number;
}

/** Everything a Janssen simulator holds; tests may read and change it directly. */
export interface JanssenState {
  clients: Map<string, JanssenClient>;
  tokens: Map<string, JanssenToken>;
  users: Map<string, Resource>;
  groups: Map<string, Resource>;
  fido2Devices: Map<string, Resource>;
  /** U2F devices; served only when the fidoDevices option is on. */
  fidoDevices: Map<string, Resource>;
  /** Milliseconds since the epoch; a test may replace it to move time on. */
  now: () => number;
  /** Bumped on each write, for meta.version. */
  writes: number;
}

export function newJanssenState(adminClient: JanssenClient): JanssenState {
  return {
    clients: new Map([[adminClient.clientId, { ...adminClient }]]),
    tokens: new Map(),
    users: new Map(),
    groups: new Map(),
    fido2Devices: new Map(),
    fidoDevices: new Map(),
    now: () => Date.now(),
    writes: 0,
  };
}

/** A fresh meta, or `previous` with a new lastModified and version. */
export function stamp(state: JanssenState, resourceType: string, previous?: Meta): Meta {
  const now = new Date(state.now()).toISOString();
  state.writes += 1;
  return {
    resourceType,
    created: previous?.created ?? now,
    lastModified: now,
    version: `W/"${state.writes.toString(16)}"`,
  };
}
