import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.js';
import { targetOf, type Tenant } from '../targets/index.js';
import { checkSchema, checkTarget, normalizedFields, refusePlaceholders } from './validate.js';

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
  const target = wrap(source, () => checkTarget(profile.target));
  wrap(source, () => checkSchema(target, profile));
  wrap(source, () => refusePlaceholders(profile));
  for (const [field, normalize] of normalizedFields) {
    profile[field] = wrap(source, () => normalize(profile[field] as string, field, target));
  }
  const tenant = profile as unknown as Tenant;
  wrap(source, () => targetOf(tenant).profile.check?.(tenant));
  return tenant;
}

function wrap<T>(source: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${source}: ${error.message}`);
    throw error;
  }
}
