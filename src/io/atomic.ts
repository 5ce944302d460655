import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Temporary sibling of a file: same directory, so the final rename never crosses file systems. */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/**
 * Writes a file so that readers see the old content or the new, never half of it. With `overwrite: false` a file
 * already there is kept, and the write fails with EEXIST.
 */
export async function writeFileAtomic(file: string, data: string, { overwrite = true } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  try {
    await writeFile(temporary, data);
    // A link, unlike a rename, never replaces the file it would create.
    await (overwrite ? rename(temporary, file) : link(temporary, file));
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Writes several files (a profile's collection and its environment) so that a failure puts none of them in place:
 * all are written beside their names first, and renamed only once every one is complete.
 */
export async function writeFilesAtomic(files: readonly { path: string; content: string }[]): Promise<void> {
  const temporaries: string[] = [];
  let renamed = 0;
  try {
    for (const dir of new Set(files.map((file) => path.dirname(file.path)))) await mkdir(dir, { recursive: true });
    for (const file of files) {
      temporaries.push(temporaryName(file.path));
      await writeFile(temporaries.at(-1)!, file.content);
    }
    for (const [at, file] of files.entries()) {
      await rename(temporaries[at]!, file.path);
      renamed = at + 1;
    }
  } catch (error) {
    // What is still beside its name (a rename that failed left its temporary too); the error is the write's.
    await Promise.all(temporaries.slice(renamed).map((temporary) => rm(temporary, { force: true }).catch(() => {})));
    throw error;
  }
}

/** Rewrites `body` as `head` followed by what it held, without reading it whole into memory. */
async function prepend(head: string, body: string): Promise<void> {
  const joined = `${body}.joined`;
  try {
    const out = createWriteStream(joined);
    out.write(head);
    await pipeline(createReadStream(body), out);
    await rename(joined, body);
  } catch (error) {
    await rm(joined, { force: true });
    throw error;
  }
}

/** A file written piece by piece (a streamed report) that appears under its name only when committed. */
export class AtomicFileStream {
  /** A write that failed (a full disk, say): reported by commit, instead of crashing the process. */
  private failure: Error | undefined;

  private constructor(
    private readonly file: string,
    private readonly temporary: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => (this.failure ??= error));
  }

  static async open(file: string): Promise<AtomicFileStream> {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = temporaryName(file);
    const stream = createWriteStream(temporary);
    await once(stream, 'open');
    return new AtomicFileStream(file, temporary, stream);
  }

  write(text: string): void {
    this.stream.write(text);
  }

  /**
   * Puts the file in place. A `head` goes before everything written: for a beginning known only at the end (a
   * report's totals). The body is then copied behind it, streamed, into a second temporary file.
   */
  async commit(head?: string): Promise<void> {
    await this.close();
    try {
      if (this.failure) throw this.failure;
      if (head !== undefined) await prepend(head, this.temporary);
      await rename(this.temporary, this.file);
    } catch (error) {
      await rm(this.temporary, { force: true });
      throw error;
    }
  }

  async discard(): Promise<void> {
    await this.close();
    await rm(this.temporary, { force: true });
  }

  /** Ends the stream once pending writes are done (destroying it mid-write would raise ERR_STREAM_DESTROYED). */
  private close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}
