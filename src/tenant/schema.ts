import type { JSONSchemaType } from 'ajv';
import { JANSSEN_SCOPES, type JanssenTenant, type Ws1AccessTenant } from './types.js';

// Descriptions double as the "what is expected" half of validation errors, so they read as a noun phrase.

const name = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'a name safe for file names: letters, digits, ".", "_" and "-", at most 64 characters',
} as const;

const baseUrl = {
  type: 'string',
  minLength: 1,
  description: 'the https URL of the tenant, such as https://acme.vmwareidentity.com',
} as const;

/** Workspace ONE Access allows these characters in client ids (vendor spec, OAuth2ClientTypeInfo.clientId). */
const clientId = {
  type: 'string',
  pattern: '^[A-Za-z0-9._@-]{1,255}$',
  description: 'a client id of letters, digits, ".", "_", "-" and "@"',
} as const;

const secretEnv = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description:
    'the name of the environment variable holding the secret, such as ACME_ADMIN_SECRET (never the secret itself)',
} as const;

const domain = {
  type: 'string',
  pattern:
    '^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
  description: 'a DNS-style domain such as okta.acme.com, unique within the tenant',
} as const;

/** Three years in minutes: the TTL the documents choose so the token pasted into Okta lasts. */
export const DEFAULT_OKTA_TOKEN_TTL = 1576800;

/** Postman's callback URL for "Get New Access Token" with "Authorize using browser". */
export const POSTMAN_CALLBACK_URL = 'https://oauth.pstmn.io/v1/callback';

const minutes = (what: string, fallback: number) =>
  ({
    type: 'integer',
    minimum: 1,
    maximum: 2147483647,
    default: fallback,
    description: `the ${what} in minutes, such as ${fallback}`,
  }) as const;

const testData = {
  type: 'object',
  additionalProperties: false,
  required: ['prefix'],
  default: {} as Ws1AccessTenant['testData'],
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

export const ws1AccessSchema: JSONSchemaType<Ws1AccessTenant> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'target', 'baseUrl', 'directory', 'adminClient', 'oktaClient', 'testData'],
  properties: {
    name,
    target: { type: 'string', const: 'ws1-access', description: 'ws1-access' },
    baseUrl,
    directory: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'domain'],
      description: 'the directory of type Other: { name, domain }',
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          description: 'the directory name, such as Okta Universal Directory',
        },
        domain,
      },
    },
    adminClient: {
      type: 'object',
      additionalProperties: false,
      required: ['clientId', 'secretEnv'],
      description: 'the admin Service Client Token client: { clientId, secretEnv }',
      properties: { clientId, secretEnv },
    },
    oktaClient: {
      type: 'object',
      additionalProperties: false,
      required: ['clientId', 'accessTokenTTL'],
      default: {} as Ws1AccessTenant['oktaClient'],
      description: 'the client for Okta: { clientId, accessTokenTTL }',
      properties: {
        clientId: { ...clientId, default: 'OktaSCIM' },
        accessTokenTTL: {
          type: 'integer',
          minimum: 1,
          maximum: 2147483647,
          default: DEFAULT_OKTA_TOKEN_TTL,
          description: 'the access token lifetime in minutes, such as 1576800 (3 years)',
        },
        secretEnv: { ...secretEnv, nullable: true },
      },
    },
    scopedClient: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: [
        'clientId',
        'secretEnv',
        'redirectUri',
        'accessTokenTTL',
        'refreshTokenTTL',
        'refreshTokenIdleTTL',
        'tokenWarnDays',
      ],
      description: 'the User Access Token client of the scoped SCIM token: { clientId, secretEnv, redirectUri, ... }',
      properties: {
        clientId,
        secretEnv,
        redirectUri: {
          type: 'string',
          pattern: '^https://[^\\s{}]+$|^http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/[^\\s{}]*)?$',
          default: POSTMAN_CALLBACK_URL,
          description: `an https callback URL (http only on localhost), such as ${POSTMAN_CALLBACK_URL}`,
        },
        accessTokenTTL: minutes('access token lifetime', DEFAULT_OKTA_TOKEN_TTL),
        refreshTokenTTL: minutes('refresh token lifetime', DEFAULT_OKTA_TOKEN_TTL),
        refreshTokenIdleTTL: minutes('refresh token idle time', 5760),
        refreshTokenEnv: { ...secretEnv, nullable: true },
        tokenWarnDays: {
          type: 'integer',
          minimum: 1,
          maximum: 3650,
          default: 30,
          description: 'how many days before its expiry a run warns about the token, such as 30',
        },
      },
    },
    serviceAccount: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['userName', 'email'],
      description: 'the System Domain service account: { userName, email, passwordEnv }',
      properties: {
        userName: {
          type: 'string',
          pattern: '^[A-Za-z0-9._@-]{1,64}$',
          description: 'a user name of letters, digits, ".", "_", "-" and "@"',
        },
        email: {
          type: 'string',
          pattern: '^[^@\\s"]+@[^@\\s"]+$',
          description: 'the email address the account needs, such as scim-service@acme.example',
        },
        passwordEnv: { ...secretEnv, nullable: true },
      },
    },
    scimRole: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['name'],
      description: 'the SCIM role made in the console: { name }',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255, description: 'the role name, such as SCIM Service Role' },
      },
    },
    testData,
  },
};

export const janssenSchema: JSONSchemaType<JanssenTenant> = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'target',
    'baseUrl',
    'client',
    'scopes',
    'userExtension',
    'fidoDevices',
    'bypassIntended',
    'testData',
  ],
  properties: {
    name,
    target: { type: 'string', const: 'janssen', description: 'janssen' },
    baseUrl,
    client: {
      type: 'object',
      additionalProperties: false,
      required: ['clientId', 'secretEnv'],
      description: 'a client allowed every SCIM scope, such as the bundled "SCIM Client": { clientId, secretEnv }',
      properties: {
        clientId: {
          type: 'string',
          pattern: '^[A-Za-z0-9._:@-]{1,255}$',
          description: 'a client id of letters, digits, ".", "_", ":", "-" and "@"',
        },
        secretEnv,
      },
    },
    scopes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      default: [...JANSSEN_SCOPES],
      items: { type: 'string', enum: [...JANSSEN_SCOPES] },
      description: `SCIM scopes to verify, among: ${JANSSEN_SCOPES.join(', ')}`,
    },
    userExtension: {
      type: 'string',
      pattern: '^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\\s{}]+$',
      default: 'urn:ietf:params:scim:schemas:extension:gluu:2.0:User',
      description: 'the URN of the custom user extension, such as urn:ietf:params:scim:schemas:extension:gluu:2.0:User',
    },
    fidoDevices: {
      type: 'boolean',
      default: false,
      description: 'true when the server still has the U2F /FidoDevices endpoint (newer servers removed it)',
    },
    bypassIntended: {
      type: 'boolean',
      default: false,
      description: 'true only when the BYPASS protection mode is meant, the endpoints being protected otherwise',
    },
    testData,
  },
};

export const schemasByTarget = { 'ws1-access': ws1AccessSchema, janssen: janssenSchema } as const;
