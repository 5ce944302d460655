import type { Express, Request, Response } from 'express';
import { clientMistake } from './client-mistakes.js';
import { Refusal } from './refusal.js';

/** Answers one error in the target's own format. */
export type ErrorAnswer = (error: unknown, req: Request, res: Response) => void;

/**
 * Ends an app's routes: a request no route took is `unrouted()`, and every error gets the target's answer. An
 * error that is neither a refusal nor a client mistake is a simulator bug, so it is logged too.
 */
export function answerErrors(app: Express, unrouted: () => Refusal, answer: ErrorAnswer): void {
  app.use(() => {
    throw unrouted();
  });
  app.use((error: unknown, req: Request, res: Response, next: (error: unknown) => void) => {
    if (res.headersSent) return next(error); // too late to answer: Express closes the connection
    if (!(error instanceof Refusal) && !clientMistake(error)) {
      console.error(`simulator: ${req.method} ${req.path}: ${error instanceof Error ? error.stack : String(error)}`);
    }
    answer(error, req, res);
  });
}
