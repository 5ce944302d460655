import { shown, UsageError } from '../errors.js';
import { renderForRun, type RequestRules } from '../render/collection.js';
import type { LedgerDeclaration } from '../render/ledger-variables.js';
import type { Collection } from '../render/postman-types.js';
import { readOnly } from '../render/read-only.js';
import { scriptsWhereNeeded } from './scripts-where-needed.js';
import type { RunMode } from '../names.js';
import type { Tenant } from '../targets/index.js';

/** What a run sends, decided before anything is sent: `scimkit run` runs it, `scimkit plan` prints it. */
export interface PreparedRun {
  mode: RunMode;
  collection: Collection;
  /** What the run must know of requests beyond what Postman sends: what they create, what stops the run. */
  rules: ReadonlyMap<string, RequestRules>;
  /** The variables the run's ledger keeps, as the collection template declares them. */
  ledger: LedgerDeclaration;
  /**
   * The folders to run, and the clean-up folder (none when read-only): last in the same pass, and in a pass of its
   * own only after that pass ended early (run-passes.ts).
   */
  folders: { main: string[]; cleanUp: string | undefined };
  /** Read-only runs: what was left out. */
  skippedFolders: string[];
  skippedRequests: string[];
}

export async function prepareRun(
  tenant: Tenant,
  options: { mode: RunMode; folders?: string[]; exampleRequests?: boolean },
): Promise<PreparedRun> {
  const { mode } = options;
  const rendered = await renderForRun(tenant, { exampleRequests: options.exampleRequests });
  const selected = selectFolders(
    rendered.collection.item.map((f) => f.name),
    options.folders,
    rendered.cleanUp,
  );
  const { collection, skippedFolders, skippedRequests } =
    mode === 'read-only'
      ? readOnly(rendered.collection, rendered.readsStandAlone, rendered.readsOthersChanges)
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
  };
}

/**
 * The folders to run; unknown names are a usage error listing the known ones. The clean-up folder the templates
 * declare deletes what the run created: it always runs, after the others.
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
