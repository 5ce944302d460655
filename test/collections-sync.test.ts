import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { generatedFiles } from '../src/examples/generate.js';
import { expandTenantPaths, loadTenant } from '../src/tenant/load.js';

describe('committed collections/', () => {
  it('equal a fresh generate of tenants/examples, examples included (run `npm run generate` after changing templates)', async () => {
    const expected = new Map<string, string>();
    for (const file of await expandTenantPaths(['tenants/examples'])) {
      for (const rendered of await generatedFiles(await loadTenant(file), 'collections'))
        expected.set(rendered.path, rendered.content);
    }
    const committed = (await readdir('collections', { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath}/${entry.name}`)
      .sort();
    assert.deepEqual(committed, [...expected.keys()].sort(), "collections/ holds exactly the example tenants' files");
    for (const [path, content] of expected) assert.equal(await readFile(path, 'utf8'), content, `${path} is stale`);
  });
});
