import type { EventEmitter } from 'node:events';
import type { GradingProfile } from '../names.js';
import { oneLine } from '../errors.js';
import type { RequestRules } from '../render/collection.js';
import type { LedgerDeclaration } from '../render/ledger-variables.js';
import type { Collection } from '../render/postman-types.js';
import type { ResultCollector } from './collect.js';
import type { RunLimits } from './defaults.js';
import { describeNetworkError } from '../io/network-errors.js';
import type { RunLedger } from './ledger.js';
import { startPass, type Pass, type PassOptions } from './newman-pass.js';
import { watchBail, watchStopRules } from './stop-rules.js';
import { trackCreations } from './track-creations.js';
import { TenantTransport } from './transport.js';

export interface PassSettings extends RunLimits {
  /** The tenant's origin, first, and any other the run trusts: no request goes anywhere else. */
  origins: readonly string[];
  /** Aborting it (Ctrl-C, SIGTERM) stops the main pass. */
  signal?: AbortSignal;
  /** What a failed check weighs, for --bail. */
  gradingProfile: GradingProfile;
}

export interface PassesInput {
  rendered: { collection: Collection; rules: ReadonlyMap<string, RequestRules>; ledger: LedgerDeclaration };
  folders: { main: string[]; cleanUp: string | undefined };
  environment: PassOptions['environment'];
  collector: ResultCollector;
  ledger: RunLedger;
  /** `<prefix>-<run id>`: only names with it are ever recorded, and so ever looked up. */
  runScope: string;
  settings: PassSettings;
}

interface BoundedPass {
  collection: Collection;
  folders: string[];
  bail: boolean;
  deadlineMs: number;
  /** Why it stopped, once past its deadline. */
  overdue: string;
  signal?: AbortSignal;
  /** Prefixed to why the pass stopped: "clean-up: ". */
  label: string;
}

/**
 * The selected folders and the clean-up folder in one Newman pass. Should that pass end early (failed checks with
 * --bail, a request without an answer, a refused credential, --timeout, Ctrl-C), or leave creates the ledger has no
 * answer for, the clean-up runs again in a pass of its own, seeded from the ledger, once the first is over: no request
 * of it in flight, none to come. Returns the variables the last pass ended with.
 */
export async function runPasses(input: PassesInput): Promise<Record<string, string>> {
  const { rendered, folders, ledger, settings } = input;
  let variables: Record<string, string> = {};
  if (folders.main.length) {
    const main = await runBounded(input, {
      collection: rendered.collection,
      folders: folders.cleanUp ? [...folders.main, folders.cleanUp] : folders.main,
      bail: settings.bail,
      deadlineMs: settings.timeoutMs,
      overdue: `the run took longer than --timeout ${settings.timeoutMs} ms`,
      signal: settings.signal,
      label: '',
    });
    variables = main.variables;
    // Its clean-up ran to the end: what remains could not be deleted, and is the ledger's to keep.
    if (!main.endedEarly && !ledger.hasUnansweredCreates()) return variables;
  }
  // Nothing on record, nothing to delete: no clean-up pass, and no token fetched for it from a tenant that may be down.
  if (!folders.cleanUp || !ledger.remaining()) return variables;
  const seed = { ...variables, ...ledger.cleanUpSeed() };
  const cleanUp = await runBounded(input, {
    collection: {
      ...rendered.collection,
      variable: rendered.collection.variable.map((v) => ({ ...v, value: seed[v.key] ?? v.value })),
    },
    folders: [folders.cleanUp],
    bail: false,
    deadlineMs: settings.cleanUpTimeoutMs,
    overdue: `it took longer than --timeout-cleanup ${settings.cleanUpTimeoutMs} ms`,
    label: 'clean-up: ',
  });
  return cleanUp.variables;
}

/** One pass with a transport of its own, stopped by its deadline, the signal or a stop rule; over when it settles. */
async function runBounded(
  input: PassesInput,
  pass: BoundedPass,
): Promise<{ variables: Record<string, string>; endedEarly: boolean }> {
  const { rendered, collector, settings } = input;
  const transport = new TenantTransport({
    origins: settings.origins,
    deadlineMs: settings.timeoutRequestMs,
    maxBytes: settings.maxAnswerBytes,
  });
  let reason: string | undefined;
  let bailed = false;
  let running: Pass | undefined;
  const stop = (why: string) => {
    reason ??= why;
    transport.stop(why);
    running?.stop(why);
  };
  running = await startPass({
    collection: pass.collection,
    environment: input.environment,
    folders: pass.folders,
    timeoutRequestMs: settings.timeoutRequestMs,
    maxAnswerBytes: settings.maxAnswerBytes,
    transport,
    observers: [
      (emitter: EventEmitter) => collector.attach(emitter, rendered.rules),
      trackCreations(input.ledger, rendered.rules, input.runScope, stop),
      watchStopRules(rendered.rules, stop),
      // The failed check is reported already: stopping there is no run error.
      ...(pass.bail
        ? [
            watchBail(rendered.rules, settings.gradingProfile, () => {
              bailed = true;
              running?.stop(`--bail: a check failed (profile ${settings.gradingProfile})`);
            }),
          ]
        : []),
    ],
  });
  const timer = pass.deadlineMs > 0 ? setTimeout(() => stop(pass.overdue), pass.deadlineMs) : undefined;
  const interrupt = () => stop('the run was interrupted');
  pass.signal?.addEventListener('abort', interrupt, { once: true });
  if (pass.signal?.aborted) interrupt();
  const result = await running.done;
  clearTimeout(timer);
  pass.signal?.removeEventListener('abort', interrupt);
  if (reason) collector.recordError(`${pass.label}${reason}`);
  else if (result.error) collector.recordError(`${pass.label}${whyStopped(result.error)}`);
  return { variables: result.variables, endedEarly: Boolean(reason || result.error || bailed) };
}

/** One line on why a pass ended early. A request that got no answer is already reported with its cause. */
function whyStopped(error: Error & { code?: string }): string {
  if (error.code) return `stopped after a request got no answer (${error.code})`;
  const cause = describeNetworkError(error);
  return cause === error.message ? oneLine(error) : `stopped after a request got no answer (${cause})`;
}
