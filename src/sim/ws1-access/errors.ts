import type { Response } from 'express';

/** A refusal in Workspace ONE Access's error envelope: {"errors":[{"code","message","parameters"}]}. */
export class Ws1Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new Ws1Error(400, 'bad.request', message);
export const notFound = (message = 'Resource not found.') => new Ws1Error(404, 'NOT_FOUND', message);
export const conflict = (message: string) => new Ws1Error(409, 'conflict', message);
export const forbidden = () => new Ws1Error(403, 'forbidden', 'User is not authorized to perform the task.');
export const unauthorized = (message: string) => new Ws1Error(401, 'unauthorized', message);

export function sendWs1Error(res: Response, error: Ws1Error): void {
  res
    .status(error.status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ code: error.code, message: error.message, parameters: null }] }));
}

/** The token endpoint speaks OAuth (RFC 6749 section 5.2), not the envelope. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}
