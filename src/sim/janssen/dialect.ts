import type { Scim2Dialect } from '../scim2/dialect.js';
import { ScimError } from '../scim2/errors.js';
import {
  BULK_MAX_OPERATIONS,
  BULK_MAX_PAYLOAD_SIZE,
  DEFAULT_MAX_COUNT,
  DEFAULT_USER_EXTENSION,
  SCIM_BASE,
} from './constants.js';
import type { JanssenContext } from './context.js';
import type { JanssenDefect } from './defects.js';
import { FIDO_DEVICES, FIDO2_DEVICES } from './devices.js';
import { errorBody } from './errors.js';
import { JANSSEN_GROUPS } from './groups.js';
import { protection } from './protection.js';
import { userExtensionSchema } from './schemas.js';
import type { JanssenState } from './state.js';
import { janssenUsers } from './users.js';

/** Janssen Server's SCIM API, as the core serves it: its resource types, limits, protection and error format. */
export function janssenDialect(ctx: JanssenContext): Scim2Dialect<JanssenState> {
  const users = janssenUsers(userExtensionSchema(ctx.options.userExtension ?? DEFAULT_USER_EXTENSION));
  return {
    basePath: SCIM_BASE,
    resourceTypes: [users, JANSSEN_GROUPS, ...(ctx.fidoDevices ? [FIDO_DEVICES] : []), FIDO2_DEVICES],
    rootSearch: [users, JANSSEN_GROUPS],
    bulk: {
      maxOperations: BULK_MAX_OPERATIONS,
      maxPayloadSize: BULK_MAX_PAYLOAD_SIZE,
      resourceTypes: [users, JANSSEN_GROUPS, FIDO2_DEVICES],
    },
    maxCount: ctx.options.maxCount ?? DEFAULT_MAX_COUNT,
    // Janssen keeps what a PUT leaves out (its ScimResourceUtil.transferToResourceReplace).
    put: 'merge',
    serviceProvider: {
      documentationUri: 'https://docs.jans.io/head/janssen-server/scim/',
      authenticationSchemes: [
        {
          type: 'oauth2',
          name: 'OAuth 2.0',
          description: 'OAuth2 Access Token Authentication Scheme.',
          specUri: 'http://tools.ietf.org/html/rfc6749',
          primary: true,
        },
      ],
    },
    guard: protection(ctx),
    errorBody: (error) => errorBody(ctx, error),
    // JAX-RS answers 404 to a @QueryParam it cannot convert.
    unreadableInteger: (name, value) => new ScimError(404, '', `Invalid value of query parameter ${name}: ${value}`),
    // The core's hooks that are no defect of Janssen's table are never in force here.
    broken: (defect) => ctx.defects.has(defect as JanssenDefect),
  };
}
