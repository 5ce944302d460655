import { Ajv, type ErrorObject } from 'ajv';
import { shown, UsageError } from '../errors.js';
import { normalizeBaseUrl } from '../targets/base-url.js';
import { isTargetId, TARGET_IDS, targets, type TargetId } from '../targets/index.js';

/**
 * The checks a profile goes through, whole (loading it) or one field at a time (`scimkit init` asking for it): the
 * same rules, so that an answer the wizard takes is one a profile may hold.
 */

/** Checks a target's id; `field` names it in the error. */
export function checkTarget(value: unknown, field = 'target'): TargetId {
  if (isTargetId(value)) return value;
  const known = TARGET_IDS.join(', ');
  throw new UsageError(
    value === undefined
      ? `${field} is missing; add ${field === 'target' ? 'target: ' : ''}${known}`
      : `${field}: ${shown(value)} is not a supported target; use one of: ${known}`,
  );
}

/** Fields whose schema cannot say everything: checked, and put in the form the profile holds, after it. */
export const normalizedFields: ReadonlyMap<string, (value: string, field: string, target: TargetId) => string> =
  new Map([['baseUrl', (value, field, target) => normalizeBaseUrl(value, field, baseUrlRules(target))]]);

/** What a target's baseUrl may be: an origin, or (a SCIM root) a URL with a path. */
function baseUrlRules(target: TargetId): { path: boolean } {
  return { path: Boolean(targets[target].profile.baseUrlPath) };
}

/** `--base-url` for a profile: checked as its target checks its baseUrl (a path kept where one may be given). */
export function baseUrlOverride(target: TargetId, value: string): string {
  return normalizeBaseUrl(value, '--base-url', baseUrlRules(target));
}

/** Validates a whole profile against its target's schema (filling defaults in); throws "field: problem; fix". */
export function checkSchema(target: TargetId, profile: Record<string, unknown>): void {
  const validate = validator(target, targets[target].profile.schema);
  if (!validate(profile)) throw new UsageError(describe(validate.errors?.[0]));
}

/**
 * Profile values are data. Postman reads "{{name}}" anywhere in a request as a variable, and fills variables again
 * inside the values it fills in: a directory named "Okta {{adminClientSecret}}" would be created with the secret in
 * its name. Rather than send something else than the profile says, such a value is refused.
 */
export function refusePlaceholders(value: unknown, field = ''): void {
  if (typeof value === 'string') {
    if (/\{\{|\}\}/.test(value)) {
      throw new UsageError(
        `${field}: ${shown(value)} holds "{{" or "}}", which Postman reads as a variable; remove them`,
      );
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) refusePlaceholders(child, field ? `${field}.${key}` : key);
  }
}

/** The schema of one field ("directory.domain") of a target's profile, and whether the profile must hold it. */
export function fieldSchema(target: TargetId, field: string): { schema: FieldSchema; required: boolean } {
  let schema = targets[target].profile.schema as unknown as FieldSchema;
  let required = true;
  for (const key of field.split('.')) {
    const child = schema.properties?.[key];
    if (!child) throw new Error(`${target}: its profile has no field ${field}`);
    required &&= schema.required?.includes(key) ?? false;
    schema = child;
  }
  return { schema, required };
}

export interface FieldSchema {
  type?: string;
  default?: unknown;
  description?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

/**
 * Checks one field's value as loading the profile would, and returns the value the profile holds. `label` names it
 * in the error: the field, or the flag that gave it.
 */
export function checkField(target: TargetId, field: string, value: unknown, label = field): unknown {
  // A default is a property's: Ajv (strict) refuses one at the root of what it compiles.
  const { default: _default, ...schema } = fieldSchema(target, field).schema;
  const validate = validator(`${target} ${field}`, schema);
  if (!validate(value)) throw new UsageError(describe(validate.errors?.[0], field, label));
  refusePlaceholders(value, label);
  const normalize = normalizedFields.get(field);
  return normalize && typeof value === 'string' ? normalize(value, label, target) : value;
}

const compiled = new Map<string, ReturnType<Ajv['compile']>>();
let ajv: Ajv | undefined;
/** Compiled on first use, so that a command loads only what its profiles need. */
function validator(key: string, schema: object): ReturnType<Ajv['compile']> {
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: false, useDefaults: true, verbose: true });
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Turns an Ajv error into "field: problem; what is expected". `base` is the field the validated value is (empty
 * for a whole profile), `label` what the error calls it.
 */
function describe(error: ErrorObject | undefined, base = '', label = base): string {
  if (!error) return 'invalid profile';
  const inner = error.instancePath.slice(1).replaceAll('/', '.');
  const field = [base, inner].filter(Boolean).join('.');
  const named = [label, inner].filter(Boolean).join('.');
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const where = named ? `${named}.${missing}` : missing;
      const hint = propertyDescription(error.parentSchema, missing);
      return `${where} is missing; add ${hint ?? 'it'}`;
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).join(', ');
      return `${named ? `${named}.` : ''}${extra} is not a known field; remove it or use one of: ${allowed}`;
    }
    default: {
      // A field naming a variable may hold the secret itself, pasted by mistake: it is never echoed.
      const value = /Env$/.test(field) ? 'the value given' : shown(error.data);
      return `${named}: ${value} is not valid; expected ${expected ?? error.message}`;
    }
  }
}

function propertyDescription(schema: unknown, property: string): string | undefined {
  const properties = (schema as { properties?: Record<string, { description?: string }> }).properties;
  return properties?.[property]?.description;
}
