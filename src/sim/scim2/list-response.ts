import type { Scim2Context } from './context.js';
import { invalidFilter, notFound, ScimError } from './errors.js';
import { compileFilter } from './filter.js';
import { project } from './projection.js';
import type { SearchParams } from './search-params.js';
import { sorted } from './sort.js';
import type { Scim2State } from './state.js';
import { URN } from './urn.js';

export interface ListResponse {
  schemas: string[];
  /** Numbers, strings only on a simulator broken on purpose. */
  totalResults: number | string;
  startIndex: number | string;
  itemsPerPage: number | string;
  Resources?: Record<string, unknown>[];
}

/**
 * A ListResponse: filtered, sorted, paged, then projected. count defaults to maxCount, a negative count is 0,
 * a count above maxCount is 400 tooMany; count 0 answers totals only.
 */
export function listResponse(
  ctx: Scim2Context<Scim2State>,
  resources: Record<string, unknown>[],
  params: SearchParams,
  core: string,
): ListResponse {
  const { maxCount } = ctx.dialect;
  let count = params.count ?? maxCount;
  if (count < 0) count = 0;
  if (count > maxCount) {
    if (!ctx.broken('count-over-max-accepted'))
      throw new ScimError(400, 'tooMany', `Maximum number of results per page is ${maxCount}`);
  }
  let matches = resources;
  if (params.filter?.trim()) {
    // Broken on purpose: a service that finds users by userName only (Entra ID matches on externalId too).
    if (ctx.broken('filter-externalid-unsupported') && /\bexternalId\b/i.test(params.filter))
      throw invalidFilter('Filtering on externalId is not supported');
    const test = compileFilter(params.filter, core, { caseExact: ctx.broken('filter-case-sensitive') });
    matches = matches.filter(test);
    if (!matches.length && ctx.broken('filter-miss-404')) throw notFound('No resource matches the filter');
  }
  if (params.sortBy?.trim() && !ctx.broken('sort-ignored'))
    matches = sorted(matches, params.sortBy.trim(), core, params.sortOrder === 'descending');
  const asked = ctx.broken('paging-ignores-start-index') ? 1 : (params.startIndex ?? 1);
  const { startIndex, page } = pageOf(matches, asked, ctx.broken('paging-ignores-count') ? matches.length : count);
  // Broken on purpose, within the RFC ("MAY return fewer results"): a full page loses its last resource.
  if (count > 0 && page.length === count && ctx.broken('pages-one-short')) page.pop();
  const numbers = [matches.length, startIndex, count === 0 ? 0 : page.length];
  const [totalResults, first, itemsPerPage] = ctx.broken('paging-fields-as-strings') ? numbers.map(String) : numbers;
  const answer: ListResponse = { schemas: [URN.listResponse], totalResults, startIndex: first, itemsPerPage };
  // Broken on purpose: a search of groups answers every attribute, as servers that project only a read by id do.
  const unprojected =
    ctx.broken('attributes-ignored') || (core === URN.group && ctx.broken('group-search-excluded-attributes-ignored'));
  if (count > 0) answer.Resources = page.map((r) => (unprojected ? r : project(r, params, core)));
  return answer;
}

/** Every resource in one page, as discovery lists them. */
export function wholeList(resources: Record<string, unknown>[]): ListResponse {
  return {
    schemas: [URN.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** The page of at most `count` items from `startIndex`, 1-based, as SCIM 1.1 and 2.0 page; below 1 is 1. */
export function pageOf<T>(items: T[], startIndex: number, count: number): { startIndex: number; page: T[] } {
  const first = Math.max(startIndex, 1);
  return { startIndex: first, page: items.slice(first - 1, first - 1 + count) };
}
