import { scimPatch, ScimError as ScimPatchError, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { isDeepStrictEqual } from 'node:util';
import { keyOf, stripCore } from './attribute-paths.js';
import type { Scim2Context } from './context.js';
import { invalidPath, invalidSyntax, mutability, ScimError } from './errors.js';
import type { Scim2State } from './state.js';
import { URN } from './urn.js';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

const OPERATION_FIELDS = new Set(['op', 'path', 'value']);

/**
 * A PatchOp body (RFC 7644 section 3.5.2) checked before the resource is looked up, as Janssen's
 * BaseScimWebService.inspectPatchRequest does: exactly the PatchOp schema, an Operations array, known
 * operations, a path for remove, a value for the others.
 */
export function inspectPatch(ctx: Scim2Context<Scim2State>, body: Record<string, unknown>): PatchOperation[] {
  const unknown = Object.keys(body).find((name) => name !== 'schemas' && name !== 'Operations');
  if (unknown !== undefined) throw invalidSyntax(`Unrecognized field of PatchOp: ${unknown}`);
  const { schemas, Operations: operations } = body;
  const exact = Array.isArray(schemas) && schemas.length === 1 && schemas[0] === URN.patchOp;
  if (!exact && !ctx.broken('patch-any-schema')) throw invalidSyntax('Wrong schema(s) supplied in Search Request');
  if (!Array.isArray(operations)) throw invalidSyntax("Patch request MUST contain the attribute 'Operations'");
  return operations.flatMap((operation: unknown) => {
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation))
      throw invalidSyntax(`Operation '${JSON.stringify(operation)}' not recognized`);
    const { op, path, value } = operation as Record<string, unknown>;
    const field = Object.keys(operation).find((name) => !OPERATION_FIELDS.has(name));
    if (field !== undefined) throw invalidSyntax(`Unrecognized field of a patch operation: ${field}`);
    const name = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (name !== 'add' && name !== 'replace' && name !== 'remove')
      throw invalidSyntax(`Operation '${String(op)}' not recognized`);
    // Broken on purpose: only the RFC's lower-case names, where Entra ID sends "Add", "Replace", "Remove".
    if (op !== name && ctx.broken('patch-op-case-sensitive'))
      throw invalidSyntax(`Operation '${String(op)}' not recognized: use add, replace or remove`);
    if (path !== undefined && path !== null && typeof path !== 'string')
      throw invalidSyntax('The path of a patch operation must be a string');
    if (!path && name === 'remove')
      throw new ScimError(400, 'noTarget', 'Path attribute is required for remove operation');
    // Broken on purpose: the readings of RFC 7644 section 3.5.2 that servers most often lack.
    if (!path && ctx.broken('patch-pathless-refused'))
      throw new ScimError(400, 'noTarget', 'An operation without a path is not supported');
    if (typeof path === 'string' && path.includes('[') && ctx.broken('patch-member-filter-unsupported'))
      throw invalidPath(`Value filters in paths are not supported: ${path}`);
    if ((value === undefined || value === null) && name !== 'remove')
      throw invalidSyntax('Value attribute is required for operations other than remove');
    if (name === 'remove' && typeof path === 'string') return removeByValue(ctx, path, value);
    return [{ op: name, path: path || undefined, value }];
  });
}

/**
 * A remove with a path and, as Entra ID sends one to remove a member, a value naming what goes
 * (`"path":"members","value":[{"value":"…"}]`): the values named go, the others stay. RFC 7644 section 3.5.2.2 gives
 * a remove no value (the path alone removes every value), so reading the value so is this server's choice.
 */
function removeByValue(ctx: Scim2Context<Scim2State>, path: string, value: unknown): PatchOperation[] {
  const named = (item: unknown) =>
    typeof item === 'object' && item !== null && typeof (item as { value?: unknown }).value === 'string';
  if (path.includes('[') || !Array.isArray(value) || !value.length || !value.every(named))
    return [{ op: 'remove', path }];
  // Broken on purpose: the value is ignored, and every member goes.
  if (ctx.broken('patch-remove-value-ignored')) return [{ op: 'remove', path }];
  return value.map((item: { value: string }) => ({
    op: 'remove',
    path: `${path}[value eq ${JSON.stringify(item.value)}]`,
  }));
}

