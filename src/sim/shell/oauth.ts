/** What the simulated OAuth endpoints share: how they read their form, and how they refuse (RFC 6749 §5.2). */
import express, { Router, type RequestHandler, type Response } from 'express';
import { Refusal } from './refusal.js';

/** The token endpoint's refusals (RFC 6749 section 5.2). */
export class OAuthError extends Refusal {
  constructor(
    status: number,
    readonly error: string,
    description: string,
  ) {
    super(status, description);
  }
}

/**
 * Marks an OAuth endpoint: every refusal there, the form parser's included, must be an OAuth error rather than
 * the target's API error. The targets' error answers look at res.locals.oauth.
 */
export const speaksOAuth: RequestHandler = (_req, res, next) => {
  res.locals.oauth = true;
  next();
};

/** What an OAuth endpoint reads its form with. */
export function oauthForm(): RequestHandler[] {
  return [speaksOAuth, express.urlencoded({ extended: false, limit: '64kb' })];
}

/** Answers the methods an OAuth endpoint does not serve: 405, with Allow. */
export function onlyMethod(method: string, description: string): RequestHandler {
  return (_req, res) => {
    res.set('Allow', method);
    throw new OAuthError(405, 'invalid_request', description);
  };
}

/** A token endpoint at `path`: a form, POSTed to `grant`; any other method is 405. */
export function tokenEndpoint(path: string, grant: RequestHandler): Router {
  const router = Router();
  router.all(path, ...oauthForm());
  router.post(path, grant);
  router.all(path, onlyMethod('POST', 'The token endpoint accepts POST only.'));
  return router;
}

/** An OAuth error answer; a refusal from elsewhere (the form parser, say) becomes invalid_request or server_error. */
export function sendOAuthError(res: Response, refusal: Refusal): void {
  const code =
    refusal instanceof OAuthError ? refusal.error : refusal.status < 500 ? 'invalid_request' : 'server_error';
  res.status(refusal.status).json({ error: code, error_description: refusal.message });
}
