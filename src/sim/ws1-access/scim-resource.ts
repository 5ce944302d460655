import { badRequest } from './errors.js';
import { CORE, type Resource } from './state.js';

/** The SCIM 1.1 attributes a resource may carry, by kind of merge a PATCH applies to them. */
export interface AttributeSet {
  simple: ReadonlySet<string>;
  complex: ReadonlySet<string>;
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
  complex: new Set(['name']),
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
  complex: new Set(),
  multi: new Set(['members']),
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Refuses attributes the resource type does not have (400), so typos are not silently dropped. */
export function checkAttributes(body: Json, attributes: AttributeSet): void {
  for (const [name, value] of Object.entries(body)) {
    if (name === 'schemas' || name === 'id' || name === 'meta') continue;
    if (EXTENSIONS.has(name) || TENANT_EXTENSION.test(name) || attributes.complex.has(name)) {
      if (!isObject(value)) throw badRequest(`Attribute ${name} must be an object.`);
    } else if (attributes.multi.has(name)) {
      if (!Array.isArray(value) || !value.every(isObject))
        throw badRequest(`Attribute ${name} must be a list of objects.`);
    } else if (attributes.simple.has(name)) {
      if (isObject(value) || Array.isArray(value)) throw badRequest(`Attribute ${name} must be a single value.`);
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
 */
export function applyPatch(resource: Resource, patch: Json, attributes: AttributeSet, ignoreDeletes = false): void {
  checkAttributes(patch, attributes);
  const meta = patch.meta;
  if (isObject(meta) && Array.isArray(meta.attributes)) {
    for (const name of meta.attributes)
      if (typeof name === 'string' && name !== 'id' && name !== 'userName') delete resource[name];
  }
  for (const [name, value] of Object.entries(patch)) {
    if (name === 'schemas' || name === 'id' || name === 'meta' || name === 'password') continue;
    if (attributes.multi.has(name)) {
      resource[name] = mergeValues((resource[name] as Json[] | undefined) ?? [], value as Json[], ignoreDeletes);
    } else if (isObject(value)) {
      resource[name] = { ...(isObject(resource[name]) ? resource[name] : {}), ...value };
    } else {
      resource[name] = value;
    }
  }
}

function mergeValues(current: Json[], changes: Json[], ignoreDeletes: boolean): Json[] {
  let merged = [...current];
  for (const { operation, ...entry } of changes) {
    const same = (existing: Json) => existing.value === entry.value;
    if (operation === 'delete') {
      if (!ignoreDeletes) merged = merged.filter((existing) => !same(existing));
    } else if (operation !== undefined) {
      throw badRequest(`Unsupported operation: ${String(operation)}.`);
    } else {
      merged = [...merged.filter((existing) => !same(existing)), entry];
    }
  }
  return merged;
}
