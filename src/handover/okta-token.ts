import { UsageError } from '../errors.js';
import { describeNetworkError } from '../io/network-errors.js';
import type { Ws1AccessTenant } from '../targets/index.js';

export interface MintedToken {
  token: string;
  /** When it expires (ms since the epoch), if the tenant said. */
  expiresAt?: number;
}

export interface MintSettings {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  maxBytes: number;
}

/** A token is handed to a terminal or a file: printable, and of a sane length, or not at all. */
const PRINTABLE_TOKEN = /^[\x21-\x7e]{1,8192}$/;

/**
 * A fresh token for Okta's API Token field, as Generate OAuth Bearer Token gets it: client credentials of the
 * Okta client, Basic client auth, scope admin. The answer is bounded in time and size, a redirect is never
 * followed (it would take the credentials elsewhere), and nothing the tenant says reaches an error message.
 */
export async function mintOktaToken(tenant: Ws1AccessTenant, settings: MintSettings): Promise<MintedToken> {
  const { clientId, secretEnv } = tenant.oktaClient;
  const url = new URL('/SAAS/auth/oauthtoken', settings.baseUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${settings.secret}`).toString('base64')}`,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=admin',
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    throw new UsageError(fetchFailure(error, url, settings.timeoutMs));
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new UsageError(
      `the token endpoint answered with a redirect (${response.status}): not followed, so that the Okta client's credentials stay with ${url.origin}; check baseUrl`,
    );
  }
  if (response.status === 400 || response.status === 401) {
    await response.body?.cancel();
    throw new UsageError(
      `the tenant refused the Okta client ${clientId} (${response.status}): check that ${secretEnv} holds its secret, and that the client exists (scimkit run --setup creates it)`,
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new UsageError(`the token endpoint answered ${response.status}: try again later, or check baseUrl`);
  }
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(await readCapped(response, settings.maxBytes)) as typeof body;
  } catch (error) {
    throw new UsageError(
      error instanceof UsageError
        ? error.message
        : fetchFailure(error, url, settings.timeoutMs, 'the token answer is not JSON'),
    );
  }
  if (typeof body.access_token !== 'string' || !PRINTABLE_TOKEN.test(body.access_token)) {
    throw new UsageError('the token answer holds no usable access_token: check that baseUrl is the tenant');
  }
  const seconds = Number(body.expires_in);
  return { token: body.access_token, ...(seconds > 0 ? { expiresAt: Date.now() + seconds * 1000 } : {}) };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new UsageError(`the token answer is larger than ${maxBytes} bytes: check that baseUrl is the tenant`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fetchFailure(error: unknown, url: URL, timeoutMs: number, otherwise?: string): string {
  const { name, cause } = (error ?? {}) as { name?: string; cause?: Error & { code?: string } };
  if (name === 'TimeoutError')
    return `no complete answer from ${url.host} within ${timeoutMs} ms: the tenant is slow or unreachable`;
  if (cause) return describeNetworkError(cause, url.host);
  return otherwise ?? `the token request to ${url.host} failed`;
}
