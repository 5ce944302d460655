import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/** A new empty folder for one test (profiles, reports, state), removed once its test file has run. */
export async function scratchDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `scimkit-${name}-`));
  made.add(dir);
  return dir;
}

/**
 * Mocha root hooks (loaded by .mocharc.json): after each test file, its scratch folders go. In parallel mode a
 * worker runs one file at a time, so no other file is using them.
 */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await Promise.all([...made].map((dir) => rm(dir, { recursive: true, force: true })));
    made.clear();
  },
};
