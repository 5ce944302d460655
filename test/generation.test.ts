import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { writeFilesAtomic } from '../src/io/atomic.js';
import { renderForRun } from '../src/render/collection.js';
import { ReadMemo } from '../src/render/read-memo.js';
import { YamlEntries } from '../src/render/yaml-entries.js';
import type { Tenant } from '../src/targets/index.js';
import { expandTenantPaths, loadTenant, parseTenant } from '../src/tenant/load.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

/** The example profiles, each also with other values where its templates read them, under distinct names. */
async function variants(tag: string): Promise<Tenant[]> {
  const examples = await Promise.all((await expandTenantPaths(['tenants/examples'])).map((file) => loadTenant(file)));
  const changes: Record<Tenant['target'], Record<string, unknown>[]> = {
    'ws1-access': [
      { mediaTypes: 'vendor', scopedClient: undefined, serviceAccount: undefined, scimRole: undefined },
      { baseUrl: 'https://other.vmwareidentity.eu', directory: { name: 'Okta', domain: 'EXAMPLE.ORG' } },
    ],
    janssen: [{ fidoDevices: true, testData: { prefix: 'other' } }, { baseUrl: 'https://jans.other.example' }],
    scim2: [
      { extensions: [], matchAttribute: 'externalId', supports: { groups: false, patch: false } },
      { auth: { type: 'basic', username: 'scim', passwordEnv: 'SCIM_PASSWORD' }, baseUrl: 'https://a.example/scim' },
    ],
  };
  return examples.flatMap((example) =>
    [{}, ...changes[example.target]].map((change, at) => {
      const profile: Record<string, unknown> = { ...example, name: `${example.name}-${tag}${at}`, ...change };
      for (const [key, value] of Object.entries(profile)) if (value === undefined) delete profile[key];
      return parseTenant(JSON.stringify(profile), `${profile.name}.yaml`);
    }),
  );
}

