import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../src/io/atomic.js';
import { questionsOf, TARGET_IDS, targets, type Tenant } from '../src/targets/index.js';
import { loadTenant, parseTenant } from '../src/tenant/load.js';
import { fieldSchema } from '../src/tenant/validate.js';
import { isUsageFailure, scimkit, scimkitProcess, type CliResult } from './support/cli.js';
import { Pty } from './support/pty.js';
import { ws1Profile } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

const temporary = () => scratchDir('init');

/** The value at a field path ("directory.domain") of a profile. */
function valueAt(profile: object, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], profile);
}

/** The flags that answer every question of `tenant`'s target with `tenant`'s values (none for a field it lacks). */
function flagsOf(tenant: Tenant): string[] {
  return questionsOf(tenant.target).flatMap(({ field, flag }) => {
    const value = valueAt(tenant, field);
    return value === undefined ? [] : [`--${flag}`, String(value)];
  });
}

const ACME: Record<string, string> = {
  target: 'ws1-access',
  name: 'acme',
  url: 'https://acme.vmwareidentity.com',
  'directory-name': 'Okta Universal Directory',
  'directory-domain': 'OKTA.COM',
  'admin-client-id': 'scimkit-admin',
};

/** The flags of a minimal acme profile, with some changed (undefined leaves one out). */
function acmeFlags(changes: Record<string, string | undefined> = {}): string[] {
  return Object.entries({ ...ACME, ...changes }).flatMap(([flag, value]) =>
    value === undefined ? [] : [`--${flag}`, value],
  );
}

function assertRefused(result: CliResult, cause: RegExp): void {
  assert.ok(isUsageFailure(result), `exit ${result.code}, stderr: ${result.stderr}`);
  assert.match(result.stderr, cause);
}

