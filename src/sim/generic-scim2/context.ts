import type { SchemaDef } from '../scim2/schema.js';
import type { Sources } from '../shell/sources.js';
import type { GenericScim2Defect } from './defects.js';
import type { GenericScim2State } from './state.js';

export interface GenericScim2Options {
  /** Where the SCIM API is served: the path of the profile's baseUrl ("/scim/v2"), "" for the root. */
  basePath?: string;
  /** A search's page size when it names no count, and the largest it may name (default 100). */
  maxCount?: number;
  /** The schema extensions its users may carry (RFC 7643 section 3.3), listed by discovery; none by default. */
  extensions?: readonly SchemaDef[];
  /** false: its resources have no versions (no ETags, conditional requests ignored); versioned by default. */
  etag?: boolean;
  /** false: it does not serve /Me (501); otherwise /Me is the user of its client, seeded at start. */
  me?: boolean;
  /** Its clock, ids and tokens (shell/sources.ts); real ones by default. */
  sources?: Sources;
}

/** What the generic dialect's own handlers (its guard, its token endpoint, its errors) share. */
export class GenericScim2Context {
  /** Mutable, so a test can break a running simulator and repair it. */
  readonly defects: Set<GenericScim2Defect>;

  constructor(
    readonly state: GenericScim2State,
    readonly options: GenericScim2Options,
    defects: Iterable<GenericScim2Defect> = [],
  ) {
    this.defects = new Set(defects);
  }

  broken(defect: GenericScim2Defect): boolean {
    return this.defects.has(defect);
  }
}
