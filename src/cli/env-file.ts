import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/** Read when present, so that secrets can live in a git-ignored file instead of a shell's history. */
export const DEFAULT_ENV_FILE = '.env';

/**
 * The environment with a .env file's variables added beneath it: a variable already set always wins. The file
 * is parsed by dotenv and kept in memory; process.env is left as it is, so no child process inherits it.
 */
export async function withEnvFile(env: NodeJS.ProcessEnv, file: string, explicit: boolean): Promise<NodeJS.ProcessEnv> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new UsageError(
      `--dotenv: cannot read ${file} (${(error as NodeJS.ErrnoException).code}): give an existing file`,
    );
  }
  const { parse } = await import('dotenv');
  return { ...parse(text), ...env };
}
