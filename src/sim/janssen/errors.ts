import type { ScimError } from '../scim2/errors.js';
import { URN } from '../scim2/urn.js';
import { Refusal } from '../shell/refusal.js';
import type { JanssenContext } from './context.js';

/**
 * The Error body as Janssen sends it (BaseScimWebService.getErrorResponse): `status` a string (a number only on a
 * simulator broken on purpose), `scimType` "" when there is none (ErrorResponse serializes a null as "").
 */
export function errorBody(ctx: JanssenContext, error: ScimError) {
  return {
    schemas: [URN.error],
    status: ctx.broken('error-status-as-number') ? error.status : String(error.status),
    scimType: error.scimType,
    detail: error.detail,
  };
}

/**
 * A refusal of the OAuth protection filter: a bare string entity, no JSON and no WWW-Authenticate
 * (BaseOAuthProtectionService, DefaultOAuthProtectionService).
 */
export class AuthRefusal extends Refusal {
  constructor(status: 401 | 403) {
    super(status, status === 401 ? 'No authorization header found' : 'Invalid token or insufficient scopes');
  }
}
