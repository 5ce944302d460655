import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, templatesDir } from '../paths.js';

/**
 * A hash of everything besides the profile that the examples run's answers depend on: the templates (what is
 * sent), scimkit's code (the simulators, the run), the versions of the libraries it runs on (Newman, Express) and
 * of Node. Any change to one of them gives another hash, so a cached answer is never one the change would alter.
 */
export async function examplesFingerprint(): Promise<string> {
  return filesFingerprint(FINGERPRINTED, [process.version, ...(await versions())]);
}

/** The folders whose files the answers depend on: the templates and the compiled code. */
export const FINGERPRINTED = [templatesDir, path.join(packageRoot, 'dist', 'src')];

/** A hash of the files under `roots` (names and contents, in a fixed order) and of `also`. */
export async function filesFingerprint(roots: readonly string[], also: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const root of roots) {
    for (const file of await filesUnder(root)) {
      hash.update(`${path.relative(root, file)}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
    hash.update('\u0001');
  }
  for (const item of also) hash.update(`${item}\0`);
  return hash.digest('hex');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** `name@version` of each library scimkit depends on, as installed where it resolves them. */
async function versions(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Promise.all(Object.keys(manifest.dependencies ?? {}).map(async (name) => `${name}@${await versionOf(name)}`));
}

async function versionOf(name: string): Promise<string> {
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return 'unresolved';
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text) as { name?: string; version?: string },
      () => undefined,
    );
    if (manifest?.name === name) return manifest.version ?? 'unversioned';
  }
  return 'unfound';
}
