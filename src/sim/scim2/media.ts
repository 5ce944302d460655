import type { Request, Response } from 'express';

/** The media types SCIM endpoints read and write (RFC 7644 sections 3.1 and 3.8). */
export const SCIM_JSON = 'application/scim+json';
export const JSON_TYPES = [SCIM_JSON, 'application/json'];

/** A SCIM answer, as application/scim+json unless the client asked for application/json only. */
export function respond(req: Request, res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body === undefined) return void res.end();
  res.type(`${req.accepts(JSON_TYPES) || SCIM_JSON}; charset=utf-8`);
  res.send(JSON.stringify(body));
}
