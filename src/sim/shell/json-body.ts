import express, { type Request, type RequestHandler } from 'express';

/** Jackson's default nesting limit (StreamReadConstraints, since 2.15), which both tenants' Java stacks parse with. */
const MAX_JSON_DEPTH = 1000;

/** Whether the request says it carries a body (a Content-Length above 0, or chunks). */
export function hasBody(req: Request): boolean {
  return Number(req.get('content-length')) > 0 || req.get('transfer-encoding') !== undefined;
}

/**
 * What no handler should be given: JSON nested deeper than Jackson reads (stored, it would also overflow the
 * stack each time it is filtered or served), or, with `refuseProto`, an object naming __proto__. Iterative, so
 * no body can overflow the stack here.
 */
export function jsonBodyProblem(value: unknown, { refuseProto }: { refuseProto: boolean }): string | undefined {
  // Objects and arrays only, each beside its depth: a stack of pairs would cost an array per value.
  const pending: unknown[] = [];
  const depths: number[] = [];
  const push = (child: unknown, depth: number) => {
    if (typeof child !== 'object' || child === null) return;
    pending.push(child);
    depths.push(depth);
  };
  push(value, 1);
  while (pending.length) {
    const node = pending.pop() as object;
    const depth = depths.pop()!;
    if (depth > MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    if (Array.isArray(node)) {
      for (const child of node) push(child, depth + 1);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (refuseProto && key === '__proto__') return `Unrecognized field: ${key}`;
      push((node as Record<string, unknown>)[key], depth + 1);
    }
  }
  return undefined;
}

/** A refusal body-parser would make: its status and its `type` (clientMistake words it). */
class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** What nearly every client sends; with a quoted or other charset, or more parameters, body-parser decides. */
const PLAIN_JSON = /^application\/json(?:; ?charset=utf-8)?$/i;
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/**
 * express.json({ type: types, limit }), with the common case read here, without its per-request media-type
 * lookups and decoders: a plain application/json body, unencoded, of a Content-Length within the limit. It gets
 * body-parser's answers (a UTF-8 BOM dropped, an empty body as {}, strict: an object or an array, 400
 * entity.parse.failed otherwise). Everything else (chunked, compressed, another charset or JSON type, too large,
 * no body) goes to express.json itself, so no refusal changes.
 */
export function jsonBodyParser(types: string[], limit: number): RequestHandler {
  const parser = express.json({ type: types, limit });
  return (req, res, next) => {
    const { headers } = req;
    const length = headers['content-length'];
    if (length === undefined && headers['transfer-encoding'] === undefined) {
      // No body (a GET, a DELETE): body-parser leaves req.body undefined.
      if (!Reflect.has(req, 'body')) req.body = undefined;
      return next();
    }
    const plain =
      req.readable &&
      headers['transfer-encoding'] === undefined &&
      (headers['content-encoding'] === undefined || headers['content-encoding'].toLowerCase() === 'identity') &&
      length !== undefined &&
      Number(length) <= limit &&
      isPlainJson(req);
    if (!plain) return parser(req, res, next);
    if (!Reflect.has(req, 'body')) req.body = undefined;
    const chunks: Buffer[] = [];
    let complete = false;
    const done = (error?: BodyError) => {
      if (complete) return;
      complete = true;
      req.off('data', onData).off('end', onEnd);
      if (error) return next(error);
      try {
        req.body = parseStrict((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'));
      } catch {
        return next(new BodyError(400, 'entity.parse.failed', 'invalid JSON'));
      }
      next();
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => done();
    // Cut short, the client has gone: there is no one to answer, but the error handler still hears of it.
    const onAborted = () => done(new BodyError(400, 'request.aborted', 'request aborted'));
    req.on('data', onData).on('end', onEnd).once('aborted', onAborted).once('error', onAborted);
  };
}

/** Whether the Content-Type is plain application/json (so any JSON type a parser accepts). */
export function isPlainJson(req: Request): boolean {
  return PLAIN_JSON.test(req.headers['content-type'] ?? '');
}

/** body-parser's strict JSON: no BOM, an empty body is {}, anything but an object or array refused. */
function parseStrict(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  if (body[0] !== '{' && body[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(body)?.[1];
    if (first !== '{' && first !== '[') throw new SyntaxError('strict violation');
  }
  return JSON.parse(body) as unknown;
}
