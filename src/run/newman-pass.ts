import { channel } from 'node:diagnostics_channel';
import type { EventEmitter } from 'node:events';
import type { Collection } from '../render/postman-types.js';
import type { TenantTransport } from './transport.js';

export interface PassOptions {
  collection: Collection;
  environment: { key: string; value: string; type: string }[];
  folders?: string[];
  /** Newman's own idle timer per request; the transport holds the total deadline. */
  timeoutRequestMs: number;
  /** The most bytes an answer may inflate to (postman-request's own limit, once decompressed). */
  maxAnswerBytes: number;
  transport: TenantTransport;
  /**
   * Listeners on Newman's events (the reporters' collector, the ledger), attached before the run starts; each
   * sees the collection variables as the scripts have left them so far.
   */
  observers: ((emitter: EventEmitter, variables: Readonly<Record<string, string>>) => void)[];
}

export interface PassResult {
  /** Why the pass ended early, if it did. */
  error?: Error;
  /** The collection variables as the pass left them: the ledger of what the run created, chained ids, tokens. */
  variables: Record<string, string>;
}

/** A Newman run in progress: `stop` ends it for good, and `done` settles only once it has. */
export interface Pass {
  done: Promise<PassResult>;
  /** Cuts every request in flight and sends none after; the pass then ends at its next step. */
  stop(reason: string): void;
}

interface ScriptEvent {
  executions?: { result?: { collectionVariables?: { toObject(): Record<string, string> } } }[];
}

interface Runtime {
  abort(): void;
  requester?: { options: { maxResponseSize?: number } };
}

/**
 * Every Newman pass a run starts, as `{ folders }`: a run that ends normally makes one, its clean-up included; only
 * one that ends early makes a second, for the clean-up (run-passes.ts). Nothing is published without a subscriber.
 */
export const passChannel = channel('scimkit:run:pass');

/**
 * One Newman run over some folders of a collection. Any request that gets no answer ends the pass
 * (abortOnError, Newman's `bail.folder`), so a dead tenant costs one timeout, not one per request.
 */
export async function startPass(options: PassOptions): Promise<Pass> {
  // Newman is loaded only when a run happens: the other commands start faster without it.
  const { default: newman } = await import('newman');
  if (passChannel.hasSubscribers) passChannel.publish({ folders: options.folders });
  const variables = Object.fromEntries(options.collection.variable.map((v) => [v.key, v.value]));
  let runtime: Runtime | undefined;
  let stopped = false;
  let emitter!: EventEmitter & { summary?: { run: { executions: unknown[] } } };
  const done = new Promise<PassResult>((resolve) => {
    emitter = newman.run(
      {
        collection: options.collection as never,
        environment: { values: options.environment.map((v) => ({ ...v, enabled: true })) } as never,
        reporters: [],
        folder: options.folders,
        bail: { folder: true } as never,
        timeoutRequest: options.timeoutRequestMs,
        requestAgents: options.transport.agents,
      },
      (error: Error | null) => resolve({ ...(error ? { error } : {}), variables }),
    ) as typeof emitter;
  });
  emitter.on('start', (_err: unknown, o: { run: Runtime }) => {
    runtime = o.run;
    // Newman has no option for it; the runtime's requester reads its options for every request it makes.
    if (runtime.requester) runtime.requester.options.maxResponseSize = options.maxAnswerBytes;
    if (stopped) runtime.abort();
  });
  // Newman's summary does not follow the scripts' pm.collectionVariables.set; the script events do. Captured
  // first, so that every observer sees the variables as the scripts left them.
  const capture = (_err: unknown, o: ScriptEvent) => {
    for (const execution of o.executions ?? []) {
      const scope = execution.result?.collectionVariables;
      if (scope) Object.assign(variables, scope.toObject());
    }
  };
  emitter.on('prerequest', capture);
  emitter.on('test', capture);
  for (const observe of options.observers) observe(emitter, variables);
  // Newman keeps every request and response for its own reporters; scimkit streams instead, so it drops them.
  emitter.on('item', () => {
    if (emitter.summary) emitter.summary.run.executions.length = 0;
  });
  return {
    done,
    stop(reason) {
      stopped = true;
      options.transport.stop(reason);
      runtime?.abort();
    },
  };
}
