import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { HelpStore } from '../src/cli/stored-help.js';
import type { CliResult } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

/**
 * The environment of a user's shell: npm's own variables from `npm test` (the repository as the local prefix, the
 * package's fields) dropped, and npx told never to fetch a package it does not find installed.
 */
const userEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_(config_local_prefix$|package_|lifecycle_)/i.test(key)),
  ),
  npm_config_yes: 'false',
};

function exec(command: string, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: userEnv, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Paths of the files under a folder, relative to it, with forward slashes as in a tarball's listing. */
async function pathsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('the npm package, installed from its tarball into an empty project', function () {
  let temp: string;
  let project: string;
  let packed: string[];
  let sim: ChildProcess | undefined;

  before(async function () {
    this.timeout(5 * 60_000); // an npm install; seconds on a warm cache
    temp = await scratchDir('package');
    // `npm test` has just compiled dist/: packing without scripts does not compile it again under the other tests.
    const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], '.');
    assert.equal(pack.code, 0, pack.stderr);
    const [tarball] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = tarball!.files.map((file) => file.path);

    project = path.join(temp, 'project');
    await mkdir(path.join(project, 'tenants'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{ "name": "uses-scimkit", "private": true }\n');
    const install = await exec(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(temp, tarball!.filename)],
      project,
    );
    assert.equal(install.code, 0, install.stderr);
    // A first profile, as a user starts: copied from the examples the package ships.
    await copyFile(
      path.join(project, 'node_modules/scimkit/tenants/examples/globex.yaml'),
      path.join(project, 'tenants/globex.yaml'),
    );
  });

  after(async () => {
    sim?.kill();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('holds the compiled CLI, every template and the example profiles; no tests, sources, maps or secrets', async () => {
    const shipped = ['bin/', 'dist/src/', 'dist/help.json', 'templates/', 'tenants/examples/'];
    const outside = packed.filter(
      (file) =>
        !shipped.some((dir) => file.startsWith(dir)) && !['package.json', 'README.md', 'LICENSE'].includes(file),
    );
    assert.deepEqual(outside, []);
    assert.deepEqual(
      packed.filter((file) => /\.map$|(^|\/)\.env/.test(file)),
      [],
    );
    for (const template of await pathsUnder('templates'))
      assert.ok(packed.includes(`templates/${template}`), `templates/${template} is not in the package`);
    for (const source of await pathsUnder('src')) {
      const compiled = `dist/src/${source.replace(/\.ts$/, '.js')}`;
      assert.ok(packed.includes(compiled), `${compiled} is not in the package`);
    }
  });

  it('npx scimkit --help', async () => {
    const help = await exec('npx', ['scimkit', '--help'], project);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^scimkit <command> \[options\]/);
    for (const command of ['generate', 'run', 'sim']) assert.match(help.stdout, new RegExp(`scimkit ${command}`));
  });

  it("scimkit run --help answers from the package's stored help, without yargs", async () => {
    // npm gives each file it extracts the time it writes it: the store is known fresh by its digest, not its time.
    const log = path.join(temp, 'modules.log');
    const bin = path.join(project, 'node_modules/scimkit/bin/scimkit.js');
    const loader = ['--import', path.resolve('dist/test/support/module-log.js')];
    const help = await new Promise<CliResult>((resolve) =>
      execFile(
        process.execPath,
        [...loader, bin, 'run', '--help'],
        { cwd: project, env: { PATH: process.env.PATH, SCIMKIT_MODULE_LOG: log } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(help.code, 0, help.stderr);
    const stored = JSON.parse(await readFile('dist/help.json', 'utf8')) as HelpStore;
    // A pipe's width.
    assert.equal(help.stdout, stored.run!.texts[110]);
    assert.ok(!(await readFile(log, 'utf8')).includes('/node_modules/yargs/'), 'run --help loads yargs');
  });

  it('npx scimkit generate renders a profile of the project', async () => {
    const generate = await exec('npx', ['scimkit', 'generate', '--tenant', 'tenants/globex.yaml'], project);
    assert.equal(generate.code, 0, generate.stderr);
    const collection = JSON.parse(
      await readFile(path.join(project, 'collections/globex/globex.postman_collection.json'), 'utf8'),
    );
    assert.ok(collection.item.length > 0);
  });

  it('npx scimkit run --sim passes every check, and writes its JUnit and HTML reports', async function () {
    this.timeout(3 * 60_000); // the whole collection in a process of its own: seconds, more on a busy machine
    const args = ['scimkit', 'run', '--tenant', 'tenants/globex.yaml', '--sim', '--reporters', 'cli,junit,html'];
    const run = await exec('npx', args, project);
    assert.equal(run.code, 0, run.stderr || run.stdout);
    assert.match(run.stdout, /checks?, \d+ passed, 0 failed/);
    const reports = await readdir(path.join(project, 'reports'));
    assert.ok(reports.some((file) => file.endsWith('.junit.xml')));
    assert.ok(reports.some((file) => file.endsWith('.report.html')));
  });

  it('scimkit sim serves a tenant that hands its printed client a token, and stops', async () => {
    sim = spawn(path.join(project, 'node_modules/.bin/scimkit'), ['sim', '--port', '0'], {
      cwd: project,
      env: userEnv,
    });
    let stderr = '';
    sim.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let banner = '';
    for await (const line of createInterface({ input: sim.stdout! })) {
      banner += `${line}\n`;
      if (line.startsWith('Press Ctrl-C')) break;
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const secret = / secret (\S+) \(demo\)/.exec(banner)?.[1];
    assert.ok(url && secret, `${banner}${stderr}`);

    const answer = await fetch(`${url}/SAAS/auth/oauthtoken`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`scimkit-admin:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=admin',
    });
    assert.equal(answer.status, 200);
    assert.equal(((await answer.json()) as { token_type: string }).token_type, 'Bearer');

    const exited = once(sim, 'exit');
    sim.kill('SIGTERM');
    assert.deepEqual(await exited, [0, null], stderr);
    sim = undefined;
  });
});
