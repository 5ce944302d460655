import { shown, UsageError } from '../errors.js';
import { GRADING_PROFILES, type RunMode } from '../names.js';
import {
  DEFAULT_CLEANUP_TIMEOUT_MS,
  DEFAULT_MAX_ANSWER_BYTES,
  DEFAULT_STATE_DIR,
  DEFAULT_TIMEOUT_REQUEST_MS,
  DEFAULT_WORKER_HEAP_MIB,
} from '../run/defaults.js';
import type { Shard } from '../tenant/shard.js';

/** Options several commands share. */
export const tenantOption = {
  type: 'string',
  array: true,
  demandOption: true,
  describe: 'Tenant profile (.yaml/.json) or a folder of them',
} as const;

export const shardOption = {
  type: 'string',
  describe:
    'Only shard I of N of the tenants (1/4 to 4/4 split a fleet across four CI jobs); give every shard the same ' +
    '--tenant',
  coerce: parseShard,
} as const;

/** `--shard I/N`: whole numbers, 1 ≤ I ≤ N; anything else is one line naming the flag. */
function parseShard(value: unknown): Shard {
  const match = typeof value === 'string' ? /^(\d{1,6})\/(\d{1,6})$/.exec(value) : null;
  const [index, count] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || index < 1 || index > count)
    throw new UsageError(
      `--shard: ${shown(value)} is not I/N with 1 ≤ I ≤ N; give e.g. 2/4, the second of four shards`,
    );
  return { index, count };
}

export const concurrencyOption = {
  type: 'number',
  default: 1,
  describe:
    'Tenants run at once, in as many worker processes, each taking the next tenant when done (1: one after the ' +
    'other, in this process); the output comes tenant after tenant, then the summary over all',
  coerce: wholeNumber('--concurrency', 1, 64, 'worker processes'),
} as const;

export const workerHeapOption = {
  type: 'number',
  default: DEFAULT_WORKER_HEAP_MIB,
  describe:
    'With --concurrency: the heap (MiB) each worker may take; a worker beyond it stops its tenant only (exit 2)',
  coerce: wholeNumber('--worker-heap', 64, 65536, 'MiB'),
} as const;

function wholeNumber(flag: string, min: number, max: number, what: string) {
  return (value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw new UsageError(`${flag}: ${shown(value)} is not a whole number from ${min} to ${max}; give the ${what}`);
    return value;
  };
}

export const stateDirOption = {
  type: 'string',
  default: DEFAULT_STATE_DIR,
  describe: 'Where a run keeps the ids it could not delete, for scimkit cleanup',
} as const;

export const baseUrlOption = {
  type: 'string',
  describe: "Tenant URL to use instead of the profile's (http only for 127.0.0.1)",
} as const;

export const folderOption = {
  type: 'string',
  array: true,
  default: [] as string[],
  describe: 'Run only these folders (clean-up always runs)',
} as const;

// No defaults: yargs counts a defaulted option as given, and would find every run in conflict.
export const setupOption = {
  type: 'boolean',
  conflicts: 'read-only',
  describe: "Create the profile's Okta client and directory when missing, and keep them (the documents' set-up)",
} as const;

export const readOnlyOption = {
  type: 'boolean',
  describe: "Send only requests that change nothing (tokens, reads, searches), against the profile's set-up",
} as const;

export function runMode(args: { setup?: boolean; readOnly?: boolean }): RunMode {
  return args.readOnly ? 'read-only' : args.setup ? 'setup' : 'verify';
}

export const gradingProfileOption = {
  choices: GRADING_PROFILES,
  default: 'strict' as const,
  describe:
    'What fails the run: strict, the RFCs as written (a failed MUST check; SHOULD warns); okta or entra, a failed ' +
    'check that client depends on, whatever its level (INFO excepted), every other one a warning',
} as const;

/** Run ids name test data and ledger files: the same characters as testData.prefix, and digits first too. */
const RUN_ID = /^[a-z0-9][a-z0-9-]{0,19}$/;

export function runIdOption(describe: string) {
  return {
    type: 'string',
    describe,
    coerce: (value: unknown) => {
      if (typeof value !== 'string' || !RUN_ID.test(value)) {
        throw new UsageError(
          '--run-id: use lower-case letters, digits and "-", starting with a letter or a digit, at most 20 characters',
        );
      }
      return value;
    },
  } as const;
}

export const timeoutRequestOption = {
  type: 'number',
  default: DEFAULT_TIMEOUT_REQUEST_MS,
  describe: 'Milliseconds each answer may take, to its last byte',
} as const;

export const maxAnswerBytesOption = {
  type: 'number',
  default: DEFAULT_MAX_ANSWER_BYTES,
  describe: 'The most bytes an answer may have (compressed or inflated); a larger one fails its request',
} as const;

export const timeoutCleanupOption = {
  type: 'number',
  default: DEFAULT_CLEANUP_TIMEOUT_MS,
  describe: 'Milliseconds the clean-up may take, whatever stopped the run (0: no limit)',
} as const;
