import { Router } from 'express';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD_SIZE, URN } from './constants.js';
import type { JanssenContext } from './context.js';
import { jsonObject, scimBody } from './body.js';
import { FIDO2_DEVICES } from './devices.js';
import { asScimError, errorBody, invalidSyntax, invalidValue, ScimError } from './errors.js';
import { GROUPS } from './groups.js';
import { requireScopes } from './oauth.js';
import { createResource, deleteResource, notAllowed, patchResource, replaceResource, type Kind } from './resources.js';
import { USERS } from './users.js';

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  kind: Kind;
  /** What follows the endpoint: an id, or a bulkId reference ("bulkId:x"). */
  fragment: string;
  bulkId?: string;
  data?: Record<string, unknown>;
}

/** POST /Bulk (scope bulk): the operations, in order, each answered with its own status. */
export function bulkRouter(ctx: JanssenContext): Router {
  const router = Router();
  router.post('/Bulk', requireScopes(ctx, 'bulk'), scimBody(BULK_MAX_PAYLOAD_SIZE), (req, res) => {
    ctx.send(req, res, 200, processBulk(ctx, jsonObject(req), ctx.base(req)));
  });
  router.all('/Bulk', notAllowed(['POST']));
  return router;
}

const REQUEST_FIELDS = new Set(['schemas', 'failOnErrors', 'Operations']);

/**
 * BulkWebService: the whole request is checked first (400 invalidSyntax for an operation Janssen cannot run,
 * 413 for too many); then operations run until `failOnErrors` of them failed. A bulkId reference ("bulkId:x",
 * in a path or anywhere in data) is replaced by the id that operation created; an unknown one fails its operation.
 */
export function processBulk(ctx: JanssenContext, body: Record<string, unknown>, base: string) {
  const unknown = Object.keys(body).find((name) => !REQUEST_FIELDS.has(name));
  if (unknown !== undefined) throw invalidSyntax(`Unrecognized field of BulkRequest: ${unknown}`);
  const failOnErrors = body.failOnErrors ?? BULK_MAX_OPERATIONS;
  if (!Number.isSafeInteger(failOnErrors)) throw invalidSyntax('failOnErrors must be an integer');
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidValue('No operations supplied');
  if (operations.length > BULK_MAX_OPERATIONS)
    throw new ScimError(413, '', `The number of operations exceed the maxOperations value (${BULK_MAX_OPERATIONS}). `);
  const parsed = operations.map((operation: unknown) => parseOperation(operation, base));

  const created = new Map<string, string>();
  const answers: Record<string, unknown>[] = [];
  let errors = 0;
  for (const operation of parsed) {
    if (errors >= (failOnErrors as number)) break;
    const answer: Record<string, unknown> = { bulkId: operation.bulkId, method: operation.method };
    try {
      const result = execute(ctx, operation, created);
      if (operation.method !== 'DELETE') answer.location = `${base}${operation.kind.endpoint}/${result.id}`;
      answer.status = String(result.status);
    } catch (error) {
      const refusal = asScimError(error);
      answer.status = String(refusal.status);
      answer.response = errorBody(refusal, ctx.broken('error-status-as-number'));
      errors += 1;
    }
    answers.push(answer);
  }
  return { schemas: [URN.bulkResponse], Operations: answers };
}

function parseOperation(operation: unknown, base: string): Operation {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation))
    throw invalidSyntax('An operation passed was found to be null');
  const { method, path, bulkId, data, version: _version, ...rest } = operation as Record<string, unknown>;
  const field = Object.keys(rest)[0];
  if (field !== undefined) throw invalidSyntax(`Unrecognized field of a bulk operation: ${field}`);
  if (typeof path !== 'string' || !path) throw invalidSyntax('path parameter is required');
  const verb = typeof method === 'string' ? method.toUpperCase() : '';
  if (!(METHODS as readonly string[]).includes(verb)) throw invalidSyntax(`method not recognized: ${String(method)}`);
  const relative = path.startsWith(base) ? path.slice(base.length) : path;
  const kind = [USERS, GROUPS, FIDO2_DEVICES].find((k) =>
    verb === 'POST'
      ? relative === k.endpoint
      : relative.startsWith(`${k.endpoint}/`) && relative.length > k.endpoint.length + 1,
  );
  if (!kind) throw invalidSyntax(`path parameter is not consistent with method ${verb}`);
  if (bulkId !== undefined && bulkId !== null && typeof bulkId !== 'string')
    throw invalidSyntax('bulkId parameter must be a string');
  if (!bulkId && verb === 'POST') throw invalidSyntax(`bulkId parameter is required for method ${verb}`);
  if (verb !== 'DELETE' && (typeof data !== 'object' || data === null || Array.isArray(data)))
    throw invalidSyntax(`data parameter is required for method ${verb}`);
  return {
    method: verb as Method,
    kind,
    fragment: relative.slice(kind.endpoint.length + 1),
    bulkId: (bulkId as string | undefined) || undefined,
    data: verb === 'DELETE' ? undefined : (data as Record<string, unknown>),
  };
}

/** "bulkId:x" replaced by what the operation with bulkId x created (BulkWebService.replaceBulkIds). */
function resolve(text: string, created: Map<string, string>): string {
  return text.replace(/bulkId:(\w+)/g, (_match, id: string) => {
    const real = created.get(id);
    if (real === undefined) throw invalidSyntax(`bulkId '${id}' not recognized`);
    return real;
  });
}

function execute(ctx: JanssenContext, operation: Operation, created: Map<string, string>) {
  const { kind, method } = operation;
  const id = resolve(operation.fragment, created);
  const data =
    operation.data && (JSON.parse(resolve(JSON.stringify(operation.data), created)) as Record<string, unknown>);
  if (kind.device && (method === 'POST' || method === 'PATCH'))
    throw new ScimError(405, '', `Method ${method} is not allowed on ${kind.endpoint}`);
  switch (method) {
    case 'POST': {
      const resource = createResource(ctx, kind, data!);
      if (operation.bulkId) created.set(operation.bulkId, resource.id);
      return { status: 201, id: resource.id };
    }
    case 'PUT':
      return { status: 200, id: replaceResource(ctx, kind, id, data!).id };
    case 'PATCH':
      return { status: 200, id: patchResource(ctx, kind, id, data!).id };
    case 'DELETE':
      deleteResource(ctx, kind, id);
      return { status: 204, id };
  }
}
