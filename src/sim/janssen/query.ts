import { filter as toPredicate, type Filter } from 'scim2-parse-filter';
import { parseFilter } from '../scim-filter.js';
import { URN } from './constants.js';
import type { JanssenContext } from './context.js';
import { invalidFilter, invalidSyntax, ScimError } from './errors.js';

/** A search, from query parameters or a SearchRequest body. */
export interface SearchParams {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: string;
  attributes?: string;
  excludedAttributes?: string;
}

type Query = Record<string, unknown>;

/** The first value of a query parameter (JAX-RS @QueryParam reads the first of several). */
export function queryValue(query: Query, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** GET parameters. An integer parameter Java cannot read is a 404, as JAX-RS answers a @QueryParam it cannot convert. */
export function searchFromQuery(query: Query): SearchParams {
  return {
    filter: queryValue(query, 'filter'),
    startIndex: queryInteger(query, 'startIndex'),
    count: queryInteger(query, 'count'),
    sortBy: queryValue(query, 'sortBy'),
    sortOrder: queryValue(query, 'sortOrder'),
    attributes: queryValue(query, 'attributes'),
    excludedAttributes: queryValue(query, 'excludedAttributes'),
  };
}

function queryInteger(query: Query, name: string): number | undefined {
  const value = queryValue(query, name);
  if (value === undefined || value === '') return undefined;
  const number = /^[+-]?\d{1,10}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number > 2 ** 31 - 1 || number < -(2 ** 31))
    throw new ScimError(404, '', `Invalid value of query parameter ${name}: ${value}`);
  return number;
}

const SEARCH_FIELDS = new Set([
  'schemas',
  'filter',
  'startIndex',
  'count',
  'sortBy',
  'sortOrder',
  'attributes',
  'excludedAttributes',
]);

/** A SearchRequest body; its `schemas` must be exactly the SearchRequest URN (prepareSearchRequest). */
export function searchFromBody(body: Record<string, unknown>): SearchParams {
  const unknown = Object.keys(body).find((name) => !SEARCH_FIELDS.has(name));
  if (unknown !== undefined) throw invalidSyntax(`Unrecognized field of SearchRequest: ${unknown}`);
  const { schemas } = body;
  if (!Array.isArray(schemas) || schemas.length !== 1 || schemas[0] !== URN.searchRequest)
    throw invalidSyntax('Wrong schema(s) supplied in Search Request');
  return {
    filter: bodyString(body, 'filter'),
    startIndex: bodyInteger(body, 'startIndex'),
    count: bodyInteger(body, 'count'),
    sortBy: bodyString(body, 'sortBy'),
    sortOrder: bodyString(body, 'sortOrder'),
    attributes: bodyList(body, 'attributes'),
    excludedAttributes: bodyList(body, 'excludedAttributes'),
  };
}

function bodyString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidSyntax(`Field ${name} of SearchRequest must be a string`);
  return value;
}

/** Jackson reads a number, or a string of digits, into an Integer; a fraction is truncated. */
function bodyInteger(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > 2 ** 31 - 1)
    throw invalidSyntax(`Field ${name} of SearchRequest must be an integer`);
  return Math.trunc(number);
}

/** attributes / excludedAttributes: an array of names (RFC 7644) or a comma-separated string. */
function bodyList(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  throw invalidSyntax(`Field ${name} of SearchRequest must be an array of attribute names`);
}

export interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources?: Record<string, unknown>[];
}

/**
 * A ListResponse: filtered, sorted, paged, then projected. count defaults to maxCount, a negative count is 0,
 * a count above maxCount is 400 tooMany; startIndex below 1 is 1; count 0 answers totals only.
 */
export function listResponse(
  ctx: JanssenContext,
  resources: Record<string, unknown>[],
  params: SearchParams,
  core: string,
): ListResponse {
  let count = params.count ?? ctx.maxCount;
  if (count < 0) count = 0;
  if (count > ctx.maxCount) {
    if (!ctx.broken('count-over-max-accepted'))
      throw new ScimError(400, 'tooMany', `Maximum number of results per page is ${ctx.maxCount}`);
  }
  const startIndex = Math.max(params.startIndex ?? 1, 1);
  let matches = resources;
  if (params.filter?.trim()) {
    const test = compileFilter(params.filter, core);
    matches = matches.filter(test);
  }
  if (params.sortBy?.trim()) matches = sorted(matches, params.sortBy.trim(), core, params.sortOrder === 'descending');
  const page = matches.slice(startIndex - 1, startIndex - 1 + count);
  const answer: ListResponse = {
    schemas: [URN.listResponse],
    totalResults: matches.length,
    startIndex,
    itemsPerPage: count === 0 ? 0 : page.length,
  };
  if (count > 0) answer.Resources = page.map((r) => project(r, params, core));
  return answer;
}

const MAX_FILTER_DEPTH = 50;

/**
 * A filter as a predicate, with scim2-parse-filter. Attribute names and string values compare case-insensitively
 * (Janssen's LDAP matching rules); names may carry the core schema URN as a prefix.
 */
export function compileFilter(expression: string, core: string): (resource: Record<string, unknown>) => boolean {
  let ast: Filter;
  try {
    ast = parseFilter(expression);
  } catch (error) {
    throw invalidFilter(`Invalid filter "${expression}": ${error instanceof Error ? error.message : 'parse error'}`);
  }
  if (depthOf(ast) > MAX_FILTER_DEPTH) throw invalidFilter(`Filter "${expression}" is nested too deeply`);
  const predicate = toPredicate(normalize(ast, core) as Filter);
  return (resource) => {
    try {
      return predicate(fold(resource));
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

/** Folds values to lower case and strips the core URN from attribute paths. */
function normalize(node: unknown, core: string): unknown {
  if (Array.isArray(node)) return node.map((n) => normalize(n, core));
  if (typeof node !== 'object' || node === null) return typeof node === 'string' ? node.toLowerCase() : node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'op') return [key, value];
      if (key === 'attrPath' && typeof value === 'string') return [key, stripCore(value, core)];
      return [key, normalize(value, core)];
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

function stripCore(path: string, core: string): string {
  return path.toLowerCase().startsWith(`${core.toLowerCase()}:`) ? path.slice(core.length + 1) : path;
}

/** An attribute path as segments: "name.givenName", "emails.value", or "<extension URN>:attr". */
function segments(path: string, core: string): string[] {
  const stripped = stripCore(path.trim(), core);
  const colon = stripped.lastIndexOf(':');
  if (colon > 0) return [stripped.slice(0, colon), ...stripped.slice(colon + 1).split('.')];
  return stripped.split('.');
}

function keyOf(object: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

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

/** Resources without the attribute come last, whatever the order. */
function sorted(resources: Record<string, unknown>[], sortBy: string, core: string, descending: boolean) {
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

/** id and schemas are returned whatever `attributes` and `excludedAttributes` say (returned: always). */
const ALWAYS = new Set(['id', 'schemas']);

/** A resource as `attributes` (only these) or `excludedAttributes` (all but these) ask for it. */
export function project(
  resource: Record<string, unknown>,
  params: Pick<SearchParams, 'attributes' | 'excludedAttributes'>,
  core: string,
): Record<string, unknown> {
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
