import type { RunMode } from '../report/types.js';
import { DEFAULT_STATE_DIR } from '../run/ledger.js';

/** Options several commands share. */
export const tenantOption = {
  type: 'string',
  array: true,
  demandOption: true,
  describe: 'Tenant profile (.yaml/.json) or a folder of them',
} as const;

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
