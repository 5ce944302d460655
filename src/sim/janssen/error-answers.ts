import { asScimError, ScimError } from '../scim2/errors.js';
import { respond, SCIM_JSON } from '../scim2/media.js';
import type { ErrorAnswer } from '../shell/error-handler.js';
import { OAuthError, sendOAuthError } from '../shell/oauth.js';
import type { JanssenContext } from './context.js';
import { AuthRefusal, errorBody } from './errors.js';

/**
 * Every refusal in Janssen's own format: the protection filter's bare strings, OAuth errors on the token
 * endpoint, the SCIM Error elsewhere.
 */
export function answerError(ctx: JanssenContext): ErrorAnswer {
  return (error, req, res) => {
    if (error instanceof AuthRefusal) {
      res.status(error.status).type('text/plain; charset=utf-8').send(error.message);
      return;
    }
    if (error instanceof OAuthError || res.locals.oauth) {
      const refusal = error instanceof OAuthError ? error : asScimError(error);
      if (refusal instanceof OAuthError && refusal.status === 401)
        res.set('WWW-Authenticate', 'Basic realm="jans-auth"');
      res.set('Cache-Control', 'no-store');
      return sendOAuthError(res, refusal);
    }
    const refusal = asScimError(error);
    respond(req, res, refusal.status, errorBody(ctx, refusal));
  };
}

/** A request Node's HTTP parser refused, as a SCIM Error. */
export function formatClientError(ctx: JanssenContext) {
  return (status: number, detail: string) => ({
    type: `${SCIM_JSON}; charset=utf-8`,
    body: JSON.stringify(errorBody(ctx, new ScimError(status, '', detail))),
  });
}
