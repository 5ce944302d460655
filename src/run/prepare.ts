import { shown, UsageError } from '../errors.js';
import { renderForRun, type RequestRules } from '../render/collection.js';
import { runValues } from '../render/environment.js';
import type { LedgerDeclaration } from '../render/ledger-variables.js';
import type { Collection } from '../render/postman-types.js';
import { readOnly } from '../render/read-only.js';
import { scriptsWhereNeeded } from './scripts-where-needed.js';
import type { RunMode } from '../names.js';
import type { Tenant } from '../tenant/types.js';

/** What a run sends, decided before anything is sent: `scimkit run` runs it, `scimkit plan` prints it. */
export interface PreparedRun {
  mode: RunMode;
  collection: Collection;
  /** What the run must know of requests beyond what Postman sends: what they create, what stops the run. */
  rules: ReadonlyMap<string, RequestRules>;
  /** The variables the run's ledger keeps, as the collection template declares them. */
  ledger: LedgerDeclaration;
  /** The folders of the main pass, and the clean-up folder, run in a pass of its own (none when read-only). */
  folders: { main: string[]; cleanUp: string | undefined };
  /** Read-only runs: what was left out. */
  skippedFolders: string[];
  skippedRequests: string[];
  /** Environment values the run sets, over the profile's: the run id, the run-scoped names of a verification run. */
  overrides: Record<string, string>;
}

export async function prepareRun(
  tenant: Tenant,
  options: { mode: RunMode; runId: string; folders?: string[] },
): Promise<PreparedRun> {
  const { mode } = options;
  const rendered = await renderForRun(tenant);
  const selected = selectFolders(
    rendered.collection.item.map((f) => f.name),
    options.folders,
    rendered.cleanUp,
  );
  const { collection, skippedFolders, skippedRequests } =
    mode === 'read-only'
      ? readOnly(rendered.collection, rendered.readsStandAlone)
      : { collection: rendered.collection, skippedFolders: [], skippedRequests: [] };
  const kept = new Set(collection.item.map((f) => f.name));
  return {
    mode,
    collection: scriptsWhereNeeded(collection),
    rules: rendered.rules,
    ledger: rendered.ledger,
    // Read-only runs have nothing to clean up: the clean-up folder is all deletions, and left out.
    folders: {
      main: selected.main.filter((name) => kept.has(name)),
      cleanUp: kept.has(selected.cleanUp) ? selected.cleanUp : undefined,
    },
    skippedFolders,
    skippedRequests,
    overrides: { runId: options.runId, ...runValues(tenant, mode, options.runId) },
  };
}

/**
 * The folders to run; unknown names are a usage error listing the known ones. The clean-up folder the templates
 * declare deletes what the run created: it always runs, in a pass of its own.
 */
function selectFolders(
  known: string[],
  wanted: string[] | undefined,
  cleanUp: string,
): { main: string[]; cleanUp: string } {
  for (const name of wanted ?? []) {
    if (!known.includes(name)) {
      throw new UsageError(`--folder: no folder named ${shown(name)}; use one of: ${known.join(', ')}`);
    }
  }
  const main = wanted?.length ? known.filter((name) => wanted.includes(name)) : known;
  return { main: main.filter((name) => name !== cleanUp), cleanUp };
}

/** The run's environment: the profile's values (secrets resolved or masked), with the run's overrides. */
export function withOverrides<V extends { key: string; value: string; type: 'default' | 'secret' }>(
  values: V[],
  overrides: Record<string, string>,
): { key: string; value: string; type: 'default' | 'secret' }[] {
  const result = values.map(({ key, value, type }) => ({ key, type, value: overrides[key] ?? value }));
  for (const [key, value] of Object.entries(overrides)) {
    if (!values.some((v) => v.key === key)) result.push({ key, value, type: 'default' });
  }
  return result;
}
