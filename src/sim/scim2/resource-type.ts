import type { Scim2Defect } from './defects.js';
import type { SchemaDef } from './schema.js';
import type { Resource, Scim2State } from './state.js';

/** What a resource type's hooks see of the simulator: its state, and the core's defects in force. */
export interface KindContext<S extends Scim2State> {
  readonly state: S;
  broken(defect: Scim2Defect): boolean;
}

/** A resource type (RFC 7643 section 6): its endpoint, schema, and what sets it apart. */
export interface Kind<S extends Scim2State = Scim2State> {
  endpoint: string;
  schema: SchemaDef;
  /** The schema extensions the resource may carry (RFC 7643 section 3.3). */
  extensions?: readonly SchemaDef[];
  store(state: S): Map<string, Resource>;
  /** Checks beyond the schema, on the attributes to store; returns them as they are stored. */
  refine?(ctx: KindContext<S>, attributes: Record<string, unknown>): Record<string, unknown>;
  /** Refuses a resource that would clash with another (409 uniqueness). */
  unique?(ctx: KindContext<S>, resource: Resource): void;
  /** The resource as served: meta.location and computed attributes added, write-only ones left out. */
  render(ctx: KindContext<S>, resource: Resource, base: string): Record<string, unknown>;
  /** Attributes a PATCH may not touch. */
  readOnly: readonly string[];
  /**
   * A user's resource registered outside SCIM (Janssen's FIDO devices): no POST or PATCH; a `userId` (query
   * parameter, or in a PUT body) narrows lookups to one user's; a PUT keeps the read-only attributes stored.
   */
  userDevice?: boolean;
  /**
   * The only resources a search's filter can match, when an index finds them without a scan (a userName eq), in the
   * store's order; undefined: any of them may.
   */
  candidates?(ctx: KindContext<S>, filter: string): Resource[] | undefined;
  /** Drops what referred to a deleted resource. */
  deleted?(ctx: KindContext<S>, id: string): void;
}
