import type { Scim2State } from '../scim2/state.js';
import { groupStore, userStore } from '../scim2/stores.js';
import { realSources, type Sources } from '../shell/sources.js';

/**
 * How the simulated service authenticates its clients, with the credentials it accepts: a bearer token it was
 * given, HTTP Basic, or tokens it issues itself from a client-credentials grant at `tokenPath`.
 */
export type GenericAuth =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth2-client-credentials'; tokenPath: string; clientId: string; secret: string; scope?: string };

/** Everything the generic SCIM 2.0 simulator holds; tests may read and change it directly. */
export interface GenericScim2State extends Scim2State {
  auth: GenericAuth;
  /** Access tokens it issued (oauth2-client-credentials), with when each expires. */
  tokens: Map<string, { expiresAt: number }>;
  /** The id of the user /Me answers, the client's own (me.ts); not one the run created. */
  subject?: string;
}

export function newGenericScim2State(auth: GenericAuth, sources: Sources = realSources()): GenericScim2State {
  return {
    auth,
    tokens: new Map(),
    users: userStore(),
    groups: groupStore(),
    now: sources.now,
    uuid: sources.uuid,
    bytes: sources.bytes,
    writes: 0,
  };
}
