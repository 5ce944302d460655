import type { Duplex } from 'node:stream';
import express, { type Express } from 'express';

/** For the HTTP server's 'clientError' event. */
export type ClientErrorHandler = (error: Error & { code?: string }, socket: Duplex) => void;

/** A simulator as its create function returns it; a test may change its state and defects while it runs. */
export interface SimulatorApp<State, Defect extends string> {
  app: Express;
  state: State;
  defects: Set<Defect>;
  clientError: ClientErrorHandler;
}

/** An Express app as a tenant answers: no X-Powered-By, and no ETag the tenant would not send. */
export function simulatorApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  return app;
}
