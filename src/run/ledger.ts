import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { TargetId } from '../tenant/types.js';

/**
 * The collection variables that record what a run created (see templates/<target>/collection.yaml.hbs).
 * Ids only: tokens and secrets never appear here, so the file can be kept.
 */
interface LedgerKeys {
  /** Pending ids → ids the clean-up could not delete. */
  lists: Record<string, string>;
  /** "true" while the run owns a resource it created. */
  flags: string[];
  /** Ids the flagged resources are deleted by. */
  ids: string[];
}

const ledgerKeys: Record<TargetId, LedgerKeys> = {
  'ws1-access': {
    lists: {
      createdUsers: 'leftoverUsers',
      createdGroups: 'leftoverGroups',
      createdClients: 'leftoverClients',
      createdDirectories: 'leftoverDirectories',
    },
    flags: ['oktaClientCreatedByRun', 'directoryCreatedByRun'],
    ids: ['directoryId'],
  },
  janssen: {
    lists: { createdUsers: 'leftoverUsers', createdGroups: 'leftoverGroups' },
    flags: [],
    ids: [],
  },
};

/** Where ledgers of runs that could not clean up are kept, relative to the working directory. */
export const DEFAULT_STATE_DIR = '.scimkit/runs';

/** What a run left behind, as collection variables a clean-up pass can be seeded with. */
export type Leftovers = Record<string, string>;

export interface LedgerFile {
  tenant: string;
  runId: string;
  baseUrl: string;
  savedAt: string;
  variables: Leftovers;
}

/** The leftovers in the variables a clean-up pass ended with, or undefined when it removed everything. */
export function leftovers(target: TargetId, variables: Record<string, string>): Leftovers | undefined {
  const keys = ledgerKeys[target];
  const result: Leftovers = {};
  let count = 0;
  for (const [pending, failed] of Object.entries(keys.lists)) {
    const ids = [...parseList(variables[pending]), ...parseList(variables[failed])];
    count += ids.length;
    result[pending] = JSON.stringify([...new Set(ids)]);
  }
  for (const flag of keys.flags) {
    if (variables[flag] === 'true') count += 1;
    result[flag] = variables[flag] === 'true' ? 'true' : '';
  }
  for (const id of keys.ids) result[id] = variables[id] ?? '';
  return count ? result : undefined;
}

/** "2 users, 1 group, the directory": what leftovers hold, for people. */
export function describeLeftovers(target: TargetId, variables: Leftovers): string {
  const keys = ledgerKeys[target];
  const parts = Object.keys(keys.lists).flatMap((list) => {
    const ids = parseList(variables[list]);
    return ids.length ? [`${list.replace(/^created/, '').toLowerCase()} ${ids.join(', ')}`] : [];
  });
  for (const flag of keys.flags) if (variables[flag] === 'true') parts.push(flag.replace(/CreatedByRun$/, ''));
  return parts.join('; ');
}

function parseList(value: string | undefined): string[] {
  try {
    const list: unknown = JSON.parse(value || '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function ledgerPath(stateDir: string, tenant: string, runId: string): string {
  return path.join(stateDir, `${tenant}-${runId}.json`);
}

export async function saveLedger(file: string, ledger: LedgerFile): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(ledger, null, 2)}\n`);
}

export async function loadLedger(file: string, runId: string): Promise<LedgerFile> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`--run-id: nothing is left to clean up for run ${runId} (no ${file})`);
  });
  return JSON.parse(text) as LedgerFile;
}

export async function removeLedger(file: string): Promise<void> {
  await rm(file, { force: true });
}
