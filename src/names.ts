/** The words every stage shares: how a run treats the tenant, how a request is known, what a check weighs. */

/** verify: run-scoped set-up, deleted afterwards; setup: the profile's set-up, kept; read-only: reads only. */
export type RunMode = 'verify' | 'setup' | 'read-only';

/** "folder / request": how a request is known within a collection, and in every report (unique, stable). */
export function requestKey(folder: string, name: string): string {
  return `${folder} / ${name}`;
}

/**
 * How much a failed check weighs, as the spec it verifies grades the behaviour: MUST fails the run (exit 1), SHOULD
 * is a warning (exit 0), INFO only informs. Checks are MUST unless their template says otherwise.
 */
export const CHECK_LEVELS = ['MUST', 'SHOULD', 'INFO'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];
