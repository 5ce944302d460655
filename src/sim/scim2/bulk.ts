import { Router } from 'express';
import { jsonObject, scimBody } from './body.js';
import type { Scim2Context } from './context.js';
import { asScimError, invalidSyntax, invalidValue, ScimError } from './errors.js';
import { respond } from './media.js';
import { notAllowed } from './not-allowed.js';
import type { Kind } from './resource-type.js';
import { createResource, deleteResource, patchResource, replaceResource } from './resources.js';
import type { Scim2State } from './state.js';
import { URN } from './urn.js';

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

interface Operation<S extends Scim2State> {
  method: Method;
  kind: Kind<S>;
  /** What follows the endpoint: an id, or a bulkId reference ("bulkId:x"). */
  fragment: string;
  bulkId?: string;
  data?: Record<string, unknown>;
}

/** POST /Bulk (RFC 7644 section 3.7): the operations, in order, each answered with its own status. */
export function bulkRouter<S extends Scim2State>(ctx: Scim2Context<S>): Router {
  const router = Router();
  router.post('/Bulk', ctx.dialect.guard('bulk'), scimBody(ctx.dialect.bulk.maxPayloadSize), (req, res) => {
    respond(req, res, 200, processBulk(ctx, jsonObject(req), ctx.base(req)));
  });
  router.all('/Bulk', notAllowed(['POST']));
  return router;
}

const REQUEST_FIELDS = new Set(['schemas', 'failOnErrors', 'Operations']);

/**
 * As Janssen's BulkWebService runs it: the whole request is checked first (400 invalidSyntax for an operation
 * that cannot run, 413 for too many); then operations run until `failOnErrors` of them failed. A bulkId
 * reference ("bulkId:x", in a path or anywhere in data) is replaced by the id that operation created; an
 * unknown one fails its operation.
 */
function processBulk<S extends Scim2State>(ctx: Scim2Context<S>, body: Record<string, unknown>, base: string) {
  const unknown = Object.keys(body).find((name) => !REQUEST_FIELDS.has(name));
  if (unknown !== undefined) throw invalidSyntax(`Unrecognized field of BulkRequest: ${unknown}`);
  const { maxOperations, resourceTypes } = ctx.dialect.bulk;
  const failOnErrors = body.failOnErrors ?? maxOperations;
  if (!Number.isSafeInteger(failOnErrors)) throw invalidSyntax('failOnErrors must be an integer');
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidValue('No operations supplied');
  if (operations.length > maxOperations)
    throw new ScimError(413, '', `The number of operations exceed the maxOperations value (${maxOperations}). `);
  const parsed = operations.map((operation: unknown) => parseOperation(operation, base, resourceTypes));

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
      answer.response = ctx.dialect.errorBody(refusal);
      errors += 1;
    }
    answers.push(answer);
  }
  return { schemas: [URN.bulkResponse], Operations: answers };
}

function parseOperation<S extends Scim2State>(
  operation: unknown,
  base: string,
  kinds: readonly Kind<S>[],
): Operation<S> {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation))
    throw invalidSyntax('An operation passed was found to be null');
  const { method, path, bulkId, data, version: _version, ...rest } = operation as Record<string, unknown>;
  const field = Object.keys(rest)[0];
  if (field !== undefined) throw invalidSyntax(`Unrecognized field of a bulk operation: ${field}`);
  if (typeof path !== 'string' || !path) throw invalidSyntax('path parameter is required');
  const verb = typeof method === 'string' ? method.toUpperCase() : '';
  if (!(METHODS as readonly string[]).includes(verb)) throw invalidSyntax(`method not recognized: ${String(method)}`);
  const relative = path.startsWith(base) ? path.slice(base.length) : path;
  const kind = kinds.find((k) =>
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

function execute<S extends Scim2State>(ctx: Scim2Context<S>, operation: Operation<S>, created: Map<string, string>) {
  const { kind, method } = operation;
  const id = resolve(operation.fragment, created);
  // Broken on purpose: a bulkId reference in the data is stored as sent.
  const data =
    operation.data && !ctx.broken('bulk-id-unresolved')
      ? (JSON.parse(resolve(JSON.stringify(operation.data), created)) as Record<string, unknown>)
      : operation.data;
  if (kind.userDevice && (method === 'POST' || method === 'PATCH'))
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
