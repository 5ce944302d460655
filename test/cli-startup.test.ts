import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMAND_NAMES } from '../src/cli/commands/index.js';
import { parse } from '../src/cli/main.js';
import { STORED_WIDTHS, storedHelp, storePath, type HelpStore } from '../src/cli/stored-help.js';

/** The width of a pipe, as the tests' commands write to one. */
const PIPE_WIDTH = 110;
import { topLevelHelp } from '../src/cli/top-level.js';
import { Capture } from './support/capture.js';
import { scimkit, scimkitProcess } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

const HEAVY = ['newman', 'postman-collection', 'handlebars', 'express', 'ajv', 'yaml', 'dotenv'];

interface Answer {
  stdout: string;
  /** The modules it loaded, as paths below the package root or package names under node_modules. */
  loaded: string[];
}

/** What `node ROOT/bin/scimkit.js ARGS` prints and loads (ROOT the checkout unless given). */
async function answer(args: string[], env: NodeJS.ProcessEnv = {}, root = '.'): Promise<Answer> {
  const log = path.join(await scratchDir('startup'), 'modules.log');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', path.resolve('dist/test/support/module-log.js'), path.join(root, 'bin/scimkit.js'), ...args],
      { env: { PATH: process.env.PATH, SCIMKIT_MODULE_LOG: log, ...env } },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const urls = (await readFile(log, 'utf8')).trim().split('\n');
  const loaded = urls.map(
    (url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url.replace(/^.*\/dist\//, 'dist/'),
  );
  return { stdout, loaded };
}

async function loadedModules(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  return (await answer(args, env)).loaded;
}

/** yargs' own help at a terminal this wide (main lays it out in process.stdout's columns). */
async function yargsHelp(columns: number, args = ['--help']): Promise<string> {
  const own = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  try {
    const stdout = new Capture();
    assert.equal(await parse(args, { stdout, stderr: new Capture(), env: {} }), 0);
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

  it("loads neither yargs nor a command for --help, --version and a command's stored --help", async () => {
    const answers = await Promise.all(
      [['--help'], ['--version'], ...COMMAND_NAMES.map((name) => [name, '--help'])].map(async (args) => ({
        args,
        loaded: await loadedModules(args),
      })),
    );
    for (const { args, loaded } of answers) {
      const what = `scimkit ${args.join(' ')} loads`;
      for (const name of [...HEAVY, 'yargs']) assert.ok(!loaded.includes(name), `${what} ${name}`);
      const commands = loaded.filter((module) => /^dist\/src\/cli\/commands\/(?!index\.js)/.test(module));
      assert.deepEqual(commands, [], what);
    }
  });

  it("a command's --help through yargs (another language) loads its own command only, nothing heavy", async () => {
    const answers = await Promise.all(
      COMMAND_NAMES.map(async (name) => ({ name, loaded: await loadedModules([name, '--help'], GERMAN) })),
    );
    for (const { name, loaded } of answers) {
      const what = `scimkit ${name} --help in German loads`;
      for (const heavy of HEAVY) assert.ok(!loaded.includes(heavy), `${what} ${heavy}`);
      const commands = loaded.filter((module) => /^dist\/src\/cli\/commands\/(?!index\.js)/.test(module));
      assert.deepEqual(commands, [`dist/src/cli/commands/${name}.js`], what);
      assert.ok(loaded.includes('yargs'), `${what} no yargs`);
    }
  });
});

const GERMAN = { LANG: 'de_DE.UTF-8' };

describe("a command's stored --help", () => {
  let store: HelpStore;
  before(async () => {
    store = JSON.parse(await readFile(storePath, 'utf8')) as HelpStore;
    // `npx tsc` alone leaves the store behind what it compiled: yargs answers then, and these tests would fail.
    for (const name of COMMAND_NAMES)
      assert.ok(storedHelp([name, '--help'], PIPE_WIDTH, {}), `${storePath} is stale: npm run build`);
  });

  it("is yargs' own, byte for byte, for every command at every width stored, with --help and -h, from bin/scimkit.js", async () => {
    assert.deepEqual(Object.keys(store).sort(), [...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) {
      for (const width of STORED_WIDTHS) {
        const text = await yargsHelp(width, [name, '--help']);
        assert.equal(store[name]!.texts[width], text, `${name} at ${width} columns: the store`);
        assert.equal(storedHelp([name, '--help'], width, {}), text, `${name} at ${width} columns`);
      }
      const yargs = await yargsHelp(PIPE_WIDTH, [name, '--help']);
      for (const flag of ['--help', '-h']) {
        const { stdout, loaded } = await answer([name, flag]);
        assert.equal(stdout, yargs, `scimkit ${name} ${flag}`);
        assert.ok(!loaded.includes('yargs'), `scimkit ${name} ${flag} loads yargs`);
      }
    }
  });

  it('answers only that command line, in English, at its width; yargs answers the rest', () => {
    const text = store.run!.texts[PIPE_WIDTH];
    assert.equal(storedHelp(['run', '--help'], PIPE_WIDTH, {}), text);
    assert.equal(storedHelp(['run', '-h'], PIPE_WIDTH, { LANG: 'C.UTF-8' }), text);
    for (const width of [PIPE_WIDTH - 1, 100, 81, 79, 40])
      assert.equal(storedHelp(['run', '--help'], width, {}), undefined, `${width} columns`);
    assert.equal(storedHelp(['run', '--help'], PIPE_WIDTH, GERMAN), undefined);
    assert.equal(storedHelp(['run', '--help'], PIPE_WIDTH, { LANG: 'en_US.UTF-8', LC_ALL: 'fr_FR' }), undefined);
    for (const argv of [['run', '--help', '--quiet'], ['--help', 'run'], ['runn', '--help'], ['run'], ['help', 'run']])
      assert.equal(storedHelp(argv, PIPE_WIDTH, {}), undefined, argv.join(' '));
  });

  describe('in a copy of the package', () => {
    let root: string;
    beforeEach(async () => {
      root = path.join(await scratchDir('stored-help'), 'scimkit');
      for (const part of ['bin', 'dist/src', 'dist/help.json', 'package.json'])
        await cp(part, path.join(root, part), { recursive: true });
      await symlink(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
    });

    it('answers from its store', async () => {
      const { stdout, loaded } = await answer(['run', '--help'], {}, root);
      assert.equal(stdout, store.run!.texts[PIPE_WIDTH]);
      assert.ok(!loaded.includes('yargs'));
    });

    it('leaves a help compiled anew since the store was made to yargs, never a stale one', async () => {
      const options = path.join(root, 'dist/src/cli/options.js');
      const old = 'Tenant profile (.yaml/.json) or a folder of them';
      const compiled = await readFile(options, 'utf8');
      assert.ok(compiled.includes(old));
      await writeFile(options, compiled.replace(old, 'A tenant profile changed since the store was made'));
      for (const name of ['run', 'list']) {
        const { stdout, loaded } = await answer([name, '--help'], {}, root);
        assert.match(stdout, /A tenant profile changed since the store was made/, name);
        assert.ok(!stdout.includes(old), name);
        assert.ok(loaded.includes('yargs'), `${name} from the stale store`);
      }
    });

    it('leaves a help to yargs when another yargs is installed than the store was made with', async () => {
      const modules = path.join(root, 'node_modules');
      await rm(modules);
      await mkdir(modules);
      for (const name of await readdir('node_modules'))
        if (name !== 'yargs') await symlink(path.resolve('node_modules', name), path.join(modules, name));
      await cp('node_modules/yargs', path.join(modules, 'yargs'), { recursive: true });
      const manifest = path.join(modules, 'yargs/package.json');
      const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
      await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(`"${version}"`, `"${version}-other"`));
      const { stdout, loaded } = await answer(['list', '--help'], {}, root);
      assert.equal(stdout, store.list!.texts[PIPE_WIDTH]);
      assert.ok(loaded.includes('yargs'), 'list --help from a store made with another yargs');
    });

    it('leaves a help to yargs when the store is missing or unreadable', async () => {
      for (const store of [undefined, '{"run": {"texts": {"110": "trunc']) {
        if (store === undefined) await rm(path.join(root, 'dist/help.json'));
        else await writeFile(path.join(root, 'dist/help.json'), store);
        const { stdout, loaded } = await answer(['run', '--help'], {}, root);
        assert.equal(stdout, await yargsHelp(PIPE_WIDTH, ['run', '--help']), `store ${store}`);
        assert.ok(loaded.includes('yargs'), `store ${store}`);
      }
    });
  });
});
