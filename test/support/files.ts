import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The text of every file under a folder (reports, ledgers): what a leak check reads. */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')));
}
