import { shown, UsageError } from '../errors.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Checks a tenant URL and returns it without a trailing slash.
 * https is required; plain http is accepted only for loopback (the embedded simulator). With `path`, the URL may
 * carry a path (the SCIM root of a service, https://host/api/scim/v2), kept as given; otherwise it is an origin.
 */
export function normalizeBaseUrl(value: string, field: string, { path = false }: { path?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${field}: ${shown(value)} is not a URL; use the tenant's https URL, such as https://acme.vmwareidentity.com`,
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(
      `${field}: ${shown(value)} uses plain http; use https (http is accepted only for 127.0.0.1 and localhost)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(
      `${field}: ${shown(value)} is not an http(s) URL; use the tenant's https URL, such as https://acme.vmwareidentity.com`,
    );
  }
  if (path) {
    if (url.username || url.password || url.search || url.hash || /[?#]/.test(value)) {
      throw new UsageError(
        `${field}: ${shown(value)} must be the service's SCIM root only, such as https://scim.example.com/scim/v2 (no query, fragment or credentials)`,
      );
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new UsageError(
      `${field}: ${shown(value)} must be the tenant's address only, such as https://acme.vmwareidentity.com (no path, query or credentials)`,
    );
  }
  return url.origin;
}
