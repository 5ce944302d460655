import type { Request, Response } from '../render/postman-types.js';
import type { Answer } from './answers.js';

/** Headers that differ from one answer to the next without saying anything about it: left out of examples. */
const VARYING_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * An answer of the examples run as a saved example of a request: with the request as the collection holds it (its
 * variables, not what was sent), the headers that carry meaning (Content-Type, Location, ETag, WWW-Authenticate, ...),
 * and the simulator's address replaced by the tenant's, wherever the answer names it.
 */
export function exampleResponse(
  name: string,
  request: Request,
  answer: Answer,
  address: { simulator: string; tenant: string },
): Response {
  const local = (text: string) => tenantAddress(text, address);
  const header = answer.response.headers
    .filter((h) => !VARYING_HEADERS.has(h.key.toLowerCase()))
    .map(({ key, value }) => ({ key, value: local(value) }));
  const { description: _, ...originalRequest } = request;
  return {
    name,
    originalRequest,
    status: answer.status,
    code: answer.code,
    _postman_previewlanguage: previewLanguage(header),
    header,
    cookie: [],
    body: local(answer.response.body ?? ''),
  };
}

function tenantAddress(text: string, address: { simulator: string; tenant: string }): string {
  return text
    .split(address.simulator)
    .join(address.tenant)
    .split(encodeURIComponent(address.simulator))
    .join(encodeURIComponent(address.tenant));
}

function previewLanguage(header: readonly { key: string; value: string }[]): Response['_postman_previewlanguage'] {
  const type = header.find((h) => h.key.toLowerCase() === 'content-type')?.value.toLowerCase() ?? '';
  if (/[/+]json\b/.test(type)) return 'json';
  return type.startsWith('text/html') ? 'html' : 'text';
}
