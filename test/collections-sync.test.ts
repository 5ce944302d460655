import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import postman from 'postman-collection';
import { inventedSecrets } from '../src/examples/secrets.js';
import { generatedFiles } from '../src/examples/generate.js';
import { requestKey } from '../src/names.js';
import { renderForRun } from '../src/render/collection.js';
import { Redactor } from '../src/report/redact.js';
import { environmentValues } from '../src/run/environment.js';
import type { Tenant } from '../src/targets/index.js';
import { expandTenantPaths, loadTenant } from '../src/tenant/load.js';
import { postmanSchemaErrors } from './support/postman-schema.js';

/** What a saved answer must never hold: a secret field with anything but the mask. */
const UNMASKED = /"(access_token|refresh_token|id_token|secret|client_secret|password)": "(?!\*{8}")/;

/**
 * `npm run generate` writes collections/: the example tenants' collections, each request with its documentation and
 * its example answers from the examples simulator. Generating takes a few seconds a tenant, so it is done once here.
 */
describe('committed collections/', () => {
  let tenants: Tenant[];
  const fresh = new Map<string, string>();
  const committed = new Map<string, string>();
  before(async function () {
    // Four example runs (and their example requests) when the examples cache is cold, as on a clean clone: on a busy
    // 2-core machine that has come near mocha's 60 s. This bounds a hang, it measures nothing.
    this.timeout(180_000);
    tenants = await Promise.all((await expandTenantPaths(['tenants/examples'])).map((file) => loadTenant(file)));
    for (const tenant of tenants) {
      for (const file of (await generatedFiles(tenant, 'collections')).files) fresh.set(file.path, file.content);
    }
    for (const entry of await readdir('collections', { recursive: true, withFileTypes: true })) {
      const path = `${entry.parentPath}/${entry.name}`;
      if (entry.isFile()) committed.set(path, await readFile(path, 'utf8'));
    }
  });

  it('equal a fresh generate of tenants/examples (run `npm run generate` after changing templates)', () => {
    assert.deepEqual(
      [...committed.keys()].sort(),
      [...fresh.keys()].sort(),
      "collections/ holds the example tenants' files",
    );
    for (const [path, content] of fresh) assert.equal(committed.get(path), content, `${path} is stale`);
  });

  it('come out byte for byte the same when generated again', async () => {
    const tenant = tenants.find((t) => t.name === 'globex')!;
    for (const file of (await generatedFiles(tenant, 'collections')).files)
      assert.equal(file.content, fresh.get(file.path));
  });

  it('hold no secret the examples run was given, in any form, and no unmasked token', () => {
    for (const tenant of tenants) {
      const secrets = Object.values(inventedSecrets(tenant));
      assert.ok(secrets.length, `${tenant.name}: the examples run is given secrets`);
      // The Redactor changes a text that holds any form of them: as is, encoded, in JSON, base64, Basic.
      const clientIds = environmentValues(tenant).filter((v) => /clientId$/i.test(v.key));
      const redactor = new Redactor(
        secrets,
        clientIds.map((v) => v.value),
      );
      for (const [path, content] of [...committed, ...fresh]) {
        if (!path.includes(`/${tenant.name}/`)) continue;
        assert.equal(redactor.redact(content), content, `${path} holds a secret of the examples run`);
        for (const line of content.split('\n')) assert.doesNotMatch(line, UNMASKED, path);
      }
    }
  });

  for (const source of ['committed', 'fresh'] as const) {
    describe(`as Postman reads them (${source})`, () => {
      const collections = () =>
        [...(source === 'committed' ? committed : fresh)].filter(([path]) => path.endsWith('.postman_collection.json'));

      it('are valid Postman v2.1 collections', () => {
        for (const [path, content] of collections())
          assert.deepEqual(postmanSchemaErrors(JSON.parse(content)), [], path);
      });

      it('document every request on the request: what it does and its document step, its checks, what to do when it fails', () => {
        for (const [path, content] of collections()) {
          new postman.Collection(JSON.parse(content)).forEachItem((item) => {
            const where = `${path}: ${item.name}`;
            const docs = (item.request.description as { content?: string } | undefined)?.content ?? '';
            const [does, checks, fails] = docs.split(/\n\n\*\*(?:Checks|When it fails)\*\*\n/);
            assert.match(does ?? '', /\*\*[^*]+\*\*/, `${where}: names no document step or console setting in bold`);
            assert.match(checks ?? '', /^- .+ \((MUST|SHOULD|INFO)(; [a-z, ]+)?\)$/m, `${where}: lists no check`);
            assert.ok((fails ?? '').trim().length > 40, `${where}: says nothing for when it fails`);
            assert.equal(item.description, undefined, `${where}: a description on the item, where Postman shows none`);
          });
        }
      });

      it('save at least one example answer per request, and each declared example with its status', async () => {
        for (const tenant of tenants) {
          const { examples } = await renderForRun(tenant);
          const [, content] = collections().find(([path]) => path.includes(`/${tenant.name}/`))!;
          const collection = new postman.Collection(JSON.parse(content));
          collection.items.each((folder) => {
            (folder as unknown as postman.ItemGroup<postman.Item>).forEachItem((item) => {
              const where = `${tenant.name}: ${folder.name} / ${item.name}`;
              assert.ok(item.responses.count() >= 1, `${where}: no example`);
              const saved: [string, number][] = item.responses.map((r) => [r.name, r.code]);
              for (const example of examples.get(requestKey(folder.name, item.name)) ?? [])
                assert.deepEqual(
                  saved.filter(([name]) => name === example.name),
                  [[example.name, example.status]],
                  where,
                );
              for (const response of item.responses.all()) {
                assert.equal(response.originalRequest?.url.toString(), item.request.url.toString(), where);
                assert.ok(
                  !response.headers.has('Date') && !response.headers.has('Content-Length'),
                  `${where}: varying headers`,
                );
              }
            });
          });
        }
      });
    });
  }
});
