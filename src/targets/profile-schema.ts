/** Schema fragments every target's profile shares. */

// Descriptions double as the "what is expected" half of validation errors, so they read as a noun phrase.

export const name = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'a name safe for file names: letters, digits, ".", "_" and "-", at most 64 characters',
} as const;

export const baseUrl = {
  type: 'string',
  minLength: 1,
  description: 'the https URL of the tenant, such as https://acme.vmwareidentity.com',
} as const;

export const secretEnv = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description:
    'the name of the environment variable holding the secret, such as ACME_ADMIN_SECRET (never the secret itself)',
} as const;

export const testData = {
  type: 'object',
  additionalProperties: false,
  required: ['prefix'],
  default: {} as { prefix: string },
  description: 'test data settings: { prefix }',
  properties: {
    prefix: {
      type: 'string',
      pattern: '^[a-z][a-z0-9-]{0,19}$',
      default: 'scimkit',
      description: 'a prefix of lower-case letters, digits and "-", starting with a letter, at most 20 characters',
    },
  },
} as const;
