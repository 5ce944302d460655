import type { RequestHandler } from 'express';

/**
 * Middleware run one after another as the router runs them (a thrown error or next(error) skips the rest and
 * goes on to the error handlers), in one router layer instead of one each: every request walks these.
 */
export function inSequence(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let at = 0;
    const step = (error?: unknown) => {
      if (error || at === handlers.length) return next(error);
      const handler = handlers[at++]!;
      try {
        void handler(req, res, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
