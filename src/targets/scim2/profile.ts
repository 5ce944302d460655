import type { JSONSchemaType } from 'ajv';
import { shown, UsageError } from '../../errors.js';
import { normalizeBaseUrl } from '../base-url.js';
import { name, secretEnv, testData } from '../profile-schema.js';
import type { TargetProfile } from '../target.js';

export const AUTH_TYPES = ['bearer', 'basic', 'oauth2-client-credentials'] as const;
export type Scim2AuthType = (typeof AUTH_TYPES)[number];

/**
 * How the run authenticates to the service; secrets only by the names of the variables holding them. One shape with
 * every field optional (the fields each type needs are checked across fields, below), so that `scimkit init` can
 * ask for each by its path.
 */
export interface Scim2Auth {
  type: Scim2AuthType;
  /** bearer: the variable holding the token. */
  tokenEnv?: string;
  /** basic: the user name, and the variable holding the password. */
  username?: string;
  passwordEnv?: string;
  /** oauth2-client-credentials: the token endpoint, the client, the variable holding its secret, the scope. */
  tokenUrl?: string;
  clientId?: string;
  secretEnv?: string;
  scope?: string;
  /** A token URL on another origin than baseUrl's: the client secret goes there, so the profile says it may. */
  trustTokenOrigin?: boolean;
}

/** The optional features of SCIM 2.0 a run checks; one left out is discovered (ServiceProviderConfig, ResourceTypes). */
export const FEATURES = ['groups', 'patch', 'bulk', 'sort', 'etag', 'me', 'enterpriseUser'] as const;
export type Scim2Feature = (typeof FEATURES)[number];

/** The attributes a provisioning client finds a user by before it creates one (Okta's "unique identifier"). */
export const MATCH_ATTRIBUTES = ['userName', 'externalId', 'emails.value'] as const;

/**
 * A schema extension the service's users carry (RFC 7643 section 3.3), such as the enterprise one: its URN, and
 * the attributes a run sends in it and reads back, with their values (simple ones: strings, numbers, booleans).
 */
export interface Scim2Extension {
  schema: string;
  attributes: Record<string, string | number | boolean>;
}

/** The enterprise extension (RFC 7643 section 4.3), the one most services carry. */
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * A URN (RFC 8141) whose characters all go into a URL path as they are, as /Schemas/{URN} takes it: no "/", "?",
 * "#", "&" or "%".
 */
const URN_PATTERN = "^[Uu][Rr][Nn]:[A-Za-z0-9][A-Za-z0-9-]{0,31}(:[A-Za-z0-9()+,.=@;$_!*'-]+)+$";

/** An attribute name (RFC 7643 section 2.1): a letter, then letters, digits, "-" and "_". */
const ATTRIBUTE_NAME = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';

/** A SCIM 2.0 service profile, every default filled in. */
export interface Scim2Tenant {
  name: string;
  target: 'scim2';
  /** The SCIM root of the service, a path included (https://host/api/scim/v2), no trailing slash. */
  baseUrl: string;
  auth: Scim2Auth;
  supports: Partial<Record<Scim2Feature, boolean>>;
  matchAttribute: (typeof MATCH_ATTRIBUTES)[number];
  /** The schema extensions a run sends in a user it creates, and checks in discovery and the read-back. */
  extensions: Scim2Extension[];
  testData: { prefix: string };
}

/** What each auth type needs, and may have besides. */
const AUTH_FIELDS: Record<Scim2AuthType, { needs: (keyof Scim2Auth)[]; may: (keyof Scim2Auth)[] }> = {
  bearer: { needs: ['tokenEnv'], may: [] },
  basic: { needs: ['username', 'passwordEnv'], may: [] },
  'oauth2-client-credentials': { needs: ['tokenUrl', 'clientId', 'secretEnv'], may: ['scope', 'trustTokenOrigin'] },
};

const optionalString = (description: string, pattern = '^\\S.{0,255}$') =>
  ({ type: 'string', nullable: true, pattern, description }) as const;

const feature = (what: string) =>
  ({ type: 'boolean', nullable: true, description: `true or false: whether the service supports ${what}` }) as const;

const authProperties = {
  type: { type: 'string', enum: [...AUTH_TYPES], default: 'bearer', description: AUTH_TYPES.join(', ') },
  tokenEnv: { ...secretEnv, nullable: true, description: 'the name of the variable holding the bearer token' },
  username: optionalString('the user name of HTTP Basic, without ":"', '^[^:\\s][^:]{0,255}$'),
  passwordEnv: { ...secretEnv, nullable: true, description: 'the name of the variable holding the password' },
  tokenUrl: optionalString('the https URL of the token endpoint, such as https://scim.example.com/oauth/token'),
  clientId: optionalString('a client id of letters, digits, ".", "_", ":", "-" and "@"', '^[A-Za-z0-9._:@-]{1,255}$'),
  secretEnv: { ...secretEnv, nullable: true, description: "the name of the variable holding the client's secret" },
  scope: optionalString('the scopes to ask for, separated by spaces', '^[\\x21\\x23-\\x5B\\x5D-\\x7E ]{1,1024}$'),
  trustTokenOrigin: {
    type: 'boolean',
    nullable: true,
    description: 'true when the token URL is on another origin than baseUrl and the client secret may go there',
  },
} as const;

