import { UsageError } from '../../errors.js';
import { describeNetworkError } from '../../io/network-errors.js';
import type { Redactor } from '../../report/redact.js';
import type { BulkAuth, BulkRequest } from '../../targets/bulk-shape.js';
import type { TenantTransport } from '../transport.js';
import { jsonOf, send } from './send.js';

/** A token is renewed this long before it expires (a tenth of its life when that is shorter). */
const RENEW_BEFORE_MS = 60_000;

interface Held {
  header: string;
  /** When to ask for the next one (ms since the epoch); Infinity when the tenant gave no expires_in. */
  renewAt: number;
  /** The tenant has taken it: a refusal now means it expired or was revoked, not that it never would do. */
  taken: boolean;
}

/**
 * The Authorization header of a bulk run's SCIM requests: the profile's credentials, or an access token asked for
 * when the run starts, again shortly before it expires (its expires_in), and again when the tenant refuses it as
 * expired (revoked, or by a clock of its own): a run of thousands of users outlives a token (Janssen's live five
 * minutes). One renewal at a time: every request waiting on it gets the same token.
 */
export class BulkAuthorization {
  private renewal: Promise<Held> | undefined;

  private constructor(
    private held: Held,
    private readonly ask: (() => Promise<Held>) | undefined,
    private readonly expired: readonly number[],
    private readonly now: () => number,
  ) {}

  /**
   * Asks for the first token (a refusal is the run's usage error); `now` is the run's clock, `redactor` learns each
   * token, so that no report prints one a tenant echoes.
   */
  static async open(
    transport: TenantTransport,
    auth: BulkAuth,
    { now = Date.now, redactor }: { now?: () => number; redactor?: Redactor } = {},
  ): Promise<BulkAuthorization> {
    if ('header' in auth) {
      return new BulkAuthorization({ header: auth.header, renewAt: Infinity, taken: true }, undefined, [], now);
    }
    const ask = () => askForToken(transport, auth, now, redactor);
    return new BulkAuthorization(await ask(), ask, auth.expired ?? [401], now);
  }

  /** The header for the next request: renewed first when the token is about to expire. */
  async header(): Promise<string> {
    if (this.ask && this.now() >= this.held.renewAt) return (await this.renew()).header;
    return this.held.header;
  }

  /**
   * A request sent with `sent` was answered `status`: the header to send it again with when that says the token
   * expired, else undefined. A token the tenant never took is not renewed for its refusal (it is refused for
   * something else, a scope say), so that a tenant refusing every request gets one token request more, not one each.
   */
  async afterAnswer(sent: string, status: number): Promise<string | undefined> {
    if (!this.ask || !this.expired.includes(status)) {
      if (this.held.header === sent) this.held.taken = true;
      return undefined;
    }
    // Another request renewed it meanwhile: that token is the one to try.
    if (this.held.header !== sent) return this.held.header;
    if (!this.held.taken) return undefined;
    return (await this.renew()).header;
  }

  private renew(): Promise<Held> {
    this.renewal ??= this.ask!()
      .then((held) => (this.held = held))
      .finally(() => (this.renewal = undefined));
    return this.renewal;
  }
}

async function askForToken(
  transport: TenantTransport,
  auth: { tokenRequest: BulkRequest; refusal: string },
  now: () => number,
  redactor: Redactor | undefined,
): Promise<Held> {
  // Its life counted from the asking: the renewal comes early rather than late.
  const asked = now();
  let answer;
  try {
    answer = await send(transport, auth.tokenRequest);
  } catch (error) {
    throw new UsageError(`token request: ${describeNetworkError(error as Error, new URL(auth.tokenRequest.url).host)}`);
  }
  const json = jsonOf(answer);
  const token = json?.access_token;
  if (answer.status === 400 || answer.status === 401) throw new UsageError(auth.refusal);
  if (answer.status !== 200 || typeof token !== 'string' || !token) {
    throw new UsageError(
      `token request answered ${answer.status} without an access_token: the run cannot authenticate`,
    );
  }
  redactor?.add(token);
  const lifeMs = Number(json?.expires_in) * 1000;
  const renewAt = lifeMs > 0 ? asked + lifeMs - Math.min(RENEW_BEFORE_MS, lifeMs / 10) : Infinity;
  return { header: `Bearer ${token}`, renewAt, taken: false };
}
