import { badRequest } from './errors.js';
import { CORE, WORKSPACE, type Resource } from './state.js';

/** The SCIM 1.1 attributes a resource may carry, by kind of merge a PATCH applies to them. */
export interface AttributeSet {
  simple: ReadonlySet<string>;
  /** Simple attributes that must be non-empty strings, and that a PATCH cannot remove. */
  required: ReadonlySet<string>;
  /** Simple attributes that must be true or false. */
  booleans: ReadonlySet<string>;
  /** Complex attributes and their sub-attributes. */
  complex: ReadonlyMap<string, ReadonlySet<string>>;
  multi: ReadonlySet<string>;
}

const EXTENSIONS = new Set([
  'urn:scim:schemas:extension:workspace:1.0',
  'urn:scim:schemas:extension:enterprise:1.0',
  'urn:scim:schemas:extension:workspace:mfa:1.0',
]);
/** Tenant custom attributes live in urn:scim:schemas:extension:workspace:tenant:<TENANT>:1.0. */
const TENANT_EXTENSION = /^urn:scim:schemas:extension:workspace:tenant:[^:]+:1\.0$/;

export const USER_ATTRIBUTES: AttributeSet = {
  simple: new Set([
    'externalId',
    'userName',
    'displayName',
    'nickName',
    'profileUrl',
    'title',
    'userType',
    'preferredLanguage',
    'locale',
    'timezone',
    'active',
    'password',
  ]),
  required: new Set(['userName']),
  booleans: new Set(['active']),
  complex: new Map([
    ['name', new Set(['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'])],
  ]),
  multi: new Set([
    'emails',
    'phoneNumbers',
    'ims',
    'photos',
    'addresses',
    'groups',
    'entitlements',
    'roles',
    'x509Certificates',
  ]),
};

