import type { Collection, Item } from './postman-types.js';

/**
 * A request that changes nothing on the tenant: a read (GET, HEAD), an OAuth token request (a form with a
 * grant_type) or a SCIM search (POST .../.search). Everything else may create, change or delete something.
 */
export function changesNothing(item: Item): boolean {
  const { method, body, url } = item.request;
  if (method === 'GET' || method === 'HEAD') return true;
  if (method !== 'POST') return false;
  if (body?.mode === 'urlencoded' && body.urlencoded.some((field) => field.key === 'grant_type')) return true;
  return /\/\.search(\?|$)/.test(url.raw);
}

export interface ReadOnlyCollection {
  collection: Collection;
  /** Folders left out whole, then "folder / request" for requests left out of a folder that still runs. */
  skippedFolders: string[];
  skippedRequests: string[];
}

/**
 * The collection without any request that could change the tenant. A folder whose reads check what its own
 * changes did is left out whole; one whose reads stand alone (see FolderTemplate.readsStandAlone) keeps them; one
 * whose reads check what other folders' changes did (`readsOthersChanges`) is left out whole too.
 */
export function readOnly(
  collection: Collection,
  readsStandAlone: ReadonlySet<string>,
  readsOthersChanges: ReadonlySet<string> = new Set(),
): ReadOnlyCollection {
  const skippedFolders: string[] = [];
  const skippedRequests: string[] = [];
  const item = collection.item.flatMap((folder) => {
    const kept = folder.item.filter(changesNothing);
    if (readsOthersChanges.has(folder.name)) {
      skippedFolders.push(folder.name);
      return [];
    }
    if (kept.length === folder.item.length) return [folder];
    if (!kept.length || !readsStandAlone.has(folder.name)) {
      skippedFolders.push(folder.name);
      return [];
    }
    for (const request of folder.item) {
      if (!kept.includes(request)) skippedRequests.push(`${folder.name} / ${request.name}`);
    }
    return [{ ...folder, item: kept }];
  });
  return { collection: { ...collection, item }, skippedFolders, skippedRequests };
}
