/** What a run does unless told otherwise; kept apart so that the CLI's help loads nothing else. */

/** Where ledgers are kept, relative to the working directory. */
export const DEFAULT_STATE_DIR = '.scimkit/runs';

/** Each answer, from the request to its last byte. */
export const DEFAULT_TIMEOUT_REQUEST_MS = 30_000;

/** The clean-up: time enough for thousands of deletions, never forever. */
export const DEFAULT_CLEANUP_TIMEOUT_MS = 10 * 60_000;

/**
 * The size a single answer may have: ten times a SCIM page of a hundred users, and far below harm to the machine
 * (Newman and its sandbox hold an answer in memory some hundred times over: 8 MiB took more than 400 MiB of heap).
 */
export const DEFAULT_MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/**
 * The heap of each worker process of `run --concurrency`: a run of one tenant takes about a fifth of it, an answer
 * at --max-answer-bytes' default some 100 MiB more; beyond it the worker ends, its tenant stopped.
 */
export const DEFAULT_WORKER_HEAP_MIB = 512;

/** How a run stops, and how much of the tenant's answers it takes. */
export interface RunLimits {
  /** Stop at the first failed MUST check; the clean-up still runs. */
  bail: boolean;
  /** The main pass; 0 for no limit. */
  timeoutMs: number;
  /** The clean-up pass, which runs whatever stopped the main one; 0 for no limit. */
  cleanUpTimeoutMs: number;
  /** Each answer, to its last byte. */
  timeoutRequestMs: number;
  maxAnswerBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  bail: false,
  timeoutMs: 0,
  cleanUpTimeoutMs: DEFAULT_CLEANUP_TIMEOUT_MS,
  timeoutRequestMs: DEFAULT_TIMEOUT_REQUEST_MS,
  maxAnswerBytes: DEFAULT_MAX_ANSWER_BYTES,
};
