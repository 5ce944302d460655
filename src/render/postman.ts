import postman from 'postman-collection';
import type { Auth, Body, Event, Item, Url } from './postman-types.js';
import type { AuthTemplate, RequestTemplate } from './template-schema.js';

/** Postman v2.1 pieces built from template data. Plain definitions, so the output is deterministic. */

export function toAuth(auth: AuthTemplate): Auth {
  const { type, ...attributes } = auth;
  if (type === 'noauth') return { type };
  // Postman stores its switches (useBrowser) as booleans.
  const list = Object.entries(attributes).map(([key, value]) =>
    value === 'true' || value === 'false'
      ? { key, value: value === 'true', type: 'boolean' }
      : { key, value, type: 'string' },
  );
  return { type, [type]: list };
}

export function toEvents(scripts: { prerequest?: string; test?: string }): Event[] {
  const events: Event[] = [];
  for (const listen of ['prerequest', 'test'] as const) {
    const text = scripts[listen]?.replace(/\s+$/, '');
    if (text) events.push({ listen, script: { type: 'text/javascript', exec: text.split('\n') } });
  }
  return events;
}

export function toUrl(raw: string): Url {
  const { host, path, query } = postman.Url.parse(raw) as Omit<Url, 'raw'>;
  return { raw, host, path, ...(query?.length ? { query } : {}) };
}

function toBody(body: NonNullable<RequestTemplate['request']['body']>): Body {
  if (body.urlencoded) {
    return { mode: 'urlencoded', urlencoded: Object.entries(body.urlencoded).map(([key, value]) => ({ key, value })) };
  }
  return { mode: 'raw', raw: JSON.stringify(body.json, null, 2), options: { raw: { language: 'json' } } };
}

/**
 * `prerequest` here already includes the guard snippets the renderer put in front of the template's own; the
 * request's documentation is added once its checks are known (render/request-docs.ts).
 */
export function toItem(template: RequestTemplate, prerequest: string | undefined): Item {
  const { method, url, headers, body } = template.request;
  return {
    name: template.name,
    event: toEvents({ prerequest, test: template.test }),
    request: {
      method,
      ...(template.auth ? { auth: toAuth(template.auth) } : {}),
      header: Object.entries(headers ?? {}).map(([key, value]) => ({ key, value })),
      url: toUrl(url),
      ...(body ? { body: toBody(body) } : {}),
    },
    response: [],
    ...(template.followRedirects === false ? { protocolProfileBehavior: { followRedirects: false } } : {}),
  };
}
