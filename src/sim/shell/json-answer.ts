import type { Response } from 'express';

/**
 * Answers a JSON text as Express's `res.status(status).type(contentType).send(text)` does, without its
 * per-answer media-type lookups: `contentType` is given as Express would complete it (its charset included).
 * HEAD and conditional requests go through Express, which answers them (no body; 304 when fresh).
 */
export function sendJsonText(res: Response, status: number, contentType: string, text: string): void {
  const { method, headers } = res.req;
  if (method === 'HEAD' || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) {
    return void res.status(status).type(contentType).send(text);
  }
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
