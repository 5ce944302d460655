import type { Collection, Event, Folder, Item } from '../render/postman-types.js';

/**
 * The collection as a run gives it to Newman: its collection-level pre-request script only where it has work,
 * the same collection otherwise. Postman runs that script before every request, in a sandbox execution of its own;
 * a run does the same work with fewer executions (each costs more than the script itself).
 *
 * The script's work (templates/<target>/partials/collection-prerequest.js.hbs) concerns requests that send the
 * collection's own auth (the admin token it fetches) or a JSON body (the exact values it fills in); a run always
 * sets the run id it would otherwise pick. It goes, first, into the pre-request script of each request that needs
 * it, or into the folder's when the folder has one, so that it still runs before the folder's script.
 */
export function scriptsWhereNeeded(collection: Collection): Collection {
  const script = collection.event.find((e) => e.listen === 'prerequest');
  if (!script) return collection;
  const item = collection.item.map((folder): Folder => {
    if (folder.event?.some((e) => e.listen === 'prerequest')) {
      return { ...folder, event: prepend(folder.event, script) };
    }
    return {
      ...folder,
      item: folder.item.map((request) =>
        needsIt(request, folder) ? { ...request, event: prepend(request.event, script) } : request,
      ),
    };
  });
  return { ...collection, event: collection.event.filter((e) => e !== script), item };
}

function needsIt(request: Item, folder: Folder): boolean {
  const inheritsCollectionAuth = !request.request.auth && !folder.auth;
  return inheritsCollectionAuth || request.request.body?.mode === 'raw';
}

/** The script runs before the request's (or folder's) own, in the same execution. */
function prepend(events: readonly Event[], script: Event): Event[] {
  const own = events.find((e) => e.listen === 'prerequest');
  const merged: Event = {
    listen: 'prerequest',
    script: { type: 'text/javascript', exec: [...script.script.exec, ...(own?.script.exec ?? [])] },
  };
  return [merged, ...events.filter((e) => e !== own)];
}
