import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExampleAnswers } from '../src/examples/answers.js';
import { ExamplesCache } from '../src/examples/cache.js';
import { FINGERPRINTED, filesFingerprint } from '../src/examples/fingerprint.js';
import { inventedSecrets } from '../src/examples/secrets.js';
import { templatesDir } from '../src/paths.js';
import { Redactor } from '../src/report/redact.js';
import type { Tenant } from '../src/targets/index.js';
import { loadTenant } from '../src/tenant/load.js';
import { scimkit } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

/** What a saved answer must never hold: a secret field with anything but the mask. */
const UNMASKED = /"(access_token|refresh_token|id_token|secret|client_secret|password)": ?"(?!\*{8}")/;

describe('the cache of example answers', () => {
  it('gives generate the bytes of the run it kept, says so, holds no secret, and --no-cache runs again', async function () {
    this.timeout(120_000);
    const cache = await scratchDir('examples-cache');
    const env = { SCIMKIT_CACHE_DIR: cache };
    const outs = [await scratchDir('cache-out'), await scratchDir('cache-out'), await scratchDir('cache-out')];
    const generate = (out: string, ...flags: string[]) =>
      scimkit(['generate', '--tenant', 'tenants/examples/globex.yaml', '--out', out, ...flags], env);
    const runs = [await generate(outs[0]!), await generate(outs[1]!), await generate(outs[2]!, '--no-cache')];
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      runs.map((run) => run.stdout.includes('(example answers from the cache)')),
      [false, true, false],
    );
    const files = ['globex.postman_collection.json', 'globex.postman_environment.json'];
    const read = (out: string) => Promise.all(files.map((file) => readFile(path.join(out, 'globex', file), 'utf8')));
    const [first, cached, uncached] = await Promise.all(outs.map(read));
    assert.deepEqual(cached, first);
    assert.deepEqual(uncached, first);
    const entries = await readdir(path.join(cache, 'examples'));
    assert.equal(entries.length, 1);
    const entry = await readFile(path.join(cache, 'examples', entries[0]!), 'utf8');
    const tenant = await loadTenant('tenants/examples/globex.yaml');
    const redactor = new Redactor(Object.values(inventedSecrets(tenant)), []);
    assert.equal(redactor.redact(entry), entry, 'the entry holds a secret of the examples run');
    assert.doesNotMatch(entry, UNMASKED);
  });

  describe('is keyed by all the answers depend on', () => {
    let tenant: Tenant;
    let runs = 0;
    const run = async () => {
      runs += 1;
      return ExampleAnswers.restored({ origin: 'http://127.0.0.1:1', answers: [] });
    };
    before(async () => (tenant = await loadTenant('tenants/examples/globex.yaml')));

    it('misses for a profile with a value changed, and for changed templates', async () => {
      const dir = await scratchDir('examples-cache');
      const templates = await scratchDir('examples-templates');
      await writeFile(path.join(templates, 'request.yaml.hbs'), 'name: a\n');
      const cacheOf = () => new ExamplesCache(dir, () => filesFingerprint([templates]));
      const cached = async (cache: ExamplesCache, profile: Tenant) => (await cache.answers(profile, run)).cached;
      assert.equal(await cached(cacheOf(), tenant), false);
      assert.equal(await cached(cacheOf(), tenant), true);
      const renamed = { ...tenant, testData: { prefix: 'other' } } as Tenant;
      assert.equal(await cached(cacheOf(), renamed), false, 'a profile value changed');
      await writeFile(path.join(templates, 'request.yaml.hbs'), 'name: b\n');
      assert.equal(await cached(cacheOf(), tenant), false, 'a template changed');
      assert.equal(runs, 3);
    });

    it('takes the templates and the running code into that hash', () => {
      const code = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
      assert.deepEqual(FINGERPRINTED, [templatesDir, code]);
    });

    it('reads an entry cut short, or anything but an entry, as a miss, and writes it anew', async () => {
      const dir = await scratchDir('examples-cache');
      const cache = new ExamplesCache(dir, async () => 'fixed');
      await cache.answers(tenant, run);
      const [entry] = await readdir(path.join(dir, 'examples'));
      const file = path.join(dir, 'examples', entry!);
      const whole = await readFile(file, 'utf8');
      for (const other of [whole.slice(0, 10), '{}\n', 'null\n']) {
        await writeFile(file, other);
        assert.equal((await cache.answers(tenant, run)).cached, false, other);
        assert.equal(await readFile(file, 'utf8'), whole);
      }
    });
  });

  it('lives in SCIMKIT_CACHE_DIR, else node_modules/.cache/scimkit of the working folder, else nowhere', async () => {
    const project = await scratchDir('cache-project');
    const bare = await scratchDir('cache-bare');
    await mkdir(path.join(project, 'node_modules'));
    assert.equal((await ExamplesCache.forGenerate({ SCIMKIT_CACHE_DIR: 'c' }, bare))?.dir, path.join(bare, 'c'));
    assert.equal(await ExamplesCache.forGenerate({ SCIMKIT_CACHE_DIR: '' }, project), undefined);
    assert.equal(
      (await ExamplesCache.forGenerate({}, project))?.dir,
      path.join(project, 'node_modules', '.cache', 'scimkit'),
    );
    assert.equal(await ExamplesCache.forGenerate({}, bare), undefined);
  });
});
