import type { RequestHandler } from 'express';
import { ScimError } from './errors.js';

/** Answers a method the path does not serve: 405 with Allow (OPTIONS: the Allow header alone). */
export function notAllowed(methods: string[]): RequestHandler {
  return (req, res) => {
    res.set('Allow', methods.join(', '));
    if (req.method === 'OPTIONS') return void res.status(204).end();
    throw new ScimError(405, '', `Method ${req.method} is not allowed on this endpoint`);
  };
}
