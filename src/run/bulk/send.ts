import http from 'node:http';
import https from 'node:https';
import type { BulkRequest } from '../../targets/bulk-shape.js';
import type { TenantTransport } from '../transport.js';

export interface BulkAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text ('' when empty). */
  text: string;
}

/**
 * One request through the run's transport (its agents pin the origin, bound each answer's time and size, and stop
 * everything on Ctrl-C): keep-alive sockets, no redirect followed.
 */
export function send(transport: TenantTransport, request: BulkRequest): Promise<BulkAnswer> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  const agent = secure ? transport.agents.https : transport.agents.http;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = body ? { ...request.headers, 'Content-Length': String(body.length) } : request.headers;
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, { method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The JSON of an answer, or undefined when it has none. */
export function jsonOf(answer: BulkAnswer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer.text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