export const GROUP_ATTRIBUTES: AttributeSet = {
  simple: new Set(['displayName', 'externalId']),
  required: new Set(['displayName']),
  booleans: new Set(),
  complex: new Map(),
  multi: new Set(['members']),
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Sub-attributes, of complex and multi-valued attributes alike, are single values in SCIM 1.1. */
const isSingle = (value: unknown) => typeof value !== 'object' || value === null;

/** Refuses attributes the resource type does not have, or of the wrong shape (400), so typos are not dropped. */
export function checkAttributes(body: Json, attributes: AttributeSet): void {
  for (const [name, value] of Object.entries(body)) {
    if (name === 'schemas' || name === 'id' || name === 'meta') continue;
    const subAttributes = attributes.complex.get(name);
    if (EXTENSIONS.has(name) || TENANT_EXTENSION.test(name)) {
      if (!isObject(value)) throw badRequest(`Attribute ${name} must be an object.`);
    } else if (subAttributes) {
      if (!isObject(value)) throw badRequest(`Attribute ${name} must be an object.`);
      for (const [sub, subValue] of Object.entries(value)) {
        if (!subAttributes.has(sub)) throw badRequest(`Unknown attribute: ${name}.${sub}.`);
        if (!isSingle(subValue)) throw badRequest(`Attribute ${name}.${sub} must be a single value.`);
      }
    } else if (attributes.multi.has(name)) {
      if (!Array.isArray(value) || !value.every((entry) => isObject(entry) && Object.values(entry).every(isSingle)))
        throw badRequest(`Attribute ${name} must be a list of objects with single-valued sub-attributes.`);
    } else if (attributes.required.has(name)) {
      if (typeof value !== 'string' || !value.trim()) throw badRequest(`${name} is missing or invalid.`);
    } else if (attributes.booleans.has(name)) {
      if (typeof value !== 'boolean') throw badRequest(`Attribute ${name} must be true or false.`);
    } else if (attributes.simple.has(name)) {
      if (!isSingle(value)) throw badRequest(`Attribute ${name} must be a single value.`);
    } else {
      throw badRequest(`Unknown attribute: ${name}.`);
    }
  }
}

/** What a new resource stores: the body's attributes, never a password, with the simulator's schemas. */
export function initialAttributes(body: Json): Json {
  const { schemas: _schemas, id: _id, meta: _meta, password: _password, ...attributes } = body;
  return { schemas: [CORE, 'urn:scim:schemas:extension:workspace:1.0'], ...attributes };
}

/**
 * SCIM 1.1 partial update (RFC draft "SCIM 1.1 Protocol", section 3.3.2): simple attributes are replaced,
 * complex ones merged sub-attribute by sub-attribute, multi-valued ones merged by `value`, where an entry
 * with "operation": "delete" removes the matching value; `meta.attributes` lists attributes to remove.
 * Returns the updated copy and leaves the resource alone, so a PATCH refused halfway changes nothing.
 */
export function applyPatch(resource: Resource, patch: Json, attributes: AttributeSet, ignoreDeletes = false): Resource {
  checkAttributes(patch, attributes);
  // The domain names the resource's directory, which a PATCH cannot move it out of.
  const domain = (patch[WORKSPACE] as Json | undefined)?.domain;
  if (
    domain !== undefined &&
    String(domain).toLowerCase() !== String((resource[WORKSPACE] as Json)?.domain).toLowerCase()
  )
    throw badRequest('The domain of an existing user or group cannot be changed.');
  const updated: Resource = { ...resource };
  for (const path of removals(patch.meta, attributes)) {
    const [name, sub] = path.split('.') as [string, string | undefined];
    if (sub === undefined) delete updated[name];
    else if (isObject(updated[name]))
      updated[name] = Object.fromEntries(Object.entries(updated[name]).filter(([k]) => k !== sub));
  }
  for (const [name, value] of Object.entries(patch)) {
    if (name === 'schemas' || name === 'id' || name === 'meta' || name === 'password') continue;
    if (attributes.multi.has(name)) {
      updated[name] = mergeValues((updated[name] as Json[] | undefined) ?? [], value as Json[], ignoreDeletes);
    } else if (isObject(value)) {
      updated[name] = { ...(isObject(updated[name]) ? updated[name] : {}), ...value };
    } else {
      updated[name] = value;
    }
  }
  return updated;
}

/** The paths `meta.attributes` names: attributes, or sub-attributes of a complex one (name.givenName). */
function removals(meta: unknown, attributes: AttributeSet): string[] {
  if (meta === undefined) return [];
  const paths = isObject(meta) ? (meta.attributes ?? []) : undefined;
  if (!Array.isArray(paths)) throw badRequest('meta.attributes must be a list of attribute names.');
  for (const path of paths) {
    const [name = '', sub, ...deeper] = typeof path === 'string' ? path.split('.') : [];
    const removable =
      deeper.length === 0 &&
      (sub === undefined
        ? (attributes.simple.has(name) && !attributes.required.has(name)) ||
          attributes.complex.has(name) ||
          attributes.multi.has(name)
        : (attributes.complex.get(name)?.has(sub) ?? false));
    if (!removable) throw badRequest(`Invalid attribute path in meta.attributes: ${String(path)}.`);
  }
  return paths as string[];
}

/**
 * Merges by `value` in one pass (a 1 MB body holds some 100,000 entries): an entry replaces those with its
 * value, and "operation": "delete" removes them.
 */
function mergeValues(current: Json[], changes: Json[], ignoreDeletes: boolean): Json[] {
  const slots: (Json | undefined)[] = [...current];
  const byValue = new Map<unknown, number[]>();
  current.forEach((entry, index) => {
    const indexes = byValue.get(entry.value);
    if (indexes) indexes.push(index);
    else byValue.set(entry.value, [index]);
  });
  for (const { operation, ...entry } of changes) {
    if (operation !== undefined && operation !== 'delete')
      throw badRequest(`Unsupported operation: ${String(operation)}.`);
    if (operation === 'delete' && ignoreDeletes) continue;
    for (const index of byValue.get(entry.value) ?? []) slots[index] = undefined;
    byValue.set(entry.value, operation === 'delete' ? [] : [slots.push(entry) - 1]);
  }
  return slots.filter((entry) => entry !== undefined);
}
