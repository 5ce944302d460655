import { clientMistake } from '../shell/client-mistakes.js';
import { Refusal } from '../shell/refusal.js';
import { URN } from './constants.js';

/** A refusal in Janssen's SCIM Error format (BaseScimWebService.getErrorResponse). */
export class ScimError extends Refusal {
  constructor(
    status: number,
    /** "" when Janssen passes none (ErrorResponse serializes a null scimType as ""). */
    readonly scimType: string,
    readonly detail: string,
  ) {
    super(status, detail);
  }
}

export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
export const mutability = (detail: string) => new ScimError(400, 'mutability', detail);
export const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);
export const notFound = (detail = 'Resource not found') => new ScimError(404, '', detail);

/** The Error body; `status` is a string, as Janssen sends it (a number only on a simulator broken on purpose). */
export function errorBody(error: ScimError, statusAsNumber = false) {
  return {
    schemas: [URN.error],
    status: statusAsNumber ? error.status : String(error.status),
    scimType: error.scimType,
    detail: error.detail,
  };
}

/**
 * A refusal of the OAuth protection filter: a bare string entity, no JSON and no WWW-Authenticate
 * (BaseOAuthProtectionService, DefaultOAuthProtectionService).
 */
export class AuthRefusal extends Refusal {
  constructor(status: 401 | 403) {
    super(status, status === 401 ? 'No authorization header found' : 'Invalid token or insufficient scopes');
  }
}

/** Any error a handler or middleware throws, as a SCIM Error (see clientMistake). */
export function asScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  const mistake = clientMistake(error);
  if (mistake) return new ScimError(mistake.status, mistake.status === 400 ? 'invalidSyntax' : '', mistake.message);
  return new ScimError(500, '', 'Unexpected error: the simulator failed to serve this request.');
}
