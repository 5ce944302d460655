import { invalidSyntax, invalidValue } from './errors.js';
import type { AttributeDef, SchemaDef } from './schema.js';

/** Names a body must never carry: they would reach Object.prototype through a path or a merge. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

interface CheckOptions {
  /** The schema extensions whose objects the resource may carry (users). */
  extensions?: readonly Pick<SchemaDef, 'id' | 'attributes'>[];
  /** PUT: required attributes may be left out ("laxRequiredness"). */
  lax: boolean;
}

const COMMON = new Set(['schemas', 'id', 'meta']);

/**
 * A body checked against its schema, as the attributes to store: unknown attributes and values of the wrong
 * type are refused; null values, read-only attributes and id/meta/schemas are left out; of several primary
 * values, the first stays primary (as Janssen's ScimResourceUtil.adjustPrimarySubAttributes does).
 */
export function checkAttributes(
  body: Record<string, unknown>,
  attributes: readonly AttributeDef[],
  options: CheckOptions,
): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (COMMON.has(name) || value === null) continue;
    if (name === 'externalId') {
      if (typeof value !== 'string') throw invalidSyntax('Attribute externalId must be a string');
      clean.externalId = value;
      continue;
    }
    const extension = options.extensions?.find((e) => e.id.toLowerCase() === name.toLowerCase());
    if (extension) {
      clean[extension.id] = checkExtension(value, extension);
      continue;
    }
    const definition = attributes.find((a) => a.name === name);
    if (!definition) throw invalidSyntax(`Unrecognized attribute: ${name}`);
    if (definition.mutability === 'readOnly') continue;
    clean[name] = checkValue(value, definition, name);
  }
  if (!options.lax) {
    for (const definition of attributes.filter((a) => a.required)) {
      const value = clean[definition.name];
      if (value === undefined || (typeof value === 'string' && !value.trim()))
        throw invalidValue(`Attribute ${definition.name} is required`);
    }
  }
  return clean;
}

function checkValue(value: unknown, definition: AttributeDef, path: string): unknown {
  if (definition.multiValued) {
    if (!Array.isArray(value)) throw invalidSyntax(`Attribute ${path} must be an array`);
    const items = value.filter((item) => item !== null).map((item) => checkSingle(item, definition, path));
    let primary = false;
    for (const item of items) {
      if (typeof item !== 'object' || item === null || !('primary' in item)) continue;
      const entry = item as Record<string, unknown>;
      if (entry.primary === true && primary) entry.primary = false;
      primary ||= entry.primary === true;
    }
    return items;
  }
  return checkSingle(value, definition, path);
}

function checkSingle(value: unknown, definition: AttributeDef, path: string): unknown {
  switch (definition.type) {
    case 'complex': {
      // A plain string for a single complex attribute with a value, as Entra ID sends a manager's id, is its value.
      if (
        typeof value === 'string' &&
        !definition.multiValued &&
        definition.subAttributes?.some((a) => a.name === 'value')
      )
        return { value };
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw invalidSyntax(`Attribute ${path} must be an object`);
      const clean: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        if (sub === null) continue;
        const subDefinition = definition.subAttributes?.find((a) => a.name === name);
        if (!subDefinition) throw invalidSyntax(`Unrecognized attribute: ${path}.${name}`);
        if (subDefinition.mutability === 'readOnly') continue;
        clean[name] = checkSingle(sub, subDefinition, `${path}.${name}`);
      }
      return clean;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidSyntax(`Attribute ${path} must be a boolean`);
      return value;
    case 'integer':
      if (!Number.isSafeInteger(value)) throw invalidSyntax(`Attribute ${path} must be an integer`);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw invalidSyntax(`Attribute ${path} must be a number`);
      return value;
    default:
      if (typeof value !== 'string') throw invalidSyntax(`Attribute ${path} must be a string`);
      return value;
  }
}

/** An extension's attributes: the complex ones its schema defines, as defined; any other, a simple value or an array of them. */
function checkExtension(value: unknown, { id: urn, attributes }: Pick<SchemaDef, 'id' | 'attributes'>) {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidSyntax(`Attribute ${urn} must be an object`);
  const clean: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    if (FORBIDDEN_NAMES.has(name) || !name) throw invalidSyntax(`Unrecognized attribute: ${urn}:${name}`);
    if (item === null) continue;
    // A complex attribute its schema defines (the Enterprise User's manager) is checked as the schema says.
    const complexDefinition = attributes.find(
      (a) => a.type === 'complex' && a.name.toLowerCase() === name.toLowerCase(),
    );
    if (complexDefinition) {
      clean[complexDefinition.name] = checkValue(item, complexDefinition, `${urn}:${name}`);
      continue;
    }
    const simple = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
    if (!simple(item) && !(Array.isArray(item) && item.every(simple)))
      throw invalidSyntax(`Attribute ${urn}:${name} must be a simple value or an array of them`);
    clean[name] = item;
  }
  return clean;
}

/** The `schemas` a created (or patched) resource declares: its core schema, and only schemas it may carry. */
export function checkSchemas(value: unknown, core: string, extensions: readonly string[] = []): void {
  const known = [core, ...extensions].map((s) => s.toLowerCase());
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
    throw invalidValue('Attribute schemas is required and must be an array of URIs');
  if (!value.some((s) => s.toLowerCase() === core.toLowerCase()))
    throw invalidValue(`Wrong value of schemas attribute: ${core} is missing`);
  const unknown = value.find((s) => !known.includes(s.toLowerCase()));
  if (unknown !== undefined) throw invalidValue(`Wrong value of schemas attribute: ${unknown} is not supported`);
}
