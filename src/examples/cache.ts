import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { Tenant } from '../targets/index.js';
import { ExampleAnswers, type SavedAnswers } from './answers.js';
import { examplesFingerprint } from './fingerprint.js';

/** Changed when what an entry holds changes: older entries are then never read. */
const ENTRY_FORMAT = 'answers-1';

/**
 * The answers of earlier examples runs, one file per run, named by a hash of all its answers depend on: the
 * profile's values, and the templates, code and libraries (src/examples/fingerprint.ts). An entry is what the
 * saved examples hold, masked the same way: the run had invented secrets only, never the user's. Entries are
 * never changed in place, so a stale one cannot be read; a folder that cannot be written is a cache that misses.
 */
export class ExamplesCache {
  private fingerprint: Promise<string> | undefined;

  constructor(
    readonly dir: string,
    private readonly dependencies: () => Promise<string> = examplesFingerprint,
  ) {}

  /**
   * The cache `scimkit generate` uses: SCIMKIT_CACHE_DIR when set (empty: none), else node_modules/.cache/scimkit
   * in the working folder when it has node_modules (where build tools keep theirs), else none.
   */
  static async forGenerate(env: NodeJS.ProcessEnv, cwd: string): Promise<ExamplesCache | undefined> {
    const chosen = env.SCIMKIT_CACHE_DIR;
    if (chosen !== undefined) return chosen ? new ExamplesCache(path.resolve(cwd, chosen)) : undefined;
    const modules = path.join(cwd, 'node_modules');
    const isDir = await stat(modules).then(
      (info) => info.isDirectory(),
      () => false,
    );
    return isDir ? new ExamplesCache(path.join(modules, '.cache', 'scimkit')) : undefined;
  }

  /** The tenant's answers, from the cache or from `run` (then kept); `cached` says which. */
  async answers(
    tenant: Tenant,
    run: () => Promise<ExampleAnswers>,
  ): Promise<{ answers: ExampleAnswers; cached: boolean }> {
    const file = path.join(this.dir, 'examples', `${await this.key(tenant)}.json`);
    const saved = await readFile(file, 'utf8').then(parsedEntry, () => undefined);
    if (saved) return { answers: ExampleAnswers.restored(saved), cached: true };
    const answers = await run();
    await writeFileAtomic(file, `${JSON.stringify(answers.saved())}\n`).catch(() => undefined);
    return { answers, cached: false };
  }

  private async key(tenant: Tenant): Promise<string> {
    this.fingerprint ??= this.dependencies();
    return createHash('sha256')
      .update(`${ENTRY_FORMAT}\0${await this.fingerprint}\0${canonicalJson(tenant)}`)
      .digest('hex');
  }
}

/** A saved entry, or undefined when the file holds anything else (cut short, say): read as a miss. */
function parsedEntry(text: string): SavedAnswers | undefined {
  try {
    const entry = JSON.parse(text) as Partial<SavedAnswers>;
    return typeof entry.origin === 'string' && Array.isArray(entry.answers) ? (entry as SavedAnswers) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with every object's keys in order: the same values give the same text, however the profile ordered them. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
