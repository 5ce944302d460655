import { filter as toPredicate, type Filter } from 'scim2-parse-filter';
import { stripCore } from './attribute-paths.js';
import { invalidFilter } from './errors.js';
import { parseFilter } from './parse-filter.js';

const MAX_FILTER_DEPTH = 50;

/**
 * A filter as a predicate, with scim2-parse-filter. Attribute names and string values compare case-insensitively,
 * as Janssen's LDAP matching rules do and as RFC 7643 has userName and displayName (caseExact false); names may
 * carry the core schema URN as a prefix. `caseExact`: values compare as they are (a simulator broken on purpose).
 */
export function compileFilter(
  expression: string,
  core: string,
  { caseExact = false }: { caseExact?: boolean } = {},
): (resource: Record<string, unknown>) => boolean {
  let ast: Filter;
  try {
    ast = parseFilter(expression);
  } catch (error) {
    throw invalidFilter(`Invalid filter "${expression}": ${error instanceof Error ? error.message : 'parse error'}`);
  }
  if (depthOf(ast) > MAX_FILTER_DEPTH) throw invalidFilter(`Filter "${expression}" is nested too deeply`);
  const predicate = toPredicate(normalize(ast, core, caseExact) as Filter);
  return (resource) => {
    try {
      return predicate(caseExact ? resource : fold(resource));
    } catch {
      throw invalidFilter(`Filter "${expression}" cannot be applied`);
    }
  };
}

/** Iterative, so no filter overflows the stack here. */
function depthOf(ast: Filter): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[ast, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_FILTER_DEPTH) break;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Folds values to lower case (unless `caseExact`) and strips the core URN from attribute paths. */
function normalize(node: unknown, core: string, caseExact: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => normalize(n, core, caseExact));
  if (typeof node !== 'object' || node === null)
    return typeof node === 'string' && !caseExact ? node.toLowerCase() : node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'op') return [key, value];
      if (key === 'attrPath' && typeof value === 'string') return [key, stripCore(value, core)];
      return [key, normalize(value, core, caseExact)];
    }),
  );
}

function fold(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map(fold);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fold(v)]));
  return value;
}
