import { UsageError } from '../errors.js';

/**
 * A simulator's defects: ways to break it on purpose, name → one-line description. Each breaks exactly one family
 * of the collection's checks, so a test can prove those checks catch it (a negative control). Every simulator keeps
 * its table beside its code (`<target>/defects.ts`).
 */
export type DefectTable = Readonly<Record<string, string>>;

/** The defects asked for, every one of which this simulator has; another is a usage mistake. */
export function checkDefects<D extends string>(
  defects: readonly string[],
  table: Readonly<Record<D, string>>,
  label: string,
): D[] {
  const foreign = defects.find((defect) => !Object.hasOwn(table, defect));
  if (foreign !== undefined) {
    throw new UsageError(
      `defect "${foreign}" is not one of the ${label} simulator's; use one of: ${Object.keys(table).join(', ')}`,
    );
  }
  return defects as D[];
}
