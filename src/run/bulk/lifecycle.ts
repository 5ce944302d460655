import { UsageError } from '../../errors.js';
import { describeNetworkError } from '../../io/network-errors.js';
import type { Redactor } from '../../report/redact.js';
import type { BulkRequest, BulkShape, BulkUser } from '../../targets/bulk-shape.js';
import type { TenantTransport } from '../transport.js';
import { jsonOf, send, type BulkAnswer } from './send.js';
import type { BulkAuthorization } from './token.js';
import type { BulkTally, Step } from './tally.js';

/** What became of one user: whether the run made it (or may have), and whether it is gone again. */
export interface UserOutcome {
  created: boolean;
  deleted: boolean;
}

export interface Lifecycle {
  shape: BulkShape;
  transport: TenantTransport;
  tally: BulkTally;
  /** The Authorization header every SCIM request carries, a token renewed as it expires. */
  auth: BulkAuthorization;
  /** Masks the run's secrets in what the tenant says. */
  redactor: Redactor;
  /** True once the run is stopping: a created user goes straight to its deletion. */
  stopping: () => boolean;
  /** A request got no answer: the run cannot be carried out, and stops (what it created is still deleted). */
  lost: () => void;
}

/**
 * One user as Okta's initial assignment provisions it: a lookup by `userName eq`, the create, a read back, the
 * update, the deactivation; then the run's clean-up deletes it. A user the lookup finds is someone else's: counted
 * as a conflict and never touched.
 */
export async function provision(user: BulkUser, run: Lifecycle): Promise<UserOutcome> {
  const { shape, tally } = run;
  tally.users += 1;
  const filter = `userName eq "${user.userName.replace(/["\\]/g, '\\$&')}"`;
  const found = await step(run, 'look-up', {
    method: 'GET',
    url: `${shape.users}?filter=${encodeURIComponent(filter)}&startIndex=1&count=100`,
  });
  if (!found) return { created: false, deleted: false };
  const list = jsonOf(found);
  if (
    !tally.check('look-up', 'answers 200 with a list', found.status === 200 && list !== undefined, said(run, found))
  ) {
    return { created: false, deleted: false };
  }
  if (Number(list!.totalResults ?? 0) > 0) {
    tally.conflicts += 1;
    return { created: false, deleted: false };
  }
  if (run.stopping()) return { created: false, deleted: false };

  const created = await step(run, 'create', { method: 'POST', url: shape.users, body: shape.create(user) });
  // No answer: it may have been made, and only a lookup by its name can tell.
  if (!created) return { created: true, deleted: false };
  tally.check('create', 'answers 201', created.status === 201, said(run, created));
  if (created.status < 200 || created.status >= 300) return { created: false, deleted: false };
  tally.created += 1;
  const id = jsonOf(created)?.id;
  // Made, but not deletable by id: left on record, for the clean-up to find by name.
  const hasId = tally.check('create', "answers the new user's id", typeof id === 'string' && id !== '', () => 'no id');
  if (!hasId || typeof id !== 'string') return { created: true, deleted: false };
  const at = `${shape.users}/${encodeURIComponent(id)}`;

  await lifecycleSteps(run, user, id, at);
  const deleted = await step(run, 'delete', { method: 'DELETE', url: at });
  const gone =
    deleted !== undefined && tally.check('delete', 'answers 204', deleted.status === 204, said(run, deleted));
  if (gone) tally.deleted += 1;
  return { created: true, deleted: gone };
}

/** Verify, update, deactivate: each only while the run goes on (a stopping run deletes what it made at once). */
async function lifecycleSteps(run: Lifecycle, user: BulkUser, id: string, at: string): Promise<void> {
  const { shape, tally } = run;
  if (run.stopping()) return;
  const read = await step(run, 'verify', { method: 'GET', url: at });
  if (read) {
    const body = jsonOf(read);
    tally.check(
      'verify',
      'answers 200 with the userName sent',
      read.status === 200 && body?.userName === user.userName,
      said(run, read),
    );
  }
  if (run.stopping()) return;
  const updated = await step(run, 'update', { method: shape.updateMethod, url: at, body: shape.update(user, id) });
  if (updated) tally.check('update', 'answers 2xx', success(updated), said(run, updated));
  if (run.stopping()) return;
  const deactivated = await step(run, 'deactivate', { method: 'PATCH', url: at, body: shape.deactivate(user, id) });
  if (deactivated) {
    const body = jsonOf(deactivated);
    // A tenant that answers the user (SCIM 2.0's 200) shows whether it took the deactivation; a 204 shows nothing.
    const taken = deactivated.status === 204 || (success(deactivated) && body?.active === false);
    tally.check(
      'deactivate',
      'answers 2xx with active false',
      taken,
      () => `${said(run, deactivated)()}, active ${String(body?.active)}`,
    );
  }
}

/** The longest a tenant's own words run in a failure's message. */
const WORDS_SHOWN = 200;

/**
 * How the tenant answered, for a failed check: its status, and its own words when it gave some (a SCIM error's
 * detail, Workspace ONE Access's first error message, OAuth's error_description, or a plain-text body), on one
 * line, cut short, every secret of the run masked.
 */
function said(run: Lifecycle, answer: BulkAnswer): () => string {
  return () => {
    const json = jsonOf(answer);
    const errors = json?.errors;
    const plain = !json && /^text\/plain\b/i.test(answer.headers['content-type'] ?? '');
    const words = [
      json?.detail,
      Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined)?.message : undefined,
      json?.error_description,
      plain ? answer.text : undefined,
    ].find((w): w is string => typeof w === 'string' && w.trim() !== '');
    if (!words) return `${answer.status}`;
    const line = run.redactor.redact(words).replace(/\s+/g, ' ').trim();
    return `${answer.status}: ${line.length > WORDS_SHOWN ? `${line.slice(0, WORDS_SHOWN)}…` : line}`;
  };
}

function success(answer: BulkAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/**
 * Sends one step's request, once more with a renewed token when the tenant refuses the one it had as expired; a
 * request without an answer fails the step's `is answered` check. A token the tenant will not renew stops the run.
 */
async function step(
  run: Lifecycle,
  name: Step,
  request: { method: string; url: string; body?: object },
): Promise<BulkAnswer | undefined> {
  const body = request.body ? JSON.stringify(request.body) : undefined;
  const sent = (authorization: string): BulkRequest => ({
    method: request.method,
    url: request.url,
    headers: { ...run.shape.headers, Authorization: authorization },
    ...(body !== undefined ? { body } : {}),
  });
  const started = performance.now();
  try {
    const authorization = await run.auth.header();
    let answer = await send(run.transport, sent(authorization));
    const renewed = await run.auth.afterAnswer(authorization, answer.status);
    if (renewed) answer = await send(run.transport, sent(renewed));
    run.tally.answered(name, performance.now() - started, renewed ? 2 : 1);
    return answer;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    run.tally.noAnswer += 1;
    run.lost();
    run.tally.check(name, 'is answered', false, () => describeNetworkError(error as Error, new URL(request.url).host));
    return undefined;
  }
}
