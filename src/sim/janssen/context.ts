import type { Request, Response } from 'express';
import type { JanssenDefect } from './defects.js';
import { DEFAULT_MAX_COUNT, DEFAULT_USER_EXTENSION, SCIM_BASE, SCIM_JSON } from './constants.js';
import { ScimError } from './errors.js';
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
}

/** What every route handler of one simulator instance shares. */
export class JanssenContext {
  /** Mutable, so a test can break a running simulator and repair it. */
  readonly defects: Set<JanssenDefect>;
  readonly fidoDevices: boolean;
  readonly maxCount: number;
  readonly userExtension: string;
  readonly tokenTtlSeconds: number;

  constructor(
    readonly state: JanssenState,
    readonly options: JanssenOptions,
    defects: Iterable<JanssenDefect> = [],
  ) {
    this.defects = new Set(defects);
    this.fidoDevices = options.fidoDevices ?? false;
    this.maxCount = options.maxCount ?? DEFAULT_MAX_COUNT;
    this.userExtension = options.userExtension ?? DEFAULT_USER_EXTENSION;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 300;
  }

  broken(defect: JanssenDefect): boolean {
    return this.defects.has(defect);
  }

  /** BYPASS protection mode: chosen (the option), or not (the defect). */
  get bypassed(): boolean {
    return Boolean(this.options.bypass) || this.broken('bypass-mode');
  }

  /** The absolute URL of the SCIM API as this request reached it, for meta.location and Location headers. */
  base(req: Request): string {
    return `${req.protocol}://${req.get('host')}${SCIM_BASE}`;
  }

  /** An id nobody holds: 404 "<Type> with id <id> not found" (500 on a simulator broken on purpose). */
  unknownId(resourceType: string, id: string): ScimError {
    const detail = `${resourceType} with id ${id} not found`;
    return this.broken('unknown-id-500')
      ? new ScimError(500, '', `Unexpected error: ${detail}`)
      : new ScimError(404, '', detail);
  }

  /** A SCIM answer, as application/scim+json unless the client asked for application/json only. */
  send(req: Request, res: Response, status: number, body?: unknown): void {
    res.status(status);
    if (body === undefined) return void res.end();
    res.type(`${req.accepts([SCIM_JSON, 'application/json']) || SCIM_JSON}; charset=utf-8`);
    res.send(JSON.stringify(body));
  }
}