const schema: JSONSchemaType<Scim2Tenant> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'target', 'baseUrl', 'auth', 'supports', 'matchAttribute', 'extensions', 'testData'],
  properties: {
    name,
    target: { type: 'string', const: 'scim2', description: 'scim2' },
    baseUrl: {
      type: 'string',
      minLength: 1,
      description: 'the https URL of the SCIM root, such as https://scim.example.com/scim/v2',
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      description: `how the run authenticates: { type: ${AUTH_TYPES.join(' | ')}, ... }`,
      properties: authProperties,
    },
    supports: {
      type: 'object',
      additionalProperties: false,
      required: [],
      default: {},
      description: `what the service supports, each true or false (otherwise discovered): ${FEATURES.join(', ')}`,
      properties: {
        groups: feature('/Groups'),
        patch: feature('PATCH (RFC 7644 section 3.5.2)'),
        bulk: feature('/Bulk'),
        sort: feature('sortBy and sortOrder'),
        etag: feature('ETags'),
        me: feature('/Me'),
        enterpriseUser: feature('the Enterprise User extension (RFC 7643 section 4.3) and its manager'),
      },
    },
    matchAttribute: {
      type: 'string',
      enum: [...MATCH_ATTRIBUTES],
      default: 'userName',
      description: `the attribute a provisioning client finds users by: ${MATCH_ATTRIBUTES.join(', ')}`,
    },
    extensions: {
      type: 'array',
      default: [],
      maxItems: 20,
      description: 'a list of schema extensions, each { schema: <its URN>, attributes: { <name>: <value>, ... } }',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['schema', 'attributes'],
        description: 'a schema extension: { schema: <its URN>, attributes: { <name>: <value>, ... } }',
        properties: {
          schema: {
            type: 'string',
            pattern: URN_PATTERN,
            description: `the URN of the extension's schema, such as ${ENTERPRISE_USER}`,
          },
          attributes: {
            type: 'object',
            required: [],
            minProperties: 1,
            maxProperties: 50,
            propertyNames: {
              type: 'string',
              pattern: ATTRIBUTE_NAME,
              description: 'an attribute name: a letter, then letters, digits, "-" or "_"',
            },
            // Each value's type is checked below: Ajv's strict mode takes no union of types.
            additionalProperties: true,
            description:
              'the attributes a run sends, at least one: names of a letter, then letters, digits, "-" or "_", ' +
              'each with a string, number or boolean, such as { costCenter: "4130" }',
          } as unknown as JSONSchemaType<Record<string, string | number | boolean>>,
        },
      },
    },
    testData,
  },
};

/** The fields of the profile's auth type are there, and no other type's; a token URL is one the run may trust. */
function check(tenant: Scim2Tenant): void {
  const { auth } = tenant;
  const { needs, may } = AUTH_FIELDS[auth.type];
  for (const field of Object.keys(auth) as (keyof Scim2Auth)[]) {
    if (field === 'type' || needs.includes(field) || may.includes(field)) continue;
    throw new UsageError(
      `auth.${field} is not a field of auth type ${auth.type}; remove it (that type takes ${[...needs, ...may].join(', ')})`,
    );
  }
  for (const field of needs) {
    if (auth[field] === undefined)
      throw new UsageError(
        `auth.${field} is missing; add ${authProperties[field].description} (auth type ${auth.type})`,
      );
  }
  if (auth.tokenUrl !== undefined) checkTokenUrl(auth.tokenUrl, tenant.baseUrl, auth.trustTokenOrigin === true);
  checkExtensions(tenant.extensions);
}

/** Each extension once, none a core schema, each attribute once (names are case-insensitive), numbers finite. */
function checkExtensions(extensions: readonly Scim2Extension[]): void {
  const seen = new Set<string>();
  extensions.forEach(({ schema, attributes }, index) => {
    const field = `extensions.${index}`;
    const urn = schema.toLowerCase();
    if (urn.startsWith('urn:ietf:params:scim:schemas:core:') || urn.startsWith('urn:ietf:params:scim:api:'))
      throw new UsageError(
        `${field}.schema: ${shown(schema)} is a core schema, not an extension; name an extension's URN`,
      );
    if (seen.has(urn))
      throw new UsageError(`${field}.schema: ${shown(schema)} is listed twice; list each extension once`);
    seen.add(urn);
    const names = new Set<string>();
    for (const [name, value] of Object.entries(attributes)) {
      if (names.has(name.toLowerCase()))
        throw new UsageError(`${field}.attributes.${name}: given twice (SCIM names are case-insensitive); keep one`);
      names.add(name.toLowerCase());
      if (!['string', 'number', 'boolean'].includes(typeof value))
        throw new UsageError(
          `${field}.attributes.${name}: ${shown(value)} is not valid; give a string, number or boolean`,
        );
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new UsageError(
          `${field}.attributes.${name}: ${shown(value)} is not a finite number; give a number or a string`,
        );
    }
  });
}

/**
 * A token URL is https (http on loopback only), and on baseUrl's origin unless the profile trusts its own: the
 * run sends the client secret there, and no request goes to an origin the profile does not name.
 */
function checkTokenUrl(tokenUrl: string, baseUrl: string, trusted: boolean): void {
  const url = normalizeBaseUrl(tokenUrl, 'auth.tokenUrl', { path: true });
  const [origin, tenantOrigin] = [new URL(url).origin, new URL(baseUrl).origin];
  if (origin !== tenantOrigin && !trusted) {
    throw new UsageError(
      `auth.tokenUrl: ${shown(tokenUrl)} is on another origin than baseUrl (${tenantOrigin}), and the client secret ` +
        'would go there: set auth.trustTokenOrigin: true if it is the authorization server of the service',
    );
  }
}

export const scim2Profile: TargetProfile<Scim2Tenant> = { schema, check, baseUrlPath: true };
