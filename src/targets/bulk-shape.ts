/**
 * What a target's SCIM user API is for a bulk run (src/targets/<id>/bulk.ts): where users live, the headers its
 * writes take, the bodies Okta's initial assignment sends (the same shapes as the target's templates), and how a
 * run gets its credentials. Data only: src/run/bulk/ sends them.
 */

/** One user of a bulk run, generated or read from a data file; its userName already carries the run's scope. */
export interface BulkUser {
  userName: string;
  givenName: string;
  familyName: string;
  email: string;
  /** Its place in the run (1-based), for the externalId Okta would send. */
  index: number;
}

export interface BulkRequest {
  method: string;
  /** Absolute, on the tenant's origin. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * How the run authenticates: a header it already has, or a token it asks for first (and again when the tenant
 * refuses it with one of `expired`, 401 unless the target says otherwise).
 */
export type BulkAuth = { header: string } | { tokenRequest: BulkRequest; refusal: string; expired?: readonly number[] };

export interface BulkShape {
  /** The URL of the Users endpoint (no trailing slash). */
  users: string;
  /** Accept and Content-Type of its SCIM requests, and what else Okta's client sends. */
  headers: Record<string, string>;
  /** What the update step sends: PUT where the target documents a replace, PATCH where it has no PUT. */
  updateMethod: 'PUT' | 'PATCH';
  create(user: BulkUser): object;
  update(user: BulkUser, id: string): object;
  deactivate(user: BulkUser, id: string): object;
  auth: BulkAuth;
}

/** A target's row: the shape of its user API for a profile, given the run's secrets and where it sends. */
export type BulkShapeOf<T> = (
  tenant: T,
  run: { baseUrl: string; runId: string; secret: (key: string) => string },
) => BulkShape;

/** The name a user is changed to by the update step, as the templates' update does (Ada Lovelace → Augusta Ada King). */
export function updatedName(user: BulkUser): { givenName: string; familyName: string; displayName: string } {
  const givenName = `${user.givenName} (updated)`;
  return { givenName, familyName: user.familyName, displayName: `${givenName} ${user.familyName}` };
}

export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