describe('generation', () => {
  describe('rendering many profiles', () => {
    it('gives what a renderer that kept nothing gives, profile by profile', async function () {
      this.timeout(120_000);
      const tenants = await variants('a');
      // Renders of one another's values first, so that each profile meets what the others left.
      for (const tenant of await variants('warm')) await renderForRun(tenant);
      for (const [at, tenant] of tenants.entries()) {
        // A module of its own: its own engines and kept outputs, nothing rendered before.
        const fresh = (await import(
          `${new URL('../src/render/collection.js', import.meta.url).href}?fresh=${at}`
        )) as typeof import('../src/render/collection.js');
        const kept = await renderForRun(tenant, { exampleRequests: true });
        const afresh = await fresh.renderForRun(tenant, { exampleRequests: true });
        assert.equal(JSON.stringify(kept.collection), JSON.stringify(afresh.collection), tenant.name);
        assert.deepEqual([...kept.rules], [...afresh.rules], tenant.name);
        assert.deepEqual([...kept.examples], [...afresh.examples], tenant.name);
      }
    });

    it('compiles each template once per process: no compile for profiles after the first', async () => {
      for (const tenant of await variants('first')) await renderForRun(tenant);
      // Every compile, of a template or of a partial, ends in the JavaScript compiler every Handlebars environment shares.
      type Compiler = { compile: (...args: unknown[]) => unknown };
      const compiler = (Handlebars as unknown as { JavaScriptCompiler: { prototype: Compiler } }).JavaScriptCompiler
        .prototype;
      const compile = compiler.compile;
      let compiles = 0;
      compiler.compile = function (this: unknown, ...args: unknown[]) {
        compiles += 1;
        return compile.apply(this, args);
      };
      try {
        for (const tag of ['b', 'c', 'd']) for (const tenant of await variants(tag)) await renderForRun(tenant);
      } finally {
        compiler.compile = compile;
      }
      assert.equal(compiles, 0);
    });
  });

  describe('ReadMemo', () => {
    const tenant = (name: string, prefix = 'p') => ({ tenant: { name, testData: { prefix }, list: ['x', 'y'] } });

    it('gives back a result for a context equal where it read, and computes anew where it differs', () => {
      const memo = new ReadMemo<string, string>();
      let computed = 0;
      const prefixOf = (context: object) =>
        memo.get('key', context, (seen) => {
          computed += 1;
          return (seen as ReturnType<typeof tenant>).tenant.testData.prefix;
        });
      assert.equal(prefixOf(tenant('a')), 'p');
      assert.equal(prefixOf(tenant('b')), 'p', 'the name was not read');
      assert.equal(computed, 1);
      assert.equal(prefixOf(tenant('a', 'q')), 'q');
      assert.equal(computed, 2);
      assert.equal(prefixOf(tenant('c', 'p')), 'p', 'both results are kept');
      assert.equal(computed, 2);
    });

    it('notes what a template learns without reading a value: keys, whether one exists, a whole object as JSON', () => {
      const memo = new ReadMemo<string, string>();
      const shapes = [
        (seen: object) => Object.keys((seen as { tenant: object }).tenant).join(),
        (seen: object) => String('extra' in (seen as { tenant: object }).tenant),
        (seen: object) => JSON.stringify(seen),
      ];
      for (const [at, shape] of shapes.entries()) {
        const key = String(at);
        const plain = memo.get(key, tenant('a'), shape);
        assert.equal(plain, shape(tenant('a')));
        const other = { tenant: { ...tenant('a').tenant, extra: 1 } };
        assert.equal(memo.get(key, other, shape), shape(other), `shape ${at}`);
      }
      const list = (seen: object) => (seen as ReturnType<typeof tenant>).tenant.list.join();
      memo.get('list', tenant('a'), list);
      assert.equal(memo.get('list', { tenant: { ...tenant('a').tenant, list: ['x', 'z'] } }, list), 'x,z');
      const isArray = (seen: object) => String(Array.isArray((seen as ReturnType<typeof tenant>).tenant.list));
      assert.equal(memo.get('isArray', tenant('a'), isArray), 'true', 'an array shows as one');
    });

    it('freezes what it keeps and refuses a computation that writes into its context', () => {
      const memo = new ReadMemo<string, { value: string[] }>();
      const kept = memo.get('key', tenant('a'), () => ({ value: ['a'] }));
      assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept.value));
      assert.throws(
        () => memo.get('write', tenant('a'), (seen) => ((seen as ReturnType<typeof tenant>).tenant.name = 'x') && kept),
        /changed its context/,
      );
    });
  });

  describe('YamlEntries', () => {
    it('parses a mapping entry by entry as the whole text parses, output after output', () => {
      const yaml = new YamlEntries();
      const template = {};
      const text = (name: string) =>
        `# a comment\nname: "${name}"\ndescription: |\n  two\n  lines\nlist:\n  - a\n  - { b: 1 }\nempty:\n`;
      for (const name of ['a', 'b', 'c']) assert.deepEqual(yaml.parse(text(name), template), parseYaml(text(name)));
    });

    it('parses whole what it cannot split exactly: a sequence at the left margin, an alias, a key twice', () => {
      const texts = [
        'list:\n- a\n- b\nother: 1\n',
        'first: &shared { a: 1 }\nsecond: *shared\n',
        'name: a\nname: b\n',
        '--- \nname: a\n',
      ];
      for (const text of texts) {
        const yaml = new YamlEntries();
        // The same template's outputs split alike twice (so checked): a later output of it may still not split.
        const template = {};
        for (const name of ['a', 'b'])
          assert.deepEqual(yaml.parse(`name: ${name}\nother: 1\n`, template), { name, other: 1 });
        let whole: unknown;
        try {
          whole = parseYaml(text);
        } catch (error) {
          assert.throws(() => yaml.parse(text, template), { message: (error as Error).message }, text);
          continue;
        }
        assert.deepEqual(yaml.parse(text, template), whole, text);
      }
    });
  });

  describe('scimkit generate of many profiles', () => {
    async function profiles(count: number): Promise<{ dir: string; names: string[] }> {
      const dir = await scratchDir('generation-profiles');
      const text = await readFile('tenants/examples/globex.yaml', 'utf8');
      const names = Array.from({ length: count }, (_, at) => `globex-${at}`);
      for (const name of names)
        await writeFile(path.join(dir, `${name}.yaml`), text.replace(/^name: .*$/m, `name: ${name}`));
      return { dir, names };
    }

    async function writtenCompletely(out: string, name: string): Promise<void> {
      const files = (await readdir(path.join(out, name))).sort();
      assert.deepEqual(files, [`${name}.postman_collection.json`, `${name}.postman_environment.json`]);
      for (const file of files) JSON.parse(await readFile(path.join(out, name, file), 'utf8'));
    }

    it('writes every profile, each file complete, and without examples none is saved', async () => {
      const { dir, names } = await profiles(6);
      const out = await scratchDir('generation-out');
      const result = await scimkit(['generate', '--tenant', dir, '--out', out, '--no-examples']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual((await readdir(out)).sort(), names);
      for (const name of names) await writtenCompletely(out, name);
      const collection = JSON.parse(
        await readFile(path.join(out, 'globex-0', 'globex-0.postman_collection.json'), 'utf8'),
      );
      const responses = collection.item.flatMap((folder: { item: { response: unknown[] }[] }) =>
        folder.item.flatMap((request) => request.response),
      );
      assert.deepEqual(responses, []);
    });

    it('writes each profile before it renders the next', async () => {
      const { dir, names } = await profiles(4);
      const out = await scratchDir('generation-out');
      // What is written when each profile's collection template is rendered.
      const writtenAtRender: number[] = [];
      const get = ReadMemo.prototype.get;
      ReadMemo.prototype.get = function (this: ReadMemo<unknown, unknown>, key, context, compute) {
        if ((key as { origin?: string }).origin?.endsWith('collection.yaml.hbs'))
          writtenAtRender.push(existsSync(out) ? readdirSync(out).length : 0);
        return get.call(this, key, context, compute);
      };
      try {
        const result = await scimkit(['generate', '--tenant', dir, '--out', out, '--no-examples']);
        assert.equal(result.code, 0, result.stderr);
      } finally {
        ReadMemo.prototype.get = get;
      }
      assert.deepEqual(writtenAtRender, [0, 1, 2, 3]);
      for (const name of names) await writtenCompletely(out, name);
    });

    it('on an error in profile N, keeps the profiles before it complete, and leaves nothing of N', async () => {
      const { dir, names } = await profiles(5);
      const out = await scratchDir('generation-out');
      // A file where profile 3's folder would go: writing it fails, after profiles 0 to 2 are written.
      await writeFile(path.join(out, 'globex-3'), 'not a folder');
      const result = await scimkit(['generate', '--tenant', dir, '--out', out, '--no-examples']);
      assert.ok(isUsageFailure(result), result.stderr);
      assert.match(result.stderr, /globex-3/);
      for (const name of names.slice(0, 3)) await writtenCompletely(out, name);
      assert.equal(await readFile(path.join(out, 'globex-3'), 'utf8'), 'not a folder');
      assert.deepEqual((await readdir(out)).sort(), [...names.slice(0, 3), 'globex-3']);
      assert.match(result.stdout, /globex-2: wrote/);
      assert.doesNotMatch(result.stdout, /globex-3: wrote/);
    });

    it("writes a profile's files together: when one cannot be written, neither is put in place, no temporary left", async () => {
      const out = await scratchDir('generation-out');
      // A name too long for the second file's temporary: writing it fails once the first is written beside its name.
      const tooLong = `${'x'.repeat(240)}.json`;
      await assert.rejects(
        writeFilesAtomic([
          { path: path.join(out, 'a.json'), content: '{}\n' },
          { path: path.join(out, tooLong), content: '{}\n' },
        ]),
        { code: 'ENAMETOOLONG' },
      );
      assert.deepEqual(await readdir(out), []);
    });
  });
});
