import { keyOf, segments } from './attribute-paths.js';

/** attributes and excludedAttributes (RFC 7644 section 3.9), as comma-separated attribute names. */
export interface Projection {
  attributes?: string;
  excludedAttributes?: string;
}

/** id and schemas are returned whatever `attributes` and `excludedAttributes` say (returned: always). */
const ALWAYS = new Set(['id', 'schemas']);

/** A resource as `attributes` (only these) or `excludedAttributes` (all but these) ask for it. */
export function project(resource: Record<string, unknown>, params: Projection, core: string): Record<string, unknown> {
  const list = (value?: string) =>
    (value ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => segments(name, core));
  const wanted = list(params.attributes);
  if (wanted.length) {
    const picked: Record<string, unknown> = {};
    for (const name of ALWAYS) if (resource[name] !== undefined) picked[name] = resource[name];
    for (const path of wanted) pick(resource, picked, path);
    return picked;
  }
  const excluded = list(params.excludedAttributes).filter((path) => !(path.length === 1 && ALWAYS.has(path[0]!)));
  if (!excluded.length) return resource;
  const copy = structuredClone(resource);
  for (const path of excluded) omit(copy, path);
  return copy;
}

function pick(source: unknown, target: Record<string, unknown>, path: string[]): void {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
  const key = keyOf(source as Record<string, unknown>, path[0]!);
  if (key === undefined) return;
  const value = (source as Record<string, unknown>)[key];
  if (path.length === 1) {
    target[key] = structuredClone(value);
    return;
  }
  if (Array.isArray(value)) {
    const existing = Array.isArray(target[key]) ? (target[key] as Record<string, unknown>[]) : [];
    const items = value.map((item, i) => {
      const into = existing[i] ?? {};
      pick(item, into, path.slice(1));
      return into;
    });
    target[key] = items;
    return;
  }
  const into = (typeof target[key] === 'object' && target[key] !== null ? target[key] : {}) as Record<string, unknown>;
  pick(value, into, path.slice(1));
  if (Object.keys(into).length) target[key] = into;
}

function omit(target: unknown, path: string[]): void {
  if (Array.isArray(target)) return target.forEach((item) => omit(item, path));
  if (typeof target !== 'object' || target === null) return;
  const object = target as Record<string, unknown>;
  const key = keyOf(object, path[0]!);
  if (key === undefined) return;
  if (path.length === 1) delete object[key];
  else omit(object[key], path.slice(1));
}
