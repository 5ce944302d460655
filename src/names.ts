/** The words every stage shares: how a run treats the tenant, and how a request is known. */

/** verify: run-scoped set-up, deleted afterwards; setup: the profile's set-up, kept; read-only: reads only. */
export type RunMode = 'verify' | 'setup' | 'read-only';

/** "folder / request": how a request is known within a collection, and in every report (unique, stable). */
export function requestKey(folder: string, name: string): string {
  return `${folder} / ${name}`;
}
