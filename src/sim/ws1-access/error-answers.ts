import type { ErrorAnswer } from '../shell/error-handler.js';
import { OAuthError, sendOAuthError } from '../shell/oauth.js';
import type { Ws1AccessContext } from './context.js';
import { asWs1Error, envelope, Ws1Error } from './errors.js';

/** Every refusal in the tenant's own format: OAuth's on the OAuth endpoints, the envelope elsewhere. */
export function answerError(ctx: Ws1AccessContext): ErrorAnswer {
  return (error, _req, res) => {
    const refusal = error instanceof OAuthError ? error : asWs1Error(error);
    if (refusal instanceof OAuthError || res.locals.oauth) return sendOAuthError(res, refusal);
    const { type, body } = formatted(ctx, refusal);
    res.status(refusal.status).type(type).send(body);
  };
}

/** A request Node's HTTP parser refused, in the envelope. */
export function formatClientError(ctx: Ws1AccessContext) {
  return (status: number, message: string) => formatted(ctx, new Ws1Error(status, 'bad.request', message));
}

/** An error in the tenant's format: the envelope, or plain text on a simulator broken on purpose. */
function formatted(ctx: Ws1AccessContext, error: Ws1Error): { type: string; body: string } {
  return ctx.broken('plain-errors')
    ? { type: 'text/plain; charset=utf-8', body: error.message }
    : { type: 'application/json; charset=utf-8', body: envelope(error) };
}
