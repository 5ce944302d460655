import type { JSONSchemaType } from 'ajv';
import { UsageError } from '../../errors.js';
import { baseUrl, name, secretEnv, testData } from '../profile-schema.js';
import type { TargetProfile } from '../target.js';

/** A Workspace ONE Access profile, every default filled in. */
export interface Ws1AccessTenant {
  /** Safe for file names: the rendered files are named after it. */
  name: string;
  target: 'ws1-access';
  /** https origin of the tenant, no trailing slash. */
  baseUrl: string;
  /** The directory of type Other that receives Okta's users; Okta's `domain` attribute must equal its domain. */
  directory: { name: string; domain: string };
  /** Service Client Token client for admin calls; its secret is read from the environment variable `secretEnv`. */
  adminClient: { clientId: string; secretEnv: string };
  /** The client whose bearer token is pasted into Okta. TTL in minutes. */
  oktaClient: { clientId: string; accessTokenTTL: number; secretEnv?: string };
  /** Every user and group a run creates is named with this prefix and the run id. */
  testData: { prefix: string };
  /** What the requests' Accept and Content-Type headers offer (src/targets/ws1-access/media-types.ts). */
  mediaTypes: MediaTypes;
  /** The reduced-scope SCIM token (seed 000): all three together, or none. */
  scopedClient?: ScopedClient;
  serviceAccount?: ServiceAccount;
  scimRole?: { name: string };
}

/**
 * The 2018 API and the documents speak vendor types (application/vnd.vmware.horizon.manager.*+json); the 2025 API
 * (KB 6000953) lists application/json instead. `both` offers both wherever a header can.
 */
export const MEDIA_TYPES = ['vendor', 'json', 'both'] as const;
export type MediaTypes = (typeof MEDIA_TYPES)[number];

/** A User Access Token client (authorization code + refresh token). TTLs in minutes. */
export interface ScopedClient {
  clientId: string;
  secretEnv: string;
  redirectUri: string;
  accessTokenTTL: number;
  refreshTokenTTL: number;
  refreshTokenIdleTTL: number;
  /** Where a run under Newman finds the refresh token obtained once in Postman. */
  refreshTokenEnv?: string;
  /** A run warns when the token expires within this many days. */
  tokenWarnDays: number;
}

/** The local System Domain user the scoped token is issued to. */
export interface ServiceAccount {
  userName: string;
  email: string;
  /** Only for a login without a browser, which the simulator offers. */
  passwordEnv?: string;
}

// Descriptions double as the "what is expected" half of validation errors, so they read as a noun phrase.

/** Workspace ONE Access allows these characters in client ids (vendor spec, OAuth2ClientTypeInfo.clientId). */
const clientId = {
  type: 'string',
  pattern: '^[A-Za-z0-9._@-]{1,255}$',
  description: 'a client id of letters, digits, ".", "_", "-" and "@"',
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

const schema: JSONSchemaType<Ws1AccessTenant> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'target', 'baseUrl', 'directory', 'adminClient', 'oktaClient', 'testData', 'mediaTypes'],
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
    mediaTypes: {
      type: 'string',
      enum: MEDIA_TYPES,
      default: 'both',
      description:
        'vendor (the application/vnd.vmware.horizon.manager types of the 2018 API and the documents), json ' +
        '(application/json, as the 2025 API lists) or both (the default: each Accept offers both)',
    },
  },
};

/** The scoped SCIM token needs its client, its service account and its role: all three, or none. */
function checkScopedToken(tenant: Ws1AccessTenant): void {
  const parts = ['scopedClient', 'serviceAccount', 'scimRole'] as const;
  const missing = parts.filter((part) => !tenant[part]);
  if (missing.length && missing.length < parts.length) {
    throw new UsageError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing; the scoped SCIM token needs ${parts.join(', ')} together (or none of them)`,
    );
  }
  const client = tenant.scopedClient;
  if (client && client.refreshTokenIdleTTL >= client.refreshTokenTTL) {
    throw new UsageError(
      `scopedClient.refreshTokenIdleTTL: ${client.refreshTokenIdleTTL} is not below refreshTokenTTL (${client.refreshTokenTTL}); the vendor requires it to be less`,
    );
  }
}

export const ws1AccessProfile: TargetProfile<Ws1AccessTenant> = { schema, check: checkScopedToken };
