import type { Resource, Scim2State } from '../scim2/state.js';
import { groupStore, userStore } from '../scim2/stores.js';
import { realSources, type Sources } from '../shell/sources.js';

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
export interface JanssenState extends Scim2State {
  clients: Map<string, JanssenClient>;
  tokens: Map<string, JanssenToken>;
  fido2Devices: Map<string, Resource>;
  /** U2F devices; served only when the fidoDevices option is on. */
  fidoDevices: Map<string, Resource>;
}

export function newJanssenState(adminClient: JanssenClient, sources: Sources = realSources()): JanssenState {
  return {
    clients: new Map([[adminClient.clientId, { ...adminClient }]]),
    tokens: new Map(),
    users: userStore(),
    groups: groupStore(),
    fido2Devices: new Map(),
    fidoDevices: new Map(),
    now: sources.now,
    uuid: sources.uuid,
    bytes: sources.bytes,
    writes: 0,
  };
}
