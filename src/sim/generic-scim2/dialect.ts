import type { Scim2Dialect } from '../scim2/dialect.js';
import { invalidValue } from '../scim2/errors.js';
import { GROUPS, uniqueDisplayName } from '../scim2/groups.js';
import type { Kind, KindContext } from '../scim2/resource-type.js';
import type { SchemaDef } from '../scim2/schema.js';
import { ENTERPRISE_USER_SCHEMA } from '../scim2/enterprise-user.js';
import { URN } from '../scim2/urn.js';
import { USERS } from '../scim2/users.js';
import { requireCredentials } from './auth.js';
import type { GenericScim2Context } from './context.js';
import type { GenericScim2Defect } from './defects.js';
import { errorBody } from './errors.js';
import type { GenericScim2State } from './state.js';

/** The default and largest page size, as Okta pages its imports (count=100). */
export const DEFAULT_MAX_COUNT = 100;

/** Groups whose displayName is unique, whatever its case: the server's choice, as most make it. */
const GENERIC_GROUPS: Kind<GenericScim2State> = { ...GROUPS, unique: uniqueDisplayName };

/**
 * Users that may carry the Enterprise User extension (RFC 7643 section 4.3), its manager included, and the
 * extensions the simulator is configured with; a configured Enterprise User adds the attributes it declares.
 */
function genericUsers(configured: readonly SchemaDef[]): Kind<GenericScim2State> {
  const same = (schema: SchemaDef) => schema.id.toLowerCase() === URN.enterpriseUser.toLowerCase();
  const declared = configured.find(same)?.attributes ?? [];
  const defined = new Set(ENTERPRISE_USER_SCHEMA.attributes.map((a) => a.name.toLowerCase()));
  const enterprise: SchemaDef = {
    ...ENTERPRISE_USER_SCHEMA,
    attributes: [...ENTERPRISE_USER_SCHEMA.attributes, ...declared.filter((a) => !defined.has(a.name.toLowerCase()))],
  };
  return {
    ...USERS,
    extensions: [enterprise, ...configured.filter((schema) => !same(schema))],
    refine: withoutManager,
  };
}

/** Broken on purpose: the manager is taken and dropped, as a service without the attribute does. */
function withoutManager(ctx: KindContext<GenericScim2State>, attributes: Record<string, unknown>) {
  const enterprise = attributes[URN.enterpriseUser] as Record<string, unknown> | undefined;
  if (!enterprise?.manager || !ctx.broken('manager-ignored')) return attributes;
  const { manager: _manager, ...rest } = enterprise;
  return { ...attributes, [URN.enterpriseUser]: rest };
}

/** How the service says it authenticates (RFC 7643 section 5, authenticationSchemes). */
const SCHEMES = {
  bearer: { type: 'oauthbearertoken', name: 'Bearer token', description: 'A bearer token in the Authorization header' },
  basic: { type: 'httpbasic', name: 'HTTP Basic', description: 'A user name and password, HTTP Basic' },
  'oauth2-client-credentials': {
    type: 'oauthbearertoken',
    name: 'OAuth 2.0 bearer token',
    description: 'A bearer token from the client-credentials grant',
  },
} as const;

/**
 * A SCIM 2.0 service that follows RFC 7643 and 7644 where they are strict: PUT replaces, userName is unique
 * whatever its case (409 uniqueness), Error bodies carry status as a string, every endpoint wants credentials,
 * resources are versioned (ETags), users carry the Enterprise User extension and those it is configured with.
 */
export function genericDialect(ctx: GenericScim2Context): Scim2Dialect<GenericScim2State> {
  const guard = requireCredentials(ctx);
  const users = genericUsers(ctx.options.extensions ?? []);
  return {
    basePath: ctx.options.basePath ?? '',
    resourceTypes: [users, GENERIC_GROUPS],
    rootSearch: [users, GENERIC_GROUPS],
    bulk: { maxOperations: 100, maxPayloadSize: 1_048_576, resourceTypes: [users, GENERIC_GROUPS] },
    maxCount: ctx.options.maxCount ?? DEFAULT_MAX_COUNT,
    put: 'replace',
    etag: ctx.options.etag !== false,
    serviceProvider: {
      documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
      authenticationSchemes: [{ ...SCHEMES[ctx.state.auth.type], primary: true }],
    },
    guard: () => guard,
    errorBody: (error) => errorBody(ctx, error),
    unreadableInteger: (name, value) => invalidValue(`Query parameter ${name} must be an integer, not ${value}`),
    // The core's hooks that are no defect of this table are never in force here.
    broken: (defect) => ctx.defects.has(defect as GenericScim2Defect),
  };
}
