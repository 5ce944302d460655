import express, { type Request, type RequestHandler } from 'express';
import { JSON_TYPES } from './constants.js';
import { invalidSyntax, ScimError } from './errors.js';

/** Jackson's default nesting limit (StreamReadConstraints, since 2.15), which Janssen's RESTEasy parses with. */
const MAX_JSON_DEPTH = 1000;

/**
 * The body of a SCIM request, refused before any handler guesses at it: another media type than
 * application/scim+json or application/json gets 415 (@Consumes); JSON nested deeper than Jackson reads, or
 * naming __proto__, gets 400; a body above `limit` gets 413.
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
  const hasBody = Number(req.get('content-length')) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is(JSON_TYPES)) {
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim() || '(none)';
    throw new ScimError(415, '', `Content-Type ${type} is not supported; use ${JSON_TYPES.join(' or ')}`);
  }
  const problem = inspect(req.body);
  if (problem) throw invalidSyntax(problem);
}

/** Iterative, so no body can overflow the stack here. */
function inspect(value: unknown): string | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    for (const [key, child] of Object.entries(node)) {
      if (!Array.isArray(node) && key === '__proto__') return `Unrecognized field: ${key}`;
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** The parsed body as a JSON object, or 400. */
export function jsonObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidSyntax('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
