import { stripVTControlCharacters } from 'node:util';

/** Keys whose values are secrets wherever they appear in a JSON body (token answers, client answers). */
const SECRET_KEYS = new Set(['access_token', 'refresh_token', 'id_token', 'secret', 'client_secret', 'password']);
/**
 * Keys whose values are links that carry a one-time credential (Workspace ONE Access: the link that sets a new
 * account's password): masked whole in a body, and their credential learned, not the link (a link's start is the
 * tenant's URL, which must stay readable elsewhere).
 */
const SECRET_LINK_KEYS = new Set(['firstLoginUrl']);

const MASK = '********';
/** Headers that carry credentials: their value is masked whatever it holds (the scheme of Authorization stays). */
const CREDENTIAL_HEADER = /authorization|cookie|token|secret|api-?key|password/i;
/** Form fields and URL parameters that carry credentials, beyond the secret keys above. */
const SECRET_FORM_KEYS = new Set([...SECRET_KEYS, 'client_assertion', 'assertion', 'code', 'code_verifier', 'otp']);
/** Very short values would mask ordinary words; a secret is never that short. */
const MIN_SECRET_LENGTH = 6;
/** A secret cut short by a check that quotes only the start of a body is still masked from this many characters. */
const MIN_PREFIX = 12;

/**
 * Removes every known secret from text bound for a report, a log line or an error message, in every form a
 * request can carry it: as it is, URL- and form-encoded, escaped in JSON, in base64, inside the Basic
 * `base64(id:secret)` of each known client id, and cut short by a quote. It starts with the secrets the run was
 * given and learns those the tenant hands out (tokens, generated client secrets) from its answers. What comes
 * out is also safe for a terminal: the tenant's control characters and escape sequences are gone.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly clientIds = new Set<string>();
  /** Every form of every secret, longest first, so that no shorter form masks half of a longer one. */
  private forms: string[] = [];

  constructor(initial: Iterable<string> = [], clientIds: Iterable<string> = []) {
    for (const id of clientIds) this.clientIds.add(id);
    for (const secret of initial) this.add(secret);
  }

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.rebuild();
  }

  /** A client id the run authenticates with: its Basic credentials are masked with every known secret. */
  addClientId(id: string): void {
    if (!id || this.clientIds.has(id)) return;
    this.clientIds.add(id);
    this.rebuild();
  }

  /** Learns the secrets in a JSON body, at any depth. */
  learnFromJson(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (SECRET_KEYS.has(key) && typeof child === 'string') this.add(child);
          else if (SECRET_LINK_KEYS.has(key) && typeof child === 'string') this.learnFromUrl(child);
          else visit(child);
        }
      }
    };
    visit(data);
  }

  /** Learns the credentials a URL carries (an authorization code in a redirect's Location, a one-time link). */
  learnFromUrl(text: string): void {
    const url = URL.parse(text);
    if (!url) return;
    for (const params of [url.searchParams, new URLSearchParams(url.hash.slice(1))]) {
      for (const [key, value] of params) if (SECRET_FORM_KEYS.has(key)) this.add(value);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(MASK);
    return safeText(maskCutShort(result, this.forms));
  }

  /** A header as a report shows it: credential headers masked by name, every known secret masked anyway. */
  redactHeader(key: string, value: string): string {
    if (!CREDENTIAL_HEADER.test(key)) return this.redact(value);
    const scheme = /^(basic|bearer|digest|negotiate)\s/i.exec(value)?.[1];
    return scheme ? `${scheme} ${MASK}` : MASK;
  }

  /**
   * A body as a report shows it: JSON with its secret keys masked at any depth, a form with its credential
   * fields masked, then every known secret masked wherever it still stands (a body cut short is only text).
   */
  redactBody(text: string, contentType: string): string {
    const form = /application\/x-www-form-urlencoded/i.test(contentType);
    return this.redact(form ? maskForm(text) : maskJson(text));
  }

  private rebuild(): void {
    const forms = new Set<string>();
    for (const secret of this.secrets) {
      for (const form of encodings(secret)) forms.add(form);
      for (const id of this.clientIds) {
        // RFC 6749 section 2.3.1: the id and secret are form-encoded before they are joined and encoded.
        for (const pair of [`${id}:${secret}`, `${formEncode(id)}:${formEncode(secret)}`]) {
          forms.add(Buffer.from(pair).toString('base64'));
          forms.add(Buffer.from(pair).toString('base64url'));
        }
      }
    }
    this.forms = [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }
}

function maskJson(text: string): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text;
  }
  const mask = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(mask)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([key, child]) => [
              key,
              SECRET_KEYS.has(key) || SECRET_LINK_KEYS.has(key) ? MASK : mask(child),
            ]),
          )
        : value;
  return JSON.stringify(mask(data), null, 2);
}

function maskForm(text: string): string {
  const fields = new URLSearchParams(text);
  for (const key of new Set(fields.keys())) if (SECRET_FORM_KEYS.has(key)) fields.set(key, MASK);
  return fields.toString();
}

function encodings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    formEncode(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
}

function formEncode(text: string): string {
  return new URLSearchParams({ x: text }).toString().slice(2);
}

/**
 * A check that quotes the first bytes of a body may cut a secret, or its Basic credentials, short: the start of
 * any form is masked once it is long enough to matter (every span where the text runs along one, merged).
 */
function maskCutShort(text: string, forms: readonly string[]): string {
  const spans: [number, number][] = [];
  for (const form of forms) {
    if (form.length < MIN_PREFIX * 2) continue;
    const head = form.slice(0, MIN_PREFIX);
    for (let from = text.indexOf(head); from >= 0; from = text.indexOf(head, from + 1)) {
      let end = from + MIN_PREFIX;
      while (end < text.length && end - from < form.length && text[end] === form[end - from]) end += 1;
      spans.push([from, end]);
    }
  }
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let result = '';
  let done = 0;
  for (const [from, end] of spans) {
    if (end <= done) continue;
    result += `${text.slice(done, Math.max(from, done))}${from >= done ? MASK : ''}`;
    done = end;
  }
  return result + text.slice(done);
}

/**
 * Text from the tenant made safe to print: no escape sequences (colours, cursor moves, window titles), no other
 * control characters but tab and newline, and no bidirectional overrides that make a line read otherwise.
 */
export function safeText(text: string): string {
  return stripVTControlCharacters(text).replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    '',
  );
}
