import { filter as toPredicate, type Filter } from 'scim2-parse-filter';
import { pageOf } from '../scim2/list-response.js';
import { parseFilter } from '../scim2/parse-filter.js';
import { SEARCH_REQUEST_FIELDS } from '../scim2/search-request.js';
import { badRequest, notFound } from './errors.js';
import { CORE, type Resource } from './state.js';

/** "Only 'eq','co','sw','gt','ge','lt' and 'le' are currently supported" (vendor spec), joined by and/or. */
const SUPPORTED = new Set(['eq', 'co', 'sw', 'gt', 'ge', 'lt', 'le', 'and', 'or']);

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  sortBy?: string;
  sortOrder?: string;
}

/**
 * The fields of a POST …/.search body (vendor spec): SCIM 2.0's SearchRequest and customSchemaExtensionTypes;
 * attributes and the like are accepted and, as in GET, ignored.
 */
const SEARCH_FIELDS = new Set<string>([...SEARCH_REQUEST_FIELDS, 'customSchemaExtensionTypes']);

/** A POST …/.search body as the query of a list. */
export function searchQuery(body: Record<string, unknown>): ListQuery {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!SEARCH_FIELDS.has(name)) throw badRequest(`Unknown search parameter: ${name}.`);
    if (name === 'schemas' || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw badRequest(`Search parameter ${name} must be a string or a number.`);
    query[name] = String(value);
  }
  return query;
}

/** A SCIM 1.1 list answer: filtered, sorted, then paged. */
export function listResources(resources: Iterable<Resource>, query: ListQuery) {
  const startIndex = integer(query.startIndex, 1, 'startIndex');
  const count = integer(query.count, 20, 'count');
  let matches = [...resources];
  if (query.filter !== undefined) {
    const matcher = compile(query.filter);
    matches = matches.filter((r) => matcher(fold(r)));
  }
  if (query.sortBy) {
    const key = query.sortBy;
    const direction = query.sortOrder === 'descending' ? -1 : 1;
    matches.sort((a, b) => direction * String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
  }
  const { startIndex: first, page } = pageOf(matches, startIndex, count);
  return {
    schemas: [CORE],
    totalResults: matches.length,
    itemsPerPage: page.length,
    startIndex: first,
    Resources: page,
  };
}

/** Workspace ONE Access compares userName, emails and names case-insensitively: both sides are folded. */
function compile(expression: string): (resource: unknown) => boolean {
  let ast: Filter;
  try {
    ast = parseFilter(expression);
  } catch {
    throw badRequest(`Invalid filter: ${expression}`);
  }
  check(ast, expression);
  return toPredicate(fold(ast) as Filter);
}

function check(node: Filter, expression: string): void {
  if (!SUPPORTED.has(node.op))
    throw badRequest(`Invalid filter: operator ${node.op} is not supported in ${expression}`);
  if ('filters' in node) node.filters.forEach((child) => check(child, expression));
}

function fold(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map(fold);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'op' || k === 'attrPath' ? v : fold(v)]));
  }
  return value;
}

/** Paging parameters: integers, else 404 as the vendor spec documents for an invalid count or startIndex. */
function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw notFound(`Invalid ${name}: ${value}`);
  return number;
}
