import { clientMistake } from '../shell/client-mistakes.js';
import { Refusal } from '../shell/refusal.js';

/** A refusal as a SCIM Error (RFC 7644 section 3.12); the dialect writes its body. */
export class ScimError extends Refusal {
  constructor(
    status: number,
    /** "" for none. */
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

/** Any error a handler or middleware throws, as a SCIM Error (see clientMistake). */
export function asScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  const mistake = clientMistake(error);
  if (mistake) return new ScimError(mistake.status, mistake.status === 400 ? 'invalidSyntax' : '', mistake.message);
  return new ScimError(500, '', 'Unexpected error: the simulator failed to serve this request.');
}
