import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMAND_NAMES } from '../src/cli/commands/index.js';
import { parse } from '../src/cli/main.js';
import { topLevelHelp } from '../src/cli/top-level.js';
import { Capture } from './support/capture.js';
import { scimkit, scimkitProcess } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

const HEAVY = ['newman', 'postman-collection', 'handlebars', 'express', 'ajv', 'yaml', 'dotenv'];

/** The modules `node bin/scimkit.js ARGS` loads, as paths below the checkout or package names under node_modules. */
async function loadedModules(args: string[]): Promise<string[]> {
  const log = path.join(await scratchDir('startup'), 'modules.log');
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', path.resolve('dist/test/support/module-log.js'), 'bin/scimkit.js', ...args],
      { env: { PATH: process.env.PATH, SCIMKIT_MODULE_LOG: log } },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  const urls = (await readFile(log, 'utf8')).trim().split('\n');
  return urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url.replace(/^.*\/dist\//, 'dist/'));
}

/** yargs' own help at a terminal this wide (main lays it out in process.stdout's columns). */
async function yargsHelp(columns: number): Promise<string> {
  const own = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  try {
    const stdout = new Capture();
    assert.equal(await parse(['--help'], { stdout, stderr: new Capture(), env: {} }), 0);
    return stdout.text;
  } finally {
    if (own) Object.defineProperty(process.stdout, 'columns', own);
    else delete (process.stdout as { columns?: number }).columns;
  }
}

describe('start-up', () => {
  it('scimkit --version prints the package version, in-process and from bin/scimkit.js', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    for (const result of [await scimkit(['--version']), await scimkitProcess(['--version'])]) {
      assert.deepEqual(result, { code: 0, stdout: `${version}\n`, stderr: '' });
    }
    assert.match((await scimkit(['--help'])).stdout, /--version {2}Show version number/);
    // Through yargs too (another argument beside it); a --dotenv beside it is not read.
    assert.deepEqual(await scimkit(['--version', '--dotenv', 'no-such.env']), {
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
  });

  it("scimkit --help without yargs is yargs' help, at every width it lays out, 80 and 110 among them", async () => {
    for (let columns = 20; columns <= 120; columns += 1) {
      const light = topLevelHelp(Math.min(110, columns), { LANG: 'en_US.UTF-8' });
      if (light !== undefined || columns >= 80)
        assert.equal(`${light}\n`, await yargsHelp(columns), `${columns} columns`);
    }
    // In another language yargs writes its own words: the light help leaves it to yargs.
    assert.equal(topLevelHelp(110, { LANG: 'de_DE.UTF-8' }), undefined);
  });

  it('loads neither yargs nor a command for --help and --version, and only its own command for its --help', async () => {
    const answers = await Promise.all([
      ...[['--help'], ['--version']].map(async (args) => ({ args, own: undefined, loaded: await loadedModules(args) })),
      ...COMMAND_NAMES.map(async (name) => ({
        args: [name, '--help'],
        own: name,
        loaded: await loadedModules([name, '--help']),
      })),
    ]);
    for (const { args, own, loaded } of answers) {
      const what = `scimkit ${args.join(' ')} loads`;
      for (const name of HEAVY) assert.ok(!loaded.includes(name), `${what} ${name}`);
      const commands = loaded.filter((module) => /^dist\/src\/cli\/commands\/(?!index\.js)/.test(module));
      assert.deepEqual(commands, own ? [`dist/src/cli/commands/${own}.js`] : [], what);
      assert.equal(loaded.includes('yargs'), own !== undefined, `${what} yargs: ${loaded.includes('yargs')}`);
    }
  });
});
