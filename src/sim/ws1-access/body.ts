import type { RequestHandler } from 'express';
import { hasBody, isPlainJson, jsonBodyParser, jsonBodyProblem } from '../shell/json-body.js';
import { mediaTypeOf } from './context.js';
import { badRequest, unsupportedMediaType } from './errors.js';

/** Any JSON media type: application/json, the vendor +json types and application/scim+json. */
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The admin API's body parser. A body it cannot read is refused before any route guesses at it: one that is
 * not JSON gets 415 (as Jersey answers a media type it has no reader for), JSON nested too deep gets 400.
 */
export function jsonBody(): RequestHandler[] {
  return [jsonBodyParser(JSON_TYPES, 1024 * 1024), checkJsonBody];
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const checkJsonBody: RequestHandler = (req, _res, next) => {
  if (WITH_BODY.has(req.method) && hasBody(req) && !isPlainJson(req) && !req.is(JSON_TYPES)) {
    throw unsupportedMediaType(mediaTypeOf(req), JSON_TYPES);
  }
  const problem = jsonBodyProblem(req.body, { refuseProto: false });
  if (problem) throw badRequest(problem);
  next();
};
