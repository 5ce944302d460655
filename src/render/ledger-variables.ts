import type { LedgerTemplate } from './template-schema.js';

/** A collection template's `ledger:`, with nothing left out: no flags and no ids are empty ones. */
export type LedgerDeclaration = Required<LedgerTemplate>;

/** Creates whose answer never came, by name, for the clean-up to look up; and those it could not look up. */
export const PENDING_CREATES = 'pendingCreates';
export const UNRESOLVED_CREATES = 'unresolvedCreates';

export function declaredLedger({ kinds, flags = {}, ids = [] }: LedgerTemplate): LedgerDeclaration {
  return { kinds, flags, ids };
}

/**
 * The collection variables a ledger declaration stands for, with their empty values, after the template's own:
 * the set-up flags and ids, each kind's lists, and those every target's ledger partials work with
 * (templates/partials/ledger/). A template that lists one of them among its variables is refused: one home each.
 */
export function withLedgerVariables(
  variables: Readonly<Record<string, string>>,
  ledger: LedgerDeclaration,
  origin: string,
): [string, string][] {
  const derived: [string, string][] = [
    ...Object.keys(ledger.flags).map((flag): [string, string] => [flag, '']),
    ...ledger.ids.map((id): [string, string] => [id, '']),
    ...Object.values(ledger.kinds).map(({ created }): [string, string] => [created, '[]']),
    ...Object.values(ledger.kinds).map(({ leftover }): [string, string] => [leftover, '[]']),
    [PENDING_CREATES, '[]'],
    [UNRESOLVED_CREATES, '[]'],
    ['cleanupId', ''],
    ['cleanupName', ''],
    ['cleanupQuery', ''],
  ];
  const all = [...Object.entries(variables), ...derived];
  const names = all.map(([name]) => name);
  const twice = [...new Set(names.filter((name, at) => names.indexOf(name) !== at))];
  if (twice.length) {
    throw new Error(`template ${origin}: ${twice.join(', ')} declared twice (variables: lists none of ledger:)`);
  }
  return all;
}
