import { clientMistake } from '../shell/client-mistakes.js';
import { Refusal } from '../shell/refusal.js';

/** A refusal in Workspace ONE Access's error envelope: {"errors":[{"code","message","parameters"}]}. */
export class Ws1Error extends Refusal {
  constructor(
    status: number,
    readonly code: string,
    message: string,
  ) {
    super(status, message);
  }
}

export const badRequest = (message: string) => new Ws1Error(400, 'bad.request', message);
export const notFound = (message = 'Resource not found.') => new Ws1Error(404, 'NOT_FOUND', message);
export const conflict = (message: string) => new Ws1Error(409, 'conflict', message);
export const forbidden = () => new Ws1Error(403, 'forbidden', 'User is not authorized to perform the task.');
export const unauthorized = (message: string) => new Ws1Error(401, 'unauthorized', message);
export const notAcceptable = (accept: string, produced: string) =>
  new Ws1Error(406, 'not.acceptable', `Accept ${accept} names no type this resource answers in; use ${produced}`);
export const unsupportedMediaType = (mediaType: string, accepted: readonly string[]) =>
  new Ws1Error(
    415,
    'unsupported.media.type',
    `Content-Type ${mediaType || '(none)'} is not supported here; use ${accepted.join(' or ')}`,
  );

/** The envelope's JSON text. */
export function envelope(error: Ws1Error): string {
  return JSON.stringify({ errors: [{ code: error.code, message: error.message, parameters: null }] });
}

/** Any error a handler or middleware throws, as a refusal in the envelope (see clientMistake). */
export function asWs1Error(error: unknown): Ws1Error {
  if (error instanceof Ws1Error) return error;
  const mistake = clientMistake(error);
  if (mistake) {
    const code = mistake.status === 415 ? 'unsupported.media.type' : 'bad.request';
    return new Ws1Error(mistake.status, code, mistake.message);
  }
  return new Ws1Error(500, 'internal.error', 'An unexpected error occurred.');
}
