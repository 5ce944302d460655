import type { Redactor } from '../report/redact.js';
import { MAX_REPORTED_BODY, type HttpMessage } from '../report/types.js';

/** The slice of a postman-collection Request or Response that a report shows. */
export interface SdkMessage {
  headers?: { all(): { key: string; value: string; disabled?: boolean }[] };
  body?: { toString(): string };
  stream?: Buffer;
}

/**
 * A request or an answer as a report shows it: masked (credential headers by name, secret fields by key, every
 * known secret wherever it stands) before anything else touches it, and cut at MAX_REPORTED_BODY.
 */
export function reportedMessage(message: SdkMessage, redactor: Redactor): HttpMessage {
  const headers = (message.headers?.all() ?? [])
    .filter((header) => !header.disabled)
    .map(({ key, value }) => ({ key: redactor.redact(key), value: redactor.redactHeader(key, String(value)) }));
  const bytes = message.stream ?? Buffer.from(message.body?.toString() ?? '');
  if (!bytes.length) return { headers, size: 0 };
  const cut = bytes.length > MAX_REPORTED_BODY;
  const text = bytes.subarray(0, MAX_REPORTED_BODY).toString('utf8');
  return {
    headers,
    body: redactor.redactBody(text, contentType(headers)),
    size: bytes.length,
    ...(cut ? { truncated: true as const } : {}),
  };
}

function contentType(headers: readonly { key: string; value: string }[]): string {
  return headers.find((header) => header.key.toLowerCase() === 'content-type')?.value ?? '';
}
