/** Keys whose values are secrets wherever they appear in a JSON body (token answers, client answers). */
const SECRET_KEYS = new Set(['access_token', 'refresh_token', 'id_token', 'secret', 'client_secret', 'password']);

const MASK = '********';

/**
 * Removes every known secret value from text bound for a report, a log line or an error message.
 * It starts with the secrets the run was given and learns the ones the tenant hands out (tokens,
 * generated client secrets) from responses.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(initial: Iterable<string> = []) {
    for (const secret of initial) this.add(secret);
  }

  add(secret: string | undefined): void {
    // Very short values would mask ordinary words; a secret is never that short.
    if (secret && secret.length >= 6) this.secrets.add(secret);
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
          else visit(child);
        }
      }
    };
    visit(data);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(MASK);
    return result;
  }
}
