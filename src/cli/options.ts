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
