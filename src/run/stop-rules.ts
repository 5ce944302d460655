import type { EventEmitter } from 'node:events';
import type { RequestRules } from '../render/collection.js';
import { requestKey, type GradingProfile } from '../names.js';
import { gradeOf } from './grade.js';
import { folderOf, fromScript, type RequestEvent, type SdkItem } from './newman-events.js';

/** OAuth's refusals of client credentials (RFC 6749 section 5.2; Workspace ONE Access and Janssen use both). */
const REFUSED = new Set([400, 401]);

/**
 * Stops the run at a request whose refusal leaves nothing else to try (the admin client's credentials, say):
 * every later request would fail the same way, so the cause is reported once, as a configuration error.
 */
export function watchStopRules(
  rules: ReadonlyMap<string, RequestRules>,
  stop: (cause: string) => void,
): (emitter: EventEmitter) => void {
  return (emitter) => {
    let cause: string | undefined;
    let refused: number | undefined;
    emitter.on('beforeItem', (_err: unknown, o: { item: SdkItem }) => {
      cause = rules.get(requestKey(folderOf(o.item), o.item.name))?.stopsRunWhenRefused;
      refused = undefined;
    });
    emitter.on('request', (err: Error | null, o: RequestEvent) => {
      if (cause && !fromScript(o) && !err && o.response && REFUSED.has(o.response.code)) refused = o.response.code;
    });
    // Once the request's own checks are reported, so that they show the refusal too.
    emitter.on('item', () => {
      if (cause && refused !== undefined) stop(`${cause} (the tenant answered ${refused})`);
    });
  };
}

/**
 * --bail: stops the run once a request's checks are reported, when one among them failed that fails the run under its
 * profile. Newman's own bail would stop at a warning too, and leave the run's verdict to the checks it never ran.
 */
export function watchBail(
  rules: ReadonlyMap<string, RequestRules>,
  profile: GradingProfile,
  stop: () => void,
): (emitter: EventEmitter) => void {
  return (emitter) => {
    let request: RequestRules | undefined;
    let failed = false;
    emitter.on('beforeItem', (_err: unknown, o: { item: SdkItem }) => {
      request = rules.get(requestKey(folderOf(o.item), o.item.name));
    });
    emitter.on('assertion', (err: Error | null, o: { assertion: string }) => {
      if (err && gradeOf(request, o.assertion, profile).severity === 'failure') failed = true;
    });
    emitter.on('item', () => {
      if (failed) stop();
    });
  };
}
