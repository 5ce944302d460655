import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { writeFileAtomic } from '../io/atomic.js';
import { COMMAND_NAMES } from './commands/index.js';
import { parse } from './main.js';
import { compiledDir, modulesDigest, STORED_WIDTHS, storePath, type HelpStore } from './stored-help.js';

/**
 * `npm run build` runs this after tsc: every command's `--help` through yargs, as a user would get it at each of
 * STORED_WIDTHS in English, stored in dist/help.json with the modules it was made from (see stored-help.ts).
 */

/** Relative imports a compiled module makes at its top (`import … from './x.js'`, `export … from`, `import './x.js'`). */
const STATIC_IMPORT = /^(?:(?:import|export)\b[^;]*?\bfrom\s*|import\s*)['"](\.{1,2}\/[^'"]+)['"]/gm;

/**
 * These modules and every module they import at their top, relative to compiledDir. A builder reads only those: a
 * command imports what it runs inside its handler, after the help is written.
 */
function staticImports(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module)) return;
    seen.add(module);
    for (const [, specifier] of readFileSync(path.join(compiledDir, module), 'utf8').matchAll(STATIC_IMPORT)) {
      const imported = path.posix.join(path.posix.dirname(module), specifier!);
      if (existsSync(path.join(compiledDir, imported))) visit(imported);
    }
  };
  roots.forEach(visit);
  return [...seen].sort();
}

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `scimkit <command> --help` as yargs writes it at `width` columns. */
async function yargsHelp(command: string, width: number): Promise<string> {
  // yargs lays help out at the terminal's width (helpWidth()), in the language of LC_ALL (fixed below).
  Object.defineProperty(process.stdout, 'columns', { value: width, configurable: true });
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await parse([command, '--help'], { stdout, stderr, env: {} });
  if (code !== 0) throw new Error(`scimkit ${command} --help exited ${code}: ${stderr.text}`);
  return stdout.text;
}

process.env.LC_ALL = 'en_US.UTF-8';
const store: HelpStore = {};
for (const command of COMMAND_NAMES) {
  const texts: Record<string, string> = {};
  for (const width of STORED_WIDTHS) texts[width] = await yargsHelp(command, width);
  const modules = staticImports(['cli/main.js', `cli/commands/${command}.js`]);
  store[command] = { texts, modules, digest: modulesDigest(modules) };
}
// Whole or not at all: a CLI starting meanwhile reads the old store or the new one.
await writeFileAtomic(storePath, `${JSON.stringify(store, null, 1)}\n`);
