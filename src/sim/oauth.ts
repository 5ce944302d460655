/** What the simulated token endpoints share: how they read their form, and how they refuse (RFC 6749 §5.2). */
import express, { type RequestHandler } from 'express';

/**
 * What a token endpoint reads its form with. Every refusal there, the form parser's included, must be an OAuth
 * error (RFC 6749 §5.2) rather than the target's API error: the error handlers look at res.locals.oauth.
 */
export function oauthForm(): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.oauth = true;
      next();
    },
    express.urlencoded({ extended: false, limit: '64kb' }),
  ];
}

/** The token endpoint's refusals (RFC 6749 section 5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}
