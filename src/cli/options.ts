/** Options several commands share. */
export const tenantOption = {
  type: 'string',
  array: true,
  demandOption: true,
  describe: 'Tenant profile (.yaml/.json) or a folder of them',
} as const;
