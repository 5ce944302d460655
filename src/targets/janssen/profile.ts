import type { JSONSchemaType } from 'ajv';
import { SCIM_SCOPES as JANSSEN_SCOPES } from '../../sim/janssen/constants.js';
import { baseUrl, name, secretEnv, testData } from '../profile-schema.js';
import type { TargetProfile } from '../target.js';

/** The SCIM scopes of Janssen Server, without their https://jans.io/scim/ prefix. */
export type JanssenScope = (typeof JANSSEN_SCOPES)[number];

/** A Janssen Server profile, every default filled in. */
export interface JanssenTenant {
  name: string;
  target: 'janssen';
  /** https origin of the server, no trailing slash. */
  baseUrl: string;
  /** A client that may obtain every SCIM scope (the bundled "SCIM Client"); its secret from `secretEnv`. */
  client: { clientId: string; secretEnv: string };
  /** The scopes whose enforcement a run verifies (all by default). */
  scopes: JanssenScope[];
  /** The URN of the custom user extension. */
  userExtension: string;
  /** Whether the server still has the U2F /FidoDevices endpoint (newer servers removed it). */
  fidoDevices: boolean;
  /** BYPASS protection mode is intended: a server answering without a token is then no finding. */
  bypassIntended: boolean;
  testData: { prefix: string };
}

const schema: JSONSchemaType<JanssenTenant> = {
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

export const janssenProfile: TargetProfile<JanssenTenant> = { schema };
