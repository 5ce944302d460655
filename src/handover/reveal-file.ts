import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface RevealedValue {
  /** The variable it is read back as (`--dotenv FILE`). */
  name: string;
  value: string;
  /** A line of context written above it: what it is, when it expires. */
  comment: string;
}

/** Values written single-quoted, so dotenv takes them literally: a hostile tenant's token cannot add variables. */
const WRITABLE = /^[\x21-\x26\x28-\x7e]{1,8192}$/;

/**
 * The file a run hands secrets over in, and only because the user asked (`--reveal-to FILE`): created new
 * (never over an existing file), readable by its owner only (0600), in dotenv form so that `--dotenv FILE`
 * reads it back. Every rewrite replaces it whole, so a reader never sees half of it.
 */
export class RevealFile {
  private constructor(readonly file: string) {}

  /** Claims the file before the run sends anything, so that a run never ends with secrets it cannot hand over. */
  static async create(file: string): Promise<RevealFile> {
    let handle;
    try {
      handle = await open(file, 'wx', 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'EEXIST'
          ? `--reveal-to: ${file} exists; name a new file (scimkit never writes secrets over a file)`
          : `--reveal-to: cannot create ${file} (${code}): name a new file in a folder you can write to`,
      );
    }
    await handle.close();
    return new RevealFile(file);
  }

  async write(header: string, values: readonly RevealedValue[]): Promise<void> {
    for (const { name, value } of values) {
      if (!WRITABLE.test(value)) {
        throw new UsageError(
          `--reveal-to: the value of ${name} has characters that cannot be written safely to a dotenv file; it was not written`,
        );
      }
    }
    const lines = [
      ...header.split('\n').map((line) => `# ${line}`),
      ...values.flatMap(({ name, value, comment }) => [`# ${comment}`, `${name}='${value}'`]),
    ];
    const temporary = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${lines.join('\n')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file).catch(async (error) => {
      await rm(temporary, { force: true });
      throw error;
    });
  }
}
