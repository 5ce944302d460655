import type { RequestHandler } from 'express';
import type { Scim2Defect } from './defects.js';
import type { ScimError } from './errors.js';
import type { Kind } from './resource-type.js';
import type { Scim2State } from './state.js';

/** What an endpoint serves, for the dialect's guard: one resource type read or written, or a whole-API endpoint. */
export type Access<S extends Scim2State> = { kind: Kind<S>; write: boolean } | 'root search' | 'bulk' | 'discovery';

/** What a target running the SCIM 2.0 core declares: where it serves, what, behind which guard, and how it errs. */
export interface Scim2Dialect<S extends Scim2State> {
  /** The path the SCIM API is served under, as meta.location and Location headers carry it. */
  basePath: string;
  /** The resource types served, in the order discovery lists them. */
  resourceTypes: readonly Kind<S>[];
  /** What POST /.search (RFC 7644 section 3.4.3) searches. */
  rootSearch: readonly Kind<S>[];
  /** What /Bulk (RFC 7644 section 3.7) takes: how much, and which resource types. */
  bulk: { maxOperations: number; maxPayloadSize: number; resourceTypes: readonly Kind<S>[] };
  /** A search's page size when it names no count, and the largest count it may name. */
  maxCount: number;
  /**
   * How PUT reads a body (RFC 7644 section 3.5.1): `replace`, the resource becomes what the body says (an attribute
   * it leaves out is cleared, as the RFC allows); `merge`, what it leaves out stays as it was (Janssen).
   */
  put: 'replace' | 'merge';
  /**
   * Versioning (RFC 7644 section 3.14): a resource's answers carry its meta.version as ETag, a GET whose
   * If-None-Match names it is 304, a write whose If-Match does not is 412; ServiceProviderConfig says so.
   */
  etag?: boolean;
  /** What /ServiceProviderConfig says beyond what the core supports. */
  serviceProvider: { documentationUri: string; authenticationSchemes: readonly Record<string, unknown>[] };
  /** The middleware that lets a request through to an endpoint, or refuses it. */
  guard(access: Access<S>): RequestHandler;
  /** The body of a SCIM Error as the target writes it. */
  errorBody(error: ScimError): Record<string, unknown>;
  /** Quirk: the refusal of a query parameter that should be an integer and is not one the target reads. */
  unreadableInteger(name: string, value: string): ScimError;
  /** The core's defects in force; a test may change them while the simulator runs. */
  broken(defect: Scim2Defect): boolean;
}
