import { keyOf, segments } from './attribute-paths.js';

/** The value to sort on: a multi-valued attribute sorts by its primary value, else its first. */
function sortValue(resource: unknown, path: string[]): unknown {
  let value: unknown = resource;
  for (const name of path) {
    if (Array.isArray(value)) value = value.find((v) => (v as { primary?: unknown })?.primary === true) ?? value[0];
    if (typeof value !== 'object' || value === null) return undefined;
    const key = keyOf(value as Record<string, unknown>, name);
    value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
  }
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'object' ? undefined : value;
}

/** Resources sorted by the attribute `sortBy`, strings whatever their case; those without it come last. */
export function sorted(resources: Record<string, unknown>[], sortBy: string, core: string, descending: boolean) {
  const path = segments(sortBy, core);
  const keyed = resources.map((resource) => ({ resource, key: sortValue(resource, path) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) return a.key === b.key ? 0 : a.key === undefined ? 1 : -1;
    const order =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : String(a.key).toLowerCase().localeCompare(String(b.key).toLowerCase());
    return descending ? -order : order;
  });
  return keyed.map((k) => k.resource);
}
