import type { BulkUser } from '../../targets/bulk-shape.js';
import { UsageError } from '../../errors.js';
import type { Creation, RunLedger } from '../ledger.js';
import type { UserOutcome } from './lifecycle.js';

/** Users recorded at once: one flushed ledger line per batch instead of one per user. */
export const LEDGER_BATCH = 100;

/**
 * The users, each batch recorded in the ledger before its first user is created. Once every user of a batch is
 * settled, the batch is resolved, and the users that may still be on the tenant (created and not deleted, or a
 * create without an answer) are recorded again alone, for `scimkit cleanup` to find by name.
 */
export async function* inBatches(
  users: AsyncIterable<BulkUser>,
  ledger: RunLedger,
): AsyncGenerator<{ user: BulkUser; settle(outcome: UserOutcome): void }> {
  let batch: BulkUser[] = [];
  const flush = function* () {
    const members = batch;
    batch = [];
    const sequence = recorded(
      ledger,
      members.map((u): Creation => ({ kind: 'user', name: u.userName })),
    );
    let open = members.length;
    const left: Creation[] = [];
    const settle = (user: BulkUser, { created, deleted }: UserOutcome) => {
      if (created && !deleted) left.push({ kind: 'user', name: user.userName });
      open -= 1;
      if (open > 0) return;
      recorded(ledger, left);
      if (sequence !== undefined) ledger.resolve(sequence);
    };
    let given = 0;
    try {
      for (const user of members) {
        given += 1;
        yield { user, settle: (outcome: UserOutcome) => settle(user, outcome) };
      }
    } finally {
      // A stopped run never sends the batch's other users: they were not made.
      for (const user of members.slice(given)) settle(user, { created: false, deleted: false });
    }
  };
  for await (const user of users) {
    batch.push(user);
    if (batch.length === LEDGER_BATCH) yield* flush();
  }
  if (batch.length) yield* flush();
}

/** A record that cannot be written (a full disk) stops the run before anything it would not hold is created. */
function recorded(ledger: RunLedger, creations: Creation[]): number | undefined {
  try {
    return ledger.recordSent(creations);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new UsageError(
      `the run's record in ${ledger.file} could not be written (${code}): no more users were created`,
    );
  }
}
