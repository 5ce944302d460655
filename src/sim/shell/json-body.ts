import type { Request } from 'express';

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
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    for (const [key, child] of Object.entries(node)) {
      if (refuseProto && !Array.isArray(node) && key === '__proto__') return `Unrecognized field: ${key}`;
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}
