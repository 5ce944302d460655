import type { JanssenDefect } from './defects.js';
import type { Sources } from '../shell/sources.js';
import type { JanssenState } from './state.js';

export interface JanssenOptions {
  /** The U2F /FidoDevices endpoint (older servers); current servers removed it (jans #10887): 404. Default false. */
  fidoDevices?: boolean;
  /** Protection mode BYPASS, set on purpose: every endpoint answers without a token. Default false. */
  bypass?: boolean;
  /** The SCIM configuration's maxCount (default 200). */
  maxCount?: number;
  /** The user extension URN (default urn:ietf:params:scim:schemas:extension:gluu:2.0:User). */
  userExtension?: string;
  /** Access-token lifetime in seconds (default 300: Janssen tokens are short-lived). */
  tokenTtlSeconds?: number;
  /** Seed one Fido2 device (and one U2F device when fidoDevices) for a seeded user, so device requests can run. Default false. */
  seedDevices?: boolean;
  /** Its clock, ids and tokens (shell/sources.ts); real ones by default. */
  sources?: Sources;
}

/** What Janssen's own handlers (its token endpoint, its protection, its dialect) share in one simulator instance. */
export class JanssenContext {
  /** Mutable, so a test can break a running simulator and repair it. */
  readonly defects: Set<JanssenDefect>;
  readonly fidoDevices: boolean;
  readonly tokenTtlSeconds: number;

  constructor(
    readonly state: JanssenState,
    readonly options: JanssenOptions,
    defects: Iterable<JanssenDefect> = [],
  ) {
    this.defects = new Set(defects);
    this.fidoDevices = options.fidoDevices ?? false;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 300;
  }

  broken(defect: JanssenDefect): boolean {
    return this.defects.has(defect);
  }

  /** BYPASS protection mode: chosen (the option), or not (the defect). */
  get bypassed(): boolean {
    return Boolean(this.options.bypass) || this.broken('bypass-mode');
  }
}
