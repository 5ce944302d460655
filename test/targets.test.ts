import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { renderCollection } from '../src/render/collection.js';
import type { Collection } from '../src/render/postman-types.js';
import { ANSWERED_CHECK } from '../src/report/types.js';
import { isTargetId, TARGET_IDS, targets, type TargetId, type Tenant } from '../src/targets/index.js';
import { expandTenantPaths, loadTenant, parseTenant } from '../src/tenant/load.js';
import { negativeControls } from './controls/index.js';

/** Shared by every target, not one of them. */
const SHARED_TEMPLATES = new Set(['partials', 'reports']);

/** Every profile field a target's optional flows need, so that its collection holds every check. */
const EVERY_FLOW: Record<TargetId, Record<string, unknown>> = {
  'ws1-access': {},
  janssen: { fidoDevices: true },
  scim2: {},
};

/**
 * The house rule of targets: each has one home (src/targets/<id>/, one registry row), templates, an example
 * profile with its committed collection, a simulator, and a negative control for every defect of that simulator.
 */
describe('targets: every one has everything a target is', () => {
  let examples: Tenant[];
  before(async () => {
    examples = await Promise.all((await expandTenantPaths(['tenants/examples'])).map((file) => loadTenant(file)));
  });

  it('every templates/<id>/ is a registered target, and every registered target has templates', async () => {
    const dirs = (await readdir('templates', { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && !SHARED_TEMPLATES.has(entry.name))
      .map((entry) => entry.name);
    for (const dir of dirs) assert.ok(isTargetId(dir), `templates/${dir}/ has no row in src/targets/index.ts`);
    assert.deepEqual([...TARGET_IDS].sort(), dirs.sort());
  });

  for (const id of TARGET_IDS) {
    describe(id, () => {
      const example = () => {
        const found = examples.find((tenant) => tenant.target === id);
        assert.ok(found, `tenants/examples/ has no ${id} profile`);
        return found;
      };

      it('has an example profile, and its rendered collection is committed', () => {
        const { name } = example();
        for (const kind of ['collection', 'environment'])
          assert.ok(existsSync(`collections/${name}/${name}.postman_${kind}.json`), `no committed ${kind} for ${name}`);
      });

      it('has a simulator that starts from the example profile, trusts its client and answers', async () => {
        const tenant = example();
        const simulator = await targets[id].simulate(tenant as never, () => 'a-secret-for-the-simulator');
        try {
          // A SCIM root may carry a path (scim2: the profile's).
          assert.match(simulator.url, /^http:\/\/127\.0\.0\.1:\d+(\/[^?#]*)?$/);
          const answer = await fetch(`${simulator.url}/no-such-endpoint`);
          assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status}`);
        } finally {
          await simulator.close();
        }
        assert.ok(targets[id].trustedClient(tenant as never).secretEnv, 'a trusted client names its secret');
      });

      it('has a negative control for every defect, each naming a check its collection makes', async () => {
        const controls: Record<string, { caughtBy: string[] }> = negativeControls[id];
        assert.deepEqual(Object.keys(controls).sort(), Object.keys(targets[id].defects).sort());
        const text = (await import('yaml')).stringify({ ...example(), ...EVERY_FLOW[id] });
        const collection = await renderCollection(parseTenant(text, `every flow of ${id}`));
        for (const [defect, { caughtBy }] of Object.entries(controls)) {
          assert.ok(caughtBy.length, `${defect}: names no check`);
          for (const check of caughtBy) assert.ok(makesCheck(collection, check), `${defect}: no check "${check}"`);
        }
      });
    });
  }
});

/**
 * Whether "folder / request / check" is a request of the collection whose scripts make that check: its name is a
 * string literal there, or one the script completes at run time ('accessTokenTTL is the configured ' + ttl + …);
 * or the check scimkit makes of every request.
 */
function makesCheck(collection: Collection, name: string): boolean {
  const [folder, request, ...rest] = name.split(' / ');
  const item = collection.item.find((f) => f.name === folder)?.item.find((i) => i.name === request);
  // Names are JavaScript string literals there: an apostrophe is escaped.
  const scripts = (item?.event ?? [])
    .flatMap((event) => event.script.exec)
    .join('\n')
    .replaceAll("\\'", "'");
  const check = rest.join(' / ');
  if (!item) return false;
  if (check === ANSWERED_CHECK || scripts.includes(check)) return true;
  for (let end = check.length - 1; end > 8; end -= 1) if (scripts.includes(`${check.slice(0, end)}' +`)) return true;
  return false;
}
