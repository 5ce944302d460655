import { URN } from './constants.js';
import { invalidSyntax, invalidValue } from './errors.js';

/** An attribute definition as RFC 7643 section 7 describes it, served by /Schemas and used to check bodies. */
export interface AttributeDef {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'type' | 'subAttributes'>>;

function attr(name: string, type: AttributeDef['type'], options: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: options.description ?? `${name} attribute`,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}
const str = (name: string, options?: Options) => attr(name, 'string', options);
const complex = (name: string, subAttributes: AttributeDef[], options: Options = {}): AttributeDef => ({
  ...attr(name, 'complex', options),
  subAttributes,
});
const multi = (name: string, subAttributes: AttributeDef[], options: Options = {}) =>
  complex(name, subAttributes, { ...options, multiValued: true });
/** value, display, type, primary: the sub-attributes of most multi-valued attributes. */
const entries = (value: AttributeDef = str('value')) => [
  value,
  str('display'),
  str('type'),
  attr('primary', 'boolean'),
];
const readOnly: Options = { mutability: 'readOnly' };

const USER_ATTRIBUTES: AttributeDef[] = [
  str('userName', { required: true, uniqueness: 'server', description: 'Identifier for the user (uid)' }),
  complex('name', [
    str('formatted'),
    str('familyName'),
    str('givenName'),
    str('middleName'),
    str('honorificPrefix'),
    str('honorificSuffix'),
  ]),
  str('displayName'),
  str('nickName'),
  attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
  str('title'),
  str('userType'),
  str('preferredLanguage'),
  str('locale'),
  str('timezone'),
  attr('active', 'boolean'),
  str('password', { mutability: 'writeOnly', returned: 'never' }),
  multi('emails', entries()),
  multi('phoneNumbers', entries()),
  multi('ims', entries()),
  multi('photos', entries(attr('value', 'reference', { referenceTypes: ['external'] }))),
  multi('addresses', [
    str('formatted'),
    str('streetAddress'),
    str('locality'),
    str('region'),
    str('postalCode'),
    str('country'),
    str('type'),
    attr('primary', 'boolean'),
  ]),
  multi(
    'groups',
    [str('value', readOnly), attr('$ref', 'reference', readOnly), str('display', readOnly), str('type', readOnly)],
    readOnly,
  ),
  multi('entitlements', entries()),
  multi('roles', entries()),
  multi('x509Certificates', entries(attr('value', 'binary'))),
];

const GROUP_ATTRIBUTES: AttributeDef[] = [
  str('displayName', { required: true, description: 'A human-readable name for the Group' }),
  multi('members', [
    str('value', { mutability: 'immutable' }),
    attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User'] }),
    str('type', { mutability: 'immutable' }),
    str('display', readOnly),
  ]),
];

const DEVICE_COMMON: AttributeDef[] = [
  str('userId', { mutability: 'readOnly', description: 'Identifier of the owner of this device' }),
  attr('creationDate', 'dateTime', readOnly),
  attr('counter', 'integer', readOnly),
  str('status'),
  str('displayName'),
];

const FIDO2_ATTRIBUTES: AttributeDef[] = [
  ...DEVICE_COMMON,
  complex('deviceData', [
    str('uuid'),
    str('pushToken'),
    str('type'),
    str('platform'),
    str('name'),
    str('osName'),
    str('osVersion'),
    str('customData'),
  ]),
];

const FIDO_ATTRIBUTES: AttributeDef[] = [
  ...DEVICE_COMMON,
  str('application', readOnly),
  str('deviceData'),
  str('deviceHashCode', readOnly),
  str('deviceKeyHandle', readOnly),
  str('deviceRegistrationConfiguration', readOnly),
  attr('lastAccessTime', 'dateTime', readOnly),
  str('description'),
  str('nickname'),
];

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

export const SCHEMAS = {
  user: { id: URN.user, name: 'User', description: 'User Account', attributes: USER_ATTRIBUTES },
  group: { id: URN.group, name: 'Group', description: 'Group', attributes: GROUP_ATTRIBUTES },
  fido2Device: {
    id: URN.fido2Device,
    name: 'Fido2Device',
    description: 'Fido 2.0 devices',
    attributes: FIDO2_ATTRIBUTES,
  },
  fidoDevice: { id: URN.fidoDevice, name: 'FidoDevice', description: 'Fido devices', attributes: FIDO_ATTRIBUTES },
} satisfies Record<string, SchemaDef>;

/** The custom user extension: its attributes come from the deployment, so any simple value is taken. */
export function userExtensionSchema(urn: string): SchemaDef {
  return { id: urn, name: 'GluuUserCustomExtension', description: 'Gluu User Custom Extension', attributes: [] };
}

/** Names a body must never carry: they would reach Object.prototype through a path or a merge. */
export const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export interface CheckOptions {
  /** The extension URN whose object the resource may carry (users). */
  extension?: string;
  /** PUT: required attributes may be left out ("laxRequiredness"). */
  lax: boolean;
}

const COMMON = new Set(['schemas', 'id', 'meta']);

/**
 * A body checked against its schema, as the attributes to store: unknown attributes and values of the wrong
 * type are refused; null values, read-only attributes and id/meta/schemas are left out; of several primary
 * values, the first stays primary (ScimResourceUtil.adjustPrimarySubAttributes).
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
    if (options.extension && name.toLowerCase() === options.extension.toLowerCase()) {
      clean[options.extension] = checkExtension(value, options.extension);
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

/** The extension's attributes: simple values or arrays of them, as an LDAP attribute holds. */
function checkExtension(value: unknown, urn: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidSyntax(`Attribute ${urn} must be an object`);
  const clean: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    if (FORBIDDEN_NAMES.has(name) || !name) throw invalidSyntax(`Unrecognized attribute: ${urn}:${name}`);
    if (item === null) continue;
    const simple = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
    if (!simple(item) && !(Array.isArray(item) && item.every(simple)))
      throw invalidSyntax(`Attribute ${urn}:${name} must be a simple value or an array of them`);
    clean[name] = item;
  }
  return clean;
}

/** The `schemas` a created (or patched) resource declares: its core schema, and only schemas it may carry. */
export function checkSchemas(value: unknown, core: string, extension?: string): void {
  const known = [core, extension].filter((s): s is string => Boolean(s)).map((s) => s.toLowerCase());
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
    throw invalidValue('Attribute schemas is required and must be an array of URIs');
  if (!value.some((s) => s.toLowerCase() === core.toLowerCase()))
    throw invalidValue(`Wrong value of schemas attribute: ${core} is missing`);
  const unknown = value.find((s) => !known.includes(s.toLowerCase()));
  if (unknown !== undefined) throw invalidValue(`Wrong value of schemas attribute: ${unknown} is not supported`);
}

/** A schema as /Schemas serves it (RFC 7643 section 7). */
export function schemaDocument(schema: SchemaDef, base: string) {
  return {
    schemas: [URN.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}
