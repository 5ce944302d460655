import express, { type Request, type RequestHandler } from 'express';
import { hasBody, jsonBodyProblem } from '../shell/json-body.js';
import { invalidSyntax, ScimError } from './errors.js';
import { JSON_TYPES } from './media.js';

/**
 * The body of a SCIM request, refused before any handler guesses at it: another media type than
 * application/scim+json or application/json gets 415; JSON nested too deep, or naming __proto__, gets 400; a
 * body above `limit` gets 413.
 */
export function scimBody(limit: number | string = '1mb'): RequestHandler {
  const parse = express.json({ type: JSON_TYPES, limit });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        checkBody(req);
      } catch (refusal) {
        return next(refusal);
      }
      next();
    });
}

function checkBody(req: Request): void {
  if (hasBody(req) && !req.is(JSON_TYPES)) {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim() || '(none)';
    throw new ScimError(415, '', `Content-Type ${type} is not supported; use ${JSON_TYPES.join(' or ')}`);
  }
  const problem = jsonBodyProblem(req.body, { refuseProto: true });
  if (problem) throw invalidSyntax(problem);
}

/** The parsed body as a JSON object, or 400. */
export function jsonObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidSyntax('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
