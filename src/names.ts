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

/** The clients whose provisioning a check stands for: a check they depend on weighs more under their profile. */
export const CLIENTS = ['okta', 'entra'] as const;
export type Client = (typeof CLIENTS)[number];

/**
 * What fails a run (--profile): strict, the RFCs as written (a check's level); a client's, the checks that client
 * depends on, whatever their level (INFO excepted), every other failed check a warning.
 */
export const GRADING_PROFILES = ['strict', ...CLIENTS] as const;
export type GradingProfile = (typeof GRADING_PROFILES)[number];

/** What a failed check weighs under the run's profile: a failure fails the run, a warning or info does not. */
export type Severity = 'failure' | 'warning' | 'info';

/** A check's level and, when its template names them, the clients that depend on it: "SHOULD; okta", "MUST; no client". */
export function gradeText(check: { level: CheckLevel; clients?: readonly Client[] }): string {
  if (!check.clients) return check.level;
  return `${check.level}; ${check.clients.length ? check.clients.join(', ') : 'no client'}`;
}
