import { invalidSyntax } from './errors.js';
import type { SearchParams } from './search-params.js';
import { URN } from './urn.js';

/** The fields of a SearchRequest (RFC 7644 section 3.4.3). */
export const SEARCH_REQUEST_FIELDS = [
  'schemas',
  'filter',
  'startIndex',
  'count',
  'sortBy',
  'sortOrder',
  'attributes',
  'excludedAttributes',
] as const;

const FIELDS = new Set<string>(SEARCH_REQUEST_FIELDS);

/** A SearchRequest body; its `schemas` must be exactly the SearchRequest URN, and it has no other fields. */
export function searchFromBody(body: Record<string, unknown>): SearchParams {
  const unknown = Object.keys(body).find((name) => !FIELDS.has(name));
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

/** A number, or a string of digits, read into an integer as Jackson does; a fraction is truncated. */
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
