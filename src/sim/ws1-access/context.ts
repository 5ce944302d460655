import type { Request, Response } from 'express';
import type { Ws1AccessDefect } from './defects.js';
import { notAcceptable, unsupportedMediaType, Ws1Error } from './errors.js';
import type { DocumentedSetUp, ExistingDirectory } from './set-up.js';
import type { Sources } from '../shell/sources.js';
import type { Ws1AccessState } from './state.js';

export interface Ws1AccessOptions {
  /** Answer application/json instead of the vendor media types, as tenants do after KB 6000953. */
  jsonMediaTypes?: boolean;
  /** User attributes marked Required on the tenant's User Attributes page, such as distinguishedName. */
  requiredUserAttributes?: string[];
  /**
   * Directories the tenant has before a run, besides the System Directory: one for Just-in-Time users holding a
   * domain, say, or one of the profile's name with another domain (set-up.ts, seedDirectories).
   */
  directories?: ExistingDirectory[];
  defects?: Iterable<Ws1AccessDefect>;
  /** The scoped-SCIM-token set-up of the document: the SCIM role (a console-only step, always seeded), and what an admin made by hand. */
  scoped?: ScopedSetup;
  /** The Okta client and the directory, as the documents' set-up (a `--setup` run) leaves them. */
  setUp?: DocumentedSetUp;
  /** Its clock, ids, tokens and secrets (shell/sources.ts); real ones by default. */
  sources?: Sources;
}

export interface ScopedSetup {
  /**
   * The Other directory the role's Domain condition names (the document assumes it exists). Created unless a
   * directory holds that domain, or `seeded` is false: a set-up run is to make it, and the role names its domain.
   */
  directory: { name: string; domain: string; seeded?: false };
  /** A role whose condition is "Manage users" in directory.domain + "Manage groups". */
  role: { name: string };
  /** Seeded when given: a User Access Token client (authGrantTypes "authorization_code refresh_token", scope "admin user profile"). */
  client?: {
    clientId: string;
    secret: string;
    redirectUri: string;
    accessTokenTTL: number;
    refreshTokenTTL: number;
    refreshTokenIdleTTL: number;
  };
  /** Seeded when given: a LOCAL user in System Domain with this password, active, the role's only member. */
  serviceAccount?: { userName: string; email: string; password: string };
}

/** What every route handler of one simulator instance shares. */
export class Ws1AccessContext {
  /** Mutable, so a test can break a running simulator and repair it. */
  readonly defects: Set<Ws1AccessDefect>;

  constructor(
    readonly state: Ws1AccessState,
    readonly options: Ws1AccessOptions,
  ) {
    this.defects = new Set(options.defects ?? []);
  }

  broken(defect: Ws1AccessDefect): boolean {
    return this.defects.has(defect);
  }

  /** Sends JSON labelled with a vendor media type (or application/json on a post-KB-6000953 tenant). */
  send(res: Response, status: number, mediaType: string, body?: unknown): void {
    const json = this.options.jsonMediaTypes || this.broken('strict-media-types');
    res.status(status).type(json ? 'application/json' : mediaType);
    if (body === undefined) res.end();
    else res.send(JSON.stringify(body));
  }

  /** The absolute URL of a path on this tenant, for Location headers and _links. */
  url(req: Request, path: string): string {
    return `${req.protocol}://${req.get('host')}${path}`;
  }
}

export const VENDOR = 'application/vnd.vmware.horizon.manager.';

/** Refuses a request body whose Content-Type is none of the accepted ones (415, as Jersey does). */
export function requireContentType(req: Request, accepted: readonly string[]): void {
  const mediaType = mediaTypeOf(req);
  if (!accepted.includes(mediaType)) throw unsupportedMediaType(mediaType, accepted);
}

/**
 * The OAuth client endpoints as the 2025 spec lists them (application/json only), checked as Jersey matches a
 * resource: a body of another type is 415, then an Accept that rules application/json out is 406 (DELETE answers
 * nothing, `*\/*` in the spec).
 */
export function requireJsonOnly(req: Request): void {
  if (['POST', 'PUT', 'PATCH'].includes(req.method)) requireContentType(req, ['application/json']);
  if (req.method !== 'DELETE' && !req.accepts('application/json'))
    throw notAcceptable(req.get('accept') ?? '', 'application/json');
}

/** The Content-Type without its parameters, lower-cased ('' when there is none). */
export function mediaTypeOf(req: Request): string {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Refuses fields the vendor's type does not declare, as Jackson does by default (FAIL_ON_UNKNOWN_PROPERTIES). */
export function rejectUnknownFields(body: Record<string, unknown>, known: ReadonlySet<string>): void {
  const unknown = Object.keys(body).find((name) => !known.has(name));
  if (unknown !== undefined) throw new Ws1Error(400, 'bad.request', `Unrecognized field "${unknown}".`);
}

/** The parsed JSON object body, or a 400 in the envelope. */
export function jsonObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Ws1Error(400, 'bad.request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
