import type { EventEmitter } from 'node:events';
import type { Collection } from '../render/postman-types.js';
import type { ResultCollector } from './collect.js';
import type { KillSwitch } from './kill-switch.js';

export interface PassOptions {
  collection: Collection;
  environment: { key: string; value: string; type: string }[];
  folders?: string[];
  /** Stop at the first failed check (Newman's --bail). */
  bail: boolean;
  timeoutMs: number;
  timeoutRequestMs: number;
  killSwitch: KillSwitch;
}

export interface PassResult {
  /** Why the pass ended early, if it did. */
  error?: Error;
  /** The collection variables as the pass left them: the ledger of what the run created, chained ids, tokens. */
  variables: Record<string, string>;
}

interface ScriptEvent {
  executions?: { result?: { collectionVariables?: { toObject(): Record<string, string> } } }[];
}

/**
 * One Newman run over some folders of a collection. Any request that gets no answer ends the pass
 * (abortOnError, Newman's `bail.folder`), so a dead tenant costs one timeout, not one per request.
 */
export async function runPass(options: PassOptions, collector: ResultCollector): Promise<PassResult> {
  // Newman is loaded only when a run happens: the other commands start faster without it.
  const { default: newman } = await import('newman');
  const variables = Object.fromEntries(options.collection.variable.map((v) => [v.key, v.value]));
  return new Promise((resolve) => {
    const emitter = newman.run(
      {
        collection: options.collection as never,
        environment: { values: options.environment.map((v) => ({ ...v, enabled: true })) } as never,
        reporters: [],
        folder: options.folders,
        bail: { folder: true, failure: options.bail } as never,
        timeoutRequest: options.timeoutRequestMs,
        timeout: options.timeoutMs,
        requestAgents: options.killSwitch.agents,
      },
      (error: Error | null) => resolve({ ...(error ? { error } : {}), variables }),
    ) as EventEmitter & { summary?: { run: { executions: unknown[] } } };
    collector.attach(emitter);
    // Newman's summary does not follow the scripts' pm.collectionVariables.set; the script events do.
    const capture = (_err: unknown, o: ScriptEvent) => {
      for (const execution of o.executions ?? []) {
        const scope = execution.result?.collectionVariables;
        if (scope) Object.assign(variables, scope.toObject());
      }
    };
    emitter.on('prerequest', capture);
    emitter.on('test', capture);
    // Newman keeps every request and response for its own reporters; scimkit streams instead, so it drops them.
    emitter.on('item', () => {
      if (emitter.summary) emitter.summary.run.executions.length = 0;
    });
  });
}
