import { accessSync, constants, createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { UsageError, oneLine, shown } from '../../errors.js';
import type { BulkUser } from '../../targets/bulk-shape.js';

/** The columns a data file must have (more are allowed, and ignored). */
export const CSV_COLUMNS = ['userName', 'givenName', 'familyName', 'email'] as const;

/**
 * N users named after the run (`<prefix>-<run id>-u00001`), the same for the same run id: nothing held but a counter.
 */
export async function* generatedUsers(scope: string, count: number): AsyncGenerator<BulkUser> {
  const width = String(count).length;
  for (let index = 1; index <= count; index += 1) {
    const userName = `${scope}-u${String(index).padStart(width, '0')}`;
    yield { userName, givenName: 'Ada', familyName: `Lovelace ${index}`, email: `${userName}@example.com`, index };
  }
}

/** Before the run starts: a data file that cannot be read is a usage error, not a run that stops. */
export function checkDataFile(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`--data: cannot read ${file} (${(error as NodeJS.ErrnoException).code}): give a CSV file`);
  }
}

/**
 * The users of a CSV file, streamed row by row. Each userName gets the run's scope in front, so that every user the
 * run creates is its own (and only those are ever looked up by name to be deleted). A bad row stops the run with its
 * line and column.
 */
export async function* csvUsers(file: string, scope: string): AsyncGenerator<BulkUser> {
  const input = createReadStream(file);
  const rows = input.pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }));
  // pipe() does not pass a read error on: the parser fails with it, and so the loop below.
  input.once('error', (error) => rows.destroy(error));
  let index = 0;
  try {
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      index += 1;
      const line = index + 1;
      for (const column of CSV_COLUMNS) {
        if (!row[column]) {
          throw new UsageError(
            `--data: ${file} row ${line}: column ${column} is empty or missing; every row needs ${CSV_COLUMNS.join(', ')}`,
          );
        }
      }
      if (!/^[^@\s]+@[^@\s]+$/.test(row.email!)) {
        throw new UsageError(`--data: ${file} row ${line}: column email ${shown(row.email)} is not an email address`);
      }
      yield {
        userName: `${scope}-${row.userName}`,
        givenName: row.givenName!,
        familyName: row.familyName!,
        email: row.email!,
        index,
      };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'ENOENT' || code === 'EACCES')
      throw new UsageError(`--data: cannot read ${file} (${code}): give a CSV file`);
    throw new UsageError(
      `--data: ${file}${lines ? ` row ${lines}` : ''}: not a CSV file of ${CSV_COLUMNS.join(', ')} (${oneLine(error)})`,
    );
  } finally {
    input.destroy();
  }
  if (!index)
    throw new UsageError(
      `--data: ${file} has no users: give a header line (${CSV_COLUMNS.join(',')}) and a row per user`,
    );
}