export interface PatchTarget {
  core: string;
  /** The extension URNs the resource may carry, whose objects this module handles whole. */
  extensions: readonly string[];
  /** Attributes a PATCH may not touch (InvalidAttributeValueException: 400 mutability). */
  readOnly: readonly string[];
}

/**
 * The resource with the operations applied in order, by scim-patch, on a copy: the stored resource is left as
 * it was if any operation fails. Paths may carry the core schema URN. An extension's object as a whole (path
 * "<URN>", or a key of a path-less value) is handled here: scim-patch splits a key at its last colon.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  operations: readonly PatchOperation[],
  target: PatchTarget,
): Record<string, unknown> {
  let doc = structuredClone(resource);
  for (const operation of operations) {
    if (operation.path !== undefined) {
      const path = withExtensionCase(stripCore(operation.path.trim(), target.core), target.extensions);
      guard(path, target);
      if (target.extensions.includes(path)) {
        wholeExtension(doc, operation.op, operation.value, path, true);
        continue;
      }
      doc = run(doc, { ...operation, path });
      continue;
    }
    const { value } = operation;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalidSyntax('The value of a patch operation without a path must be an object of attributes');
    const rest: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const name = withExtensionCase(stripCore(key, target.core), target.extensions);
      // A read-only attribute given as it is (Okta's group rename sends the id) modifies nothing.
      if (isReadOnly(name, target) && isDeepStrictEqual(doc[keyOf(doc, name) ?? name], item)) continue;
      guard(name, target);
      if (target.extensions.includes(name)) {
        wholeExtension(doc, operation.op, item, name, false);
      } else {
        Object.defineProperty(rest, name, { value: item, enumerable: true, writable: true, configurable: true });
      }
    }
    if (Object.keys(rest).length) doc = run(doc, { op: operation.op, value: rest });
  }
  return doc;
}

function run(doc: Record<string, unknown>, operation: PatchOperation): Record<string, unknown> {
  try {
    return scimPatch(doc as unknown as ScimResource, [operation as ScimPatchOperation], {
      mutateDocument: true,
      treatMissingAsAdd: true,
    }) as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ScimPatchError) throw new ScimError(400, error.scimCode ?? 'invalidSyntax', error.message);
    const message = error instanceof Error ? error.message : String(error);
    throw invalidSyntax(`The patch operation cannot be applied: ${message}`);
  }
}

/** add merges into the extension's object; replace with its URN as the path swaps it; remove drops it. */
function wholeExtension(
  doc: Record<string, unknown>,
  op: PatchOperation['op'],
  value: unknown,
  urn: string,
  replaceWhole: boolean,
): void {
  if (op === 'remove') {
    delete doc[urn];
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidSyntax(`The value for ${urn} must be an object`);
  const previous = (replaceWhole && op === 'replace' ? {} : (doc[urn] ?? {})) as Record<string, unknown>;
  doc[urn] = { ...previous, ...(value as Record<string, unknown>) };
}

/** A path into an extension, with the URN spelt as the resource stores it. */
function withExtensionCase(path: string, extensions: readonly string[]): string {
  const lower = path.toLowerCase();
  const extension = extensions.find((urn) => lower === urn.toLowerCase() || lower.startsWith(`${urn.toLowerCase()}:`));
  return extension ? extension + path.slice(extension.length) : path;
}

const FORBIDDEN = /(^|[^\w$])(__proto__|constructor|prototype)([^\w$]|$)/;

/** Paths that would reach Object.prototype are refused, and so are read-only attributes. */
function guard(path: string, target: PatchTarget): void {
  if (FORBIDDEN.test(path.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw invalidPath(`Invalid path: ${path}`);
  if (isReadOnly(path, target))
    throw mutability(`Attribute ${rootOf(path, target)} is read-only and cannot be modified`);
}

function rootOf(path: string, target: PatchTarget): string {
  const extension = target.extensions.find((urn) => path.startsWith(urn));
  return extension ?? path.split(/[.[]/)[0]!.trim();
}

function isReadOnly(path: string, target: PatchTarget): boolean {
  const root = rootOf(path, target);
  return target.readOnly.some((name) => name.toLowerCase() === root.toLowerCase());
}