describe('scimkit init: a profile from questions each target declares', () => {
  describe('the questions', () => {
    for (const id of TARGET_IDS) {
      it(`${id}: each fills a field of its profile's schema, under a flag of its own`, () => {
        const questions = questionsOf(id);
        for (const { field } of questions) assert.doesNotThrow(() => fieldSchema(id, field), field);
        const flags = questions.map(({ flag }) => flag);
        assert.deepEqual(flags, [...new Set(flags)], 'two questions share a flag');
        for (const flag of ['target', 'out', 'force', 'dotenv', 'help']) assert.ok(!flags.includes(flag), flag);
      });
    }
  });

  describe('without a terminal, from flags', () => {
    let dir: string;
    beforeEach(async () => (dir = await temporary()));

    for (const id of TARGET_IDS) {
      it(`${id}: the example profile's answers as flags write a profile generate renders, holding those answers`, async () => {
        const example = (
          await Promise.all((await readdir('tenants/examples')).map((file) => loadTenant(`tenants/examples/${file}`)))
        ).find((tenant) => tenant.target === id)!;
        const file = path.join(dir, 'profiles', `${example.name}.yaml`);
        const result = await scimkit(['init', '--target', id, ...flagsOf(example), '--out', file]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`^wrote ${file}\\n`));
        const written = await loadTenant(file);
        for (const { field } of questionsOf(id)) {
          assert.deepEqual(valueAt(written, field), valueAt(example, field), `${field} differs from the example's`);
        }
        assert.equal(written.target, id);
        const generated = await scimkit(['generate', '--tenant', file, '--out', path.join(dir, 'collections')]);
        assert.equal(generated.code, 0, generated.stderr);
        assert.deepEqual(await readdir(path.join(dir, 'collections', example.name)), [
          `${example.name}.postman_collection.json`,
          `${example.name}.postman_environment.json`,
        ]);
      });
    }

    it('leaves out what has a default, and takes the default; a secret variable is named after the tenant', async () => {
      const file = path.join(dir, 'acme.yaml');
      assert.equal((await scimkit(['init', ...acmeFlags(), '--out', file])).code, 0);
      const text = await readFile(file, 'utf8');
      assert.deepEqual(parseTenant(text, file), parseTenant(ws1Profile(), 'expected'));
      assert.match(text, /^# A Workspace ONE Access profile, written by scimkit init\./);
    });

    it('refuses a bad value with the reason loading a profile gives, naming the flag, and writes nothing', async () => {
      const directory = (change: object) => ({ directory: { name: 'Okta', domain: 'OKTA.COM', ...change } });
      const cases: [flag: string, value: string, inProfile: Record<string, unknown>][] = [
        ['--directory-domain', 'okta..com', directory({ domain: 'okta..com' })],
        ['--url', 'http://acme.vmwareidentity.com', { baseUrl: 'http://acme.vmwareidentity.com' }],
        ['--directory-name', 'Okta {{adminClientSecret}}', directory({ name: 'Okta {{adminClientSecret}}' })],
        ['--okta-token-ttl', '0', { oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 0 } }],
        ['--media-types', 'xml', { mediaTypes: 'xml' }],
      ];
      for (const [flag, value, inProfile] of cases) {
        const result = await scimkit([
          'init',
          ...acmeFlags({ [flag.slice(2)]: value }),
          '--out',
          path.join(dir, 'acme.yaml'),
        ]);
        assert.throws(
          () => parseTenant(ws1Profile(inProfile), 'p.yaml'),
          (error: Error) => {
            // The reason a profile holding the value is refused with, the field named by its flag.
            assert.equal(result.stderr, `scimkit: ${error.message.replace(/^p\.yaml: [\w.]+: /, `${flag}: `)}\n`);
            return true;
          },
        );
        assert.ok(isUsageFailure(result), result.stderr);
      }
      assert.deepEqual(await readdir(dir), []);
    });

    it('never echoes what a secret variable flag holds: it may be the secret pasted by mistake', async () => {
      const result = await scimkit([
        'init',
        ...acmeFlags(),
        '--admin-secret-env',
        's3cr3t!pasted',
        '--out',
        `${dir}/a.yaml`,
      ]);
      assertRefused(result, /^scimkit: --admin-secret-env: the value given is not valid/);
      assert.doesNotMatch(result.stderr, /s3cr3t/);
    });

    it("refuses another target's flag, and an unknown target", async () => {
      const out = ['--out', path.join(dir, 'acme.yaml')];
      assertRefused(
        await scimkit(['init', ...acmeFlags(), '--fido-devices', 'true', ...out]),
        /^scimkit: --fido-devices: /,
      );
      assertRefused(await scimkit(['init', '--target', 'okta', ...out]), /--target: "okta" is not a supported target/);
      assert.deepEqual(await readdir(dir), []);
    });

    it('names every flag it still needs when no terminal can ask, without waiting for input', async () => {
      const out = ['--out', path.join(dir, 'acme.yaml')];
      assertRefused(await scimkit(['init', ...out]), /^scimkit: --target is missing; give one of: ws1-access, janssen/);
      // The secret's variable is named after the tenant: only the name is missing for it.
      assertRefused(
        await scimkit(['init', '--target', 'ws1-access', '--directory-name', 'Okta', ...out]),
        /^scimkit: --name, --url, --directory-domain and --admin-client-id are missing; give them/,
      );
      // A real process whose stdin is a pipe, not a terminal: it fails at once, never reads stdin.
      const child = await scimkitProcess(['init', ...acmeFlags({ 'admin-client-id': undefined }), ...out]);
      assertRefused(child, /^scimkit: --admin-client-id is missing; give it, or run scimkit init in a terminal/);
      assert.deepEqual(await readdir(dir), []);
    });

    it('keeps a file that is there unless --force', async () => {
      const file = path.join(dir, 'acme.yaml');
      await writeFile(file, 'kept\n');
      assertRefused(await scimkit(['init', ...acmeFlags(), '--out', file]), /acme\.yaml exists; give --force/);
      assert.equal(await readFile(file, 'utf8'), 'kept\n');
      assert.equal((await scimkit(['init', ...acmeFlags(), '--out', file, '--force'])).code, 0);
      assert.equal((await loadTenant(file)).name, 'acme');
      assert.deepEqual(await readdir(dir), ['acme.yaml'], 'no temporary file left');
    });

    it('never replaces a file that appears while it asks, unless --force', async () => {
      const file = path.join(dir, 'acme.yaml');
      await writeFile(file, 'kept\n');
      await assert.rejects(writeFileAtomic(file, 'new\n', { overwrite: false }), { code: 'EEXIST' });
      assert.equal(await readFile(file, 'utf8'), 'kept\n');
      assert.deepEqual(await readdir(dir), ['acme.yaml'], 'no temporary file left');
    });
  });

  describe('in a terminal', () => {
    let dir: string;
    let pty: Pty | undefined;
    beforeEach(async () => (dir = await temporary()));
    afterEach(function () {
      if (this.currentTest?.state !== 'passed') process.stderr.write(`the terminal showed:\n${pty?.screen}\n`);
      pty?.close();
    });

    it('asks each question, refuses a bad answer with its reason and asks again, and writes tenants/<name>.yaml', async () => {
      pty = new Pty(['init'], dir);
      await pty.waitFor(`1) ${targets['ws1-access'].label} (ws1-access)`);
      await pty.reply(`Target (1-${TARGET_IDS.length}, or its id): `, '1');
      await pty.reply('Tenant name (names the profile and its files): ', 'acme');
      await pty.reply('Tenant URL: ', 'http://acme.vmwareidentity.com');
      await pty.waitFor('✗ baseUrl: "http://acme.vmwareidentity.com" uses plain http; use https');
      await pty.reply('Tenant URL: ', 'https://acme.vmwareidentity.com');
      await pty.reply("Name of the directory of type Other for Okta's users: ", 'Okta Universal Directory');
      await pty.reply("Its domain (Okta's domain attribute carries it): ", 'okta..com');
      await pty.waitFor('✗ directory.domain: "okta..com" is not valid; expected a DNS-style domain');
      await pty.reply("Its domain (Okta's domain attribute carries it): ", 'OKTA.COM');
      await pty.reply('Client id of the admin Service Client Token client: ', 'scimkit-admin');
      await pty.reply('Environment variable holding its secret [ACME_ADMIN_SECRET]: ', '');
      await pty.reply('Client id of the OAuth client for Okta [OktaSCIM]: ', '');
      await pty.reply("Lifetime of Okta's token, in minutes [1576800]: ", '525600');
      await pty.reply(
        "Environment variable that will hold the Okta client's secret (Enter: none): ",
        'ACME_OKTA_SECRET',
      );
      await pty.reply('Media types to send: vendor (the 2018 API), json (the 2025 API) or both [both]: ', '');
      await pty.reply('Prefix of everything a run creates [scimkit]: ', '');
      await pty.waitFor('wrote tenants/acme.yaml');
      assert.equal(await pty.exit, 0, pty.screen);
      const file = path.join(dir, 'tenants', 'acme.yaml');
      const oktaClient = { clientId: 'OktaSCIM', accessTokenTTL: 525600, secretEnv: 'ACME_OKTA_SECRET' };
      assert.deepEqual(await loadTenant(file), parseTenant(ws1Profile({ oktaClient }), 'expected'));
      const generated = await scimkit(['generate', '--tenant', file, '--out', path.join(dir, 'collections')]);
      assert.equal(generated.code, 0, generated.stderr);
    });

    it('takes what flags answer, and stops with one line on Ctrl-C, writing nothing', async () => {
      pty = new Pty(['init', '--target', 'janssen', '--name', 'jans'], dir);
      await pty.waitFor('Tenant URL: ');
      assert.doesNotMatch(pty.screen, /Target|Tenant name/);
      pty.answer('https://jans.example.org');
      await pty.waitFor('Client id of the SCIM client');
      pty.type('\x03');
      await pty.waitFor('scimkit: init: stopped; nothing was written');
      assert.equal(await pty.exit, 2);
      assert.deepEqual(await readdir(dir), []);
    });
  });
});
