import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { shown, UsageError } from '../errors.js';
import { normalizeBaseUrl } from './base-url.js';
import { isTargetId, TARGET_IDS, targetOf, targets, type TargetId, type Tenant } from '../targets/index.js';

const PROFILE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Expands directories into the profiles they hold (sorted), keeping files as given. */
export async function expandTenantPaths(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => {
      throw new UsageError(`--tenant: ${input} does not exist; give a tenant profile (.yaml) or a folder of them`);
    });
    if (!info.isDirectory()) {
      files.push(input);
      continue;
    }
    const entries = (await readdir(input)).filter((entry) => PROFILE_EXTENSIONS.has(path.extname(entry))).sort();
    if (entries.length === 0)
      throw new UsageError(`--tenant: ${input} holds no tenant profiles (.yaml, .yml or .json)`);
    files.push(...entries.map((entry) => path.join(input, entry)));
  }
  return files;
}

/** Loads every profile the inputs name (files or folders); all must be valid and their names distinct. */
export async function loadTenants(inputs: readonly string[]): Promise<{ file: string; tenant: Tenant }[]> {
  const loaded = [];
  for (const file of await expandTenantPaths(inputs)) loaded.push({ file, tenant: await loadTenant(file) });
  const seen = new Map<string, string>();
  for (const { file, tenant } of loaded) {
    const other = seen.get(tenant.name);
    if (other)
      throw new UsageError(`${file}: name ${tenant.name} is also the name of ${other}; tenant names must be unique`);
    seen.set(tenant.name, file);
  }
  return loaded;
}

/** A profile is a few hundred bytes; anything this large is not one (and is not read into memory). */
const MAX_PROFILE_BYTES = 1024 * 1024;

export async function loadTenant(file: string): Promise<Tenant> {
  const info = await stat(file).catch(() => {
    throw new UsageError(`${file}: cannot be read; check the --tenant path`);
  });
  // A FIFO or a device would hang the read or fill memory: only regular files are profiles.
  if (!info.isFile()) throw new UsageError(`${file}: is not a regular file; give a tenant profile (.yaml or .json)`);
  if (info.size > MAX_PROFILE_BYTES)
    throw new UsageError(`${file}: is ${info.size} bytes, too large for a tenant profile`);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`${file}: cannot be read; check the --tenant path and its permissions`);
  });
  return parseTenant(text, file);
}

/** Parses and validates a profile (YAML or JSON); every error is one line naming the field and the fix. */
export function parseTenant(text: string, source: string): Tenant {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: false });
  } catch (error) {
    const { message, linePos } = error as { message: string; linePos?: { line: number }[] };
    const where = linePos?.[0] ? ` at line ${linePos[0].line}` : '';
    throw new UsageError(`${source}: not valid YAML${where} (${message.split('\n')[0]}); fix the syntax`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(
      `${source}: a tenant profile is a mapping with name, target, baseUrl, ...; see tenants/examples/`,
    );
  }
  const profile = data as Record<string, unknown>;
  const target = profile.target;
  if (!isTargetId(target)) {
    const known = TARGET_IDS.join(', ');
    throw new UsageError(
      target === undefined
        ? `${source}: target is missing; add target: ${known}`
        : `${source}: target: ${shown(target)} is not a supported target; use one of: ${known}`,
    );
  }
  const validate = validator(target);
  if (!validate(profile)) throw new UsageError(`${source}: ${describe(validate.errors?.[0])}`);
  refusePlaceholders(profile, source);
  const tenant = profile as unknown as Tenant;
  tenant.baseUrl = wrap(source, () => normalizeBaseUrl(tenant.baseUrl, 'baseUrl'));
  wrap(source, () => targetOf(tenant).profile.check?.(tenant));
  return tenant;
}

/**
 * Profile values are data. Postman reads "{{name}}" anywhere in a request as a variable, and fills variables again
 * inside the values it fills in: a directory named "Okta {{adminClientSecret}}" would be created with the secret in
 * its name. Rather than send something else than the profile says, such a value is refused.
 */
function refusePlaceholders(value: unknown, source: string, field = ''): void {
  if (typeof value === 'string') {
    if (/\{\{|\}\}/.test(value)) {
      throw new UsageError(
        `${source}: ${field}: ${shown(value)} holds "{{" or "}}", which Postman reads as a variable; remove them`,
      );
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      refusePlaceholders(child, source, field ? `${field}.${key}` : key);
    }
  }
}

const compiled = new Map<TargetId, ReturnType<Ajv['compile']>>();
let ajv: Ajv | undefined;
/** Compiled on first use, so that a command loads only what its profiles need. */
function validator(target: TargetId): ReturnType<Ajv['compile']> {
  let validate = compiled.get(target);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: false, useDefaults: true, verbose: true });
    validate = ajv.compile(targets[target].profile.schema);
    compiled.set(target, validate);
  }
  return validate;
}

function wrap<T>(source: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${source}: ${error.message}`);
    throw error;
  }
}

/** Turns an Ajv error into "field: problem; what is expected". */
function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid profile';
  const field = error.instancePath.slice(1).replaceAll('/', '.');
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const where = field ? `${field}.${missing}` : missing;
      const hint = propertyDescription(error.parentSchema, missing);
      return `${where} is missing; add ${hint ?? 'it'}`;
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).join(', ');
      return `${field ? `${field}.` : ''}${extra} is not a known field; remove it or use one of: ${allowed}`;
    }
    default: {
      // A field naming a variable may hold the secret itself, pasted by mistake: it is never echoed.
      const value = /Env$/.test(field) ? 'the value given' : shown(error.data);
      return `${field}: ${value} is not valid; expected ${expected ?? error.message}`;
    }
  }
}

function propertyDescription(schema: unknown, property: string): string | undefined {
  const properties = (schema as { properties?: Record<string, { description?: string }> }).properties;
  return properties?.[property]?.description;
}
