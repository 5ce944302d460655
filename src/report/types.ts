import {
  requestKey,
  type CheckLevel,
  type Client,
  type GradingProfile,
  type RunMode,
  type Severity,
} from '../names.js';

/** What reporters receive: one result per executed request, streamed as the run goes. */

export const REPORTER_NAMES = ['cli', 'junit', 'json', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export interface CheckResult {
  /** The pm.test name; unique within its request. */
  name: string;
  /** What the RFC (or the document it verifies) says of the behaviour. */
  level: CheckLevel;
  /** The clients that depend on it; absent when its template names none (its level decides in every profile). */
  clients?: readonly Client[];
  /** What its failure weighs under the run's profile (set whether it failed or not): only a failure fails the run. */
  severity: Severity;
  passed: boolean;
  /** Not evaluated (pm.test.skip): it only means something when the request succeeded. */
  skipped?: true;
  /** Why it failed (already redacted). */
  message?: string;
}

/** A report shows this much of a body; what runs on is cut, with its full size kept. */
export const MAX_REPORTED_BODY = 64 * 1024;

/** A request sent or an answer received, as reports show it: already masked and cut (see run/http-message.ts). */
export interface HttpMessage {
  headers: { key: string; value: string }[];
  /** The body as text; absent when empty. */
  body?: string;
  /** Bytes of the whole body, before any cut. */
  size: number;
  /** The body shown is only its start. */
  truncated?: true;
}

export interface RequestResult {
  folder: string;
  name: string;
  method: string;
  /** The URL sent, redacted. */
  url: string;
  status?: number;
  statusText?: string;
  durationMs?: number;
  /** Skipped by a guard (pm.execution.skipRequest): nothing was sent. */
  skipped: boolean;
  /** A network-level failure: no answer at all (refused, DNS, TLS, timeout). */
  networkError?: string;
  /** Cut short by the run itself (Ctrl-C, --timeout, a refused credential): why. Not the tenant's failure. */
  stopped?: string;
  checks: CheckResult[];
  /** What went over the wire: the request when it was sent, the answer when one came. */
  exchange?: { request: HttpMessage; response?: HttpMessage };
  /** console.* lines the scripts printed. */
  console: string[];
}

export interface RunInfo {
  /** The profile file the run came from. */
  profile: string;
  tenant: string;
  target: string;
  baseUrl: string;
  runId: string;
  mode: RunMode;
  /** What fails the run (--profile): strict, okta or entra. */
  gradingProfile: GradingProfile;
  /** Read-only runs: folders left out whole, and "folder / request" for requests left out of the others. */
  skippedFolders?: string[];
  skippedRequests?: string[];
  /** The collection's folders, in order, with what each says it does (Markdown, redacted). */
  folders?: { name: string; description: string }[];
}

export interface RunTotals {
  requests: number;
  skipped: number;
  /** Checks evaluated; skipped ones are counted apart. */
  checks: number;
  /** Failed checks that weigh a failure under the run's profile, requests without an answer included: they fail it. */
  failedChecks: number;
  /** Failed checks that weigh a warning under the run's profile, which does not fail the run. */
  warningChecks: number;
  /** Failed checks that only inform (INFO): reported, never a failure. */
  infoChecks: number;
  skippedChecks: number;
  networkErrors: number;
  durationMs: number;
  /** First few failed checks that weigh a failure, with their full check names, for the summary. */
  failures: { check: string; message: string }[];
  /** Failures of the prerequisite guard: requests not sent because an earlier one did not deliver. */
  blocked: { check: string; message: string }[];
  /** First few failed checks that weigh a warning, named the same way. */
  warnings: { check: string; message: string }[];
  /** Per section and level, what passed and failed, and per profile whether the run would pass under it. */
  conformance: Conformance;
  /** A run-level error (the run could not go on), if any. */
  error?: string;
  /** What clean-up could not remove, by id, and the command that retries it. */
  leftovers?: { description: string; retry: string };
  /** What a set-up run hands the admin: the Okta side as a checklist (never a secret). */
  handOver?: string[];
  /** A bulk run's figures (`run --users`, `--data`): src/run/bulk/. */
  bulk?: BulkTotals;
}

/** One check of a bulk run, counted over every user: never one result per user. */
export interface BulkCheck {
  /** The lifecycle step it checks (look-up, create, verify, update, deactivate, delete). */
  step: string;
  name: string;
  passed: number;
  failed: number;
  /** The first failure's cause (already redacted). */
  firstFailure?: string;
}

/** What a bulk run did, how fast, and how long each step took (milliseconds). */
export interface BulkTotals {
  users: number;
  created: number;
  deleted: number;
  /** Users whose userName the tenant already held: left as they were. */
  conflicts: number;
  requests: number;
  /** Requests that got no answer (a network fault, a deadline, a stop). */
  noAnswer: number;
  seconds: number;
  usersPerSecond: number;
  requestsPerSecond: number;
  steps: { step: string; count: number; p50: number; p95: number; p99: number }[];
  checks: BulkCheck[];
}

/** Checks of one level in one section, evaluated (skipped ones are not counted). */
export interface LevelCounts {
  passed: number;
  failed: number;
}

/** A section of the suite (a folder: an RFC section for scim2) and its checks by level. */
export interface SectionConformance {
  section: string;
  MUST: LevelCounts;
  SHOULD: LevelCounts;
  INFO: LevelCounts;
}

/** How the same results weigh under one profile: the run would pass under it when `passes`. */
export interface ProfileVerdict {
  profile: GradingProfile;
  /** Failed checks that weigh a failure under it, requests without an answer included. */
  failures: number;
  warnings: number;
  /** No failure, no run error, no request without an answer and nothing left behind: it would exit 0. */
  passes: boolean;
}

/** The conformance summary a run ends with, counted as results stream by (src/run/conformance.ts). */
export interface Conformance {
  /** In the order the run met them. */
  sections: SectionConformance[];
  /** Every profile, the run's own among them. */
  profiles: ProfileVerdict[];
}

export interface Reporter {
  start(info: RunInfo): void;
  request(result: RequestResult): void;
  end(totals: RunTotals): Promise<void>;
  /** Drops partial output (for example a report file) when the run could not happen at all. */
  abort?(): Promise<void>;
}

/** The check templates/partials/guards/requires.js.hbs fails when a request cannot be sent. */
export const PREREQUISITE_CHECK = 'prerequisites are set';

/** The check scimkit makes of every request: failed when no answer came (a network fault, a deadline, a stop). */
export const ANSWERED_CHECK = 'request is answered';

/** The name a check is known by in every report: folder / request / check. Stable across runs. */
export function checkId(result: Pick<RequestResult, 'folder' | 'name'>, check: string): string {
  return `${requestKey(result.folder, result.name)} / ${check}`;
}

/** Checks evaluated that passed: whatever it weighs, a failed check did not pass. */
export function passedChecks(totals: RunTotals): number {
  return totals.checks - totals.failedChecks - totals.warningChecks - totals.infoChecks;
}

/** The counts of a run before its first request: every total but the conformance summary. */
export function zeroCounts(): Omit<RunTotals, 'conformance'> {
  return {
    requests: 0,
    skipped: 0,
    checks: 0,
    failedChecks: 0,
    warningChecks: 0,
    infoChecks: 0,
    skippedChecks: 0,
    networkErrors: 0,
    durationMs: 0,
    failures: [],
    blocked: [],
    warnings: [],
  };
}
