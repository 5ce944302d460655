import type { Collection, Event, Folder, Item } from '../render/postman-types.js';

/**
 * The collection as a run gives it to Newman: its collection-level pre-request script only where it has work,
 * the same collection otherwise. Postman runs that script before every request, in a sandbox execution of its own;
 * a run does the same work with fewer executions (each costs more than the script itself, and more than the
 * request: a request without a pre-request script saves one).
 *
 * The script's work (templates/<target>/partials/collection-prerequest.js.hbs) is of two kinds; a run always sets
 * the run id it would otherwise pick:
 * - the admin token it fetches (pm.sendRequest) for requests that send the collection's own auth. A script that
 *   sends no request has no such work (Janssen's folders fetch their tokens, a static bearer token needs none);
 * - the exact values it fills into a JSON body (partials/body/exact-values): only a raw body that parses as JSON
 *   and holds a string that is exactly `{{name}}`, the script's own test.
 * It goes, first, into the pre-request script of each request that needs it. A folder's scripts go into each of its
 * requests' too (after the collection's, before the request's own), so that a request makes one execution per
 * event where Postman makes one per level: they are written for it (functions, no top-level let or const).
 */
export function scriptsWhereNeeded(collection: Collection): Collection {
  const script = collection.event.find((e) => e.listen === 'prerequest');
  const fetchesToken = Boolean(script?.script.exec.some((line) => line.includes('pm.sendRequest(')));
  const needsIt = (request: Item, folder: Folder) =>
    Boolean(script) && ((fetchesToken && !request.request.auth && !folder.auth) || fillsExactValues(request));
  const item = collection.item.map(({ event: folderEvents = [], ...folder }): Folder => ({
    ...folder,
    item: folder.item.map((request) => {
      const before = [...(needsIt(request, folder) ? [script!] : []), ...folderEvents];
      return folderEvents.length || before.length ? { ...request, event: merged(before, request.event) } : request;
    }),
  }));
  return { ...collection, event: collection.event.filter((e) => e !== script), item };
}

const EXACT = /^\{\{[A-Za-z0-9_]+\}\}$/;

/** Whether partials/body/exact-values would change the request's body: the same test, made before the run. */
function fillsExactValues(request: Item): boolean {
  const body = request.request.body;
  if (body?.mode !== 'raw' || !body.raw) return false;
  let data: unknown;
  try {
    data = JSON.parse(body.raw);
  } catch {
    return false;
  }
  const holds = (value: unknown): boolean =>
    typeof value === 'string'
      ? EXACT.test(value)
      : Array.isArray(value)
        ? value.some(holds)
        : Boolean(value && typeof value === 'object' && Object.values(value).some(holds));
  return holds(data);
}

/**
 * The request's events with those of its collection and folder in front, in Postman's order (collection, folder,
 * request), one script per event: one sandbox execution where Postman makes one per level.
 */
function merged(before: readonly Event[], own: readonly Event[]): Event[] {
  const levels = [...before, ...own];
  const listens = [...new Set(levels.map((e) => e.listen))];
  return listens.map((listen) => ({
    listen,
    script: {
      type: 'text/javascript',
      exec: levels.filter((e) => e.listen === listen).flatMap((e) => e.script.exec),
    },
  }));
}
