import type { Scim2Context } from './context.js';
import type { Projection } from './projection.js';
import type { Scim2State } from './state.js';

/** A search (RFC 7644 section 3.4.2), from query parameters or a SearchRequest body. */
export interface SearchParams extends Projection {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: string;
}

type Query = Record<string, unknown>;

/** The first value of a query parameter (as JAX-RS @QueryParam reads the first of several). */
export function queryValue(query: Query, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** GET parameters; an integer the target cannot read (beyond a Java int) is the dialect's refusal. */
export function searchFromQuery(ctx: Scim2Context<Scim2State>, query: Query): SearchParams {
  const integer = (name: string) => {
    const value = queryValue(query, name);
    if (value === undefined || value === '') return undefined;
    const number = /^[+-]?\d{1,10}$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number > 2 ** 31 - 1 || number < -(2 ** 31))
      throw ctx.dialect.unreadableInteger(name, value);
    return number;
  };
  return {
    filter: queryValue(query, 'filter'),
    startIndex: integer('startIndex'),
    count: integer('count'),
    sortBy: queryValue(query, 'sortBy'),
    sortOrder: queryValue(query, 'sortOrder'),
    attributes: queryValue(query, 'attributes'),
    excludedAttributes: queryValue(query, 'excludedAttributes'),
  };
}
