import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { templatesDir } from '../paths.js';
import type { TargetId } from '../targets/index.js';

export interface TemplateFile {
  /** Relative to templates/, for error messages. */
  origin: string;
  source: string;
}

export interface FolderFiles {
  folder: TemplateFile;
  requests: TemplateFile[];
}

export interface TargetTemplates {
  collection: TemplateFile;
  folders: FolderFiles[];
  partialDirs: string[];
}

/**
 * The template tree of a target, in collection order:
 *   templates/<target>/collection.yaml.hbs           collection auth, scripts, variables
 *   templates/<target>/NN-folder/folder.yaml.hbs     one folder per documented flow
 *   templates/<target>/NN-folder/NN-request.yaml.hbs one file per documented request, or per matrix of alike ones
 * Numeric prefixes give the order; adding a request is adding a file. The last folder declares `cleanUp: true`:
 * it deletes what the run created and runs whatever other folders a run selects.
 */
export async function loadTargetTemplates(target: TargetId): Promise<TargetTemplates> {
  const root = path.join(templatesDir, target);
  const folders: FolderFiles[] = [];
  for (const dir of (await readdir(root, { withFileTypes: true }))
    .filter(isOrdered)
    .map((e) => e.name)
    .sort()) {
    const files = (await readdir(path.join(root, dir))).filter((f) => /^\d+-.*\.yaml\.hbs$/.test(f)).sort();
    folders.push({
      folder: await read(root, path.join(dir, 'folder.yaml.hbs')),
      requests: await Promise.all(files.map((f) => read(root, path.join(dir, f)))),
    });
  }
  return {
    collection: await read(root, 'collection.yaml.hbs'),
    folders,
    partialDirs: [path.join(templatesDir, 'partials'), path.join(root, 'partials')],
  };
}

function isOrdered(entry: { name: string; isDirectory(): boolean }): boolean {
  return entry.isDirectory() && /^\d+-/.test(entry.name);
}

async function read(root: string, relative: string): Promise<TemplateFile> {
  const file = path.join(root, relative);
  return { origin: path.relative(templatesDir, file), source: await readFile(file, 'utf8') };
}
