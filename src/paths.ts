import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: compiled code lives in dist/src/, templates and examples beside dist/. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const templatesDir = path.join(packageRoot, 'templates');
