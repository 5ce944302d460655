import type { EventEmitter } from 'node:events';
import { oneLine } from '../errors.js';
import type { RequestRules } from '../render/collection.js';
import type { Creation, RunLedger } from './ledger.js';
import { requestKey } from '../names.js';
import { folderOf, fromScript, type BeforeRequestEvent, type RequestEvent } from './newman-events.js';

/**
 * Keeps the ledger in step with a Newman pass. Before a create request leaves (Newman's beforeRequest comes
 * before the request is handed to the network, and the ledger writes synchronously), what it creates is recorded
 * under the name it is sent with. It is resolved once its answer came and the collection recorded what it made
 * (a ledger variable changed), or once the tenant refused it; otherwise the clean-up looks it up by that name.
 *
 * Only names carrying the run's scope (`<prefix>-<run id>`) are recorded: anything else is the profile's own
 * set-up, which a run keeps, and must never be found and deleted by name.
 */
export function trackCreations(
  ledger: RunLedger,
  rules: ReadonlyMap<string, RequestRules>,
  runScope: string,
  stop: (cause: string) => void,
): (emitter: EventEmitter, variables: Readonly<Record<string, string>>) => void {
  /**
   * A record that cannot be written (a full disk) stops the run at once: stopping cuts the transport before the
   * request of this very event can connect, so nothing is created that the record does not hold.
   */
  const guarded =
    <A extends unknown[]>(record: (...args: A) => void) =>
    (...args: A) => {
      try {
        record(...args);
      } catch (error) {
        stop(
          `the run's record in ${ledger.file} could not be written (${(error as NodeJS.ErrnoException).code ?? oneLine(error)}): nothing more was sent`,
        );
      }
    };
  return (emitter, variables) => {
    let current: { sequence: number | undefined; changes: number; status?: number } | undefined;
    const sync = guarded(() => ledger.update(variables));
    emitter.on('prerequest', sync);

    emitter.on(
      'beforeRequest',
      guarded((_err: unknown, o: BeforeRequestEvent) => {
        if (fromScript(o)) return;
        current = undefined;
        const creates = rules.get(requestKey(folderOf(o.item), o.item.name))?.creates;
        if (!creates) return;
        const names = creationsIn(o.request.body?.raw, creates).filter((c) => c.name.includes(runScope));
        current = { sequence: ledger.recordSent(names), changes: ledger.changes };
      }),
    );

    emitter.on('request', (err: Error | null, o: RequestEvent) => {
      if (!fromScript(o) && current && !err && o.response) current.status = o.response.code;
    });

    emitter.on(
      'test',
      guarded(() => {
        ledger.update(variables);
        if (!current || current.sequence === undefined || current.status === undefined) return;
        // Refused (or redirected): nothing was made. Otherwise the collection must have recorded what was.
        if (current.status >= 300 || ledger.changes > current.changes) ledger.resolve(current.sequence);
      }),
    );

    emitter.on('item', () => (current = undefined));
  };
}

/** The names a create request sends, read from its JSON body at the paths its template declares. */
function creationsIn(raw: string | undefined, creates: NonNullable<RequestRules['creates']>): Creation[] {
  let body: unknown;
  try {
    body = JSON.parse(raw ?? '');
  } catch {
    return [];
  }
  return creates.flatMap(({ kind, name: path }) => {
    const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], body);
    return typeof value === 'string' && value ? [{ kind, name: value }] : [];
  });
}
