import { asScimError, ScimError } from '../scim2/errors.js';
import { respond, SCIM_JSON } from '../scim2/media.js';
import { URN } from '../scim2/urn.js';
import type { ErrorAnswer } from '../shell/error-handler.js';
import { OAuthError, sendOAuthError } from '../shell/oauth.js';
import type { GenericScim2Context } from './context.js';

/**
 * The Error body of RFC 7644 section 3.12: the Error schema, `status` the HTTP status "expressed as a JSON string"
 * (a number only on a simulator broken on purpose), `scimType` only when there is one, `detail`.
 */
export function errorBody(ctx: GenericScim2Context, error: ScimError) {
  return {
    schemas: [URN.error],
    status: ctx.broken('error-status-as-number') ? error.status : String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}

/** Missing or wrong credentials: 401 with the challenge of the scheme the service takes (RFC 7235 section 3.1). */
export class CredentialsRefusal extends ScimError {
  constructor(
    readonly challenge: string,
    detail: string,
  ) {
    super(401, '', detail);
  }
}

/** Every refusal as a SCIM Error, but on the token endpoint, which answers as OAuth does (RFC 6749 section 5.2). */
export function answerError(ctx: GenericScim2Context): ErrorAnswer {
  return (error, req, res) => {
    if (error instanceof OAuthError || res.locals.oauth) {
      const refusal = error instanceof OAuthError ? error : asScimError(error);
      if (refusal.status === 401) res.set('WWW-Authenticate', 'Basic realm="token"');
      res.set('Cache-Control', 'no-store');
      return sendOAuthError(res, refusal);
    }
    const refusal = asScimError(error);
    if (refusal instanceof CredentialsRefusal) res.set('WWW-Authenticate', refusal.challenge);
    respond(req, res, refusal.status, errorBody(ctx, refusal));
  };
}

/** A request Node's HTTP parser refused, as a SCIM Error. */
export function formatClientError(ctx: GenericScim2Context) {
  return (status: number, detail: string) => ({
    type: `${SCIM_JSON}; charset=utf-8`,
    body: JSON.stringify(errorBody(ctx, new ScimError(status, '', detail))),
  });
}
