import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { renderCollection } from '../src/render/collection.js';
import { startWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { loadTenant } from '../src/tenant/load.js';
import { isUsageFailure, scimkit, scimkitProcess } from './support/cli.js';
import { filesIn } from './support/files.js';
import { postmanSchemaErrors } from './support/postman-schema.js';
import { ADMIN, recordIssuedTokens } from './support/sim.js';
import { ws1Profile } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

const temporary = () => scratchDir('cli');

describe('scimkit CLI', () => {
  for (const command of ['generate', 'run', 'plan', 'okta-token', 'sim', 'list', 'cleanup']) {
    it(`${command} --help shows usage and examples`, async () => {
      const result = await scimkit([command, '--help']);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`scimkit ${command}`));
      assert.match(result.stdout, /Examples:/);
    });
  }

  it('bin/scimkit.js runs it: help, and exit codes, from a process of its own', async () => {
    const help = await scimkitProcess(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^scimkit <command> \[options\]/);
    assert.ok(isUsageFailure(await scimkitProcess(['deploy'])));
  });

  it('exits 2 with one line for an unknown command or a missing option', async () => {
    assert.ok(isUsageFailure(await scimkit(['deploy'])));
    assert.ok(isUsageFailure(await scimkit(['run'])));
    assert.ok(isUsageFailure(await scimkit(['run', '--tenant', 'tenants/examples', '--reporters', 'cli,pdf'])));
    assert.ok(isUsageFailure(await scimkit(['run', '--tenant', 'tenants/examples', '--sim', '--sim-defect', 'nope'])));
  });

  it('run --sim passes every check of the example tenants and exits 0 (globex, on workspaceoneaccess.com, warns)', async () => {
    const result = await scimkit(['run', '--tenant', 'tenants/examples', '--sim']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /scimkit run acme/);
    assert.match(result.stdout, /scimkit run globex/);
    assert.match(result.stdout, /checks, (\d+) passed, 0 failed/);
    // One combined summary ends it: a line per tenant, then the totals.
    assert.match(
      result.stdout,
      /\nAll 4 tenants:\n {2}acme +ws1-access +\d+ checks, passed \(exit 0\)\n {2}globex +ws1-access +\d+ checks, passed, 1 warning\(s\) \(exit 0\)\n {2}janssen +janssen +\d+ checks, passed \(exit 0\)\n {2}tailspin +scim2 +\d+ checks, passed \(exit 0\)\n {2}\d+ checks, \d+ passed, 0 failed, 1 warning\(s\); exit 0\n$/,
    );
  });

  it('run --sim-defect breaks the simulators of the profiles whose target has that defect', async () => {
    const result = await scimkit([
      'run',
      '--tenant',
      'tenants/examples/globex.yaml',
      'tenants/examples/janssen.yaml',
      '--sim',
      '--sim-defect',
      'scope-not-enforced',
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stdout,
      /scimkit run globex[^]*0 failed[^]*scimkit run janssen[^]*Failed:\n {2}1\. Scope enforcement/,
    );
    assert.match(
      result.stdout,
      /\n {2}janssen +janssen +\d+ checks, \d+ failed \(exit 1\)\n.*; exit 1\n$/,
      'the worst exit code',
    );
    const none = await scimkit([
      'run',
      '--tenant',
      'tenants/examples/globex.yaml',
      '--sim',
      '--sim-defect',
      'bypass-mode',
    ]);
    assert.ok(isUsageFailure(none));
    assert.match(none.stderr, /bypass-mode breaks the simulator of none of the profiles given/);
  });

  it('run exits 2 with one line when the secret variable is not set, and sends nothing', async () => {
    const result = await scimkit(['run', '--tenant', 'tenants/examples/acme.yaml']);
    assert.ok(isUsageFailure(result), result.stderr);
    assert.match(result.stderr, /ACME_ADMIN_SECRET is not set/);
    assert.equal(result.stdout, '');
  });

  it('run --folder with an unknown folder names the known ones', async () => {
    const result = await scimkit(['run', '--tenant', 'tenants/examples/acme.yaml', '--sim', '--folder', 'Users']);
    assert.ok(isUsageFailure(result));
    assert.match(result.stderr, /no folder named "Users"; use one of: Admin token, .*User lifecycle/);
  });

  it('generate writes a valid collection and an environment without secrets, needs none, and writes nothing else', async () => {
    // From a folder of its own, with no variable set: the examples run keeps no record there, and writes no report.
    const cwd = await temporary();
    const out = path.join(cwd, 'out');
    const result = await scimkitProcess(
      ['generate', '--tenant', path.resolve('tenants/examples/acme.yaml'), '--out', out],
      {},
      cwd,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readdir(cwd), ['out']);
    assert.deepEqual(await readdir(path.join(out, 'acme')), [
      'acme.postman_collection.json',
      'acme.postman_environment.json',
    ]);
    const collection = JSON.parse(await readFile(path.join(out, 'acme', 'acme.postman_collection.json'), 'utf8'));
    assert.deepEqual(postmanSchemaErrors(collection), []);
    const environment = JSON.parse(await readFile(path.join(out, 'acme', 'acme.postman_environment.json'), 'utf8'));
    assert.deepEqual(
      environment.values.filter((v: { type: string }) => v.type === 'secret').map((v: { value: string }) => v.value),
      ['', '', '', ''],
    );
  });

  it('generate writes nothing when one profile of several is bad', async () => {
    const tenants = await temporary();
    const out = await temporary();
    await copyFile('tenants/examples/acme.yaml', path.join(tenants, 'a-good.yaml'));
    await writeFile(path.join(tenants, 'b-bad.yaml'), ws1Profile({ name: 'bad', baseUrl: 'http://bad.example.com' }));
    const result = await scimkit(['generate', '--tenant', tenants, '--out', out]);
    assert.ok(isUsageFailure(result), result.stderr);
    assert.match(result.stderr, /b-bad\.yaml: baseUrl: .*plain http/);
    assert.deepEqual(await readdir(out), []);
  });

  it('list prints every request: folder, name, method, URL', async () => {
    const result = await scimkit(['list', '--tenant', 'tenants/examples/acme.yaml']);
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /^ {2}Directory of type Other \| Create the directory of type Other \| POST \{\{baseUrl\}\}\/SAAS\/jersey\/manager\/api\/connectormanagement\/directoryconfigs$/m,
    );
    const collection = await renderCollection(await loadTenant('tenants/examples/acme.yaml'));
    const requests = collection.item.reduce((count, folder) => count + folder.item.length, 0);
    assert.equal(result.stdout.trim().split('\n').length, 1 + requests);
  });

  it('never prints or writes a secret or a token: not in any output of any command, nor in any file', async () => {
    const secret = 'Known-Admin-Secret-4f9c2a7e';
    const sim = await startWs1AccessSimulator({
      adminClient: { clientId: ADMIN.clientId, secret },
      // A failing run that also leaves a user behind, so that messages and the ledger are written too.
      defects: ['ignore-domain', 'user-delete-fails'],
    });
    const issued = recordIssuedTokens(sim);
    const clientSecrets: string[] = [];
    const { clients } = sim.state;
    const addClient = clients.set.bind(clients);
    clients.set = (id, client) => (clientSecrets.push(client.secret), addClient(id, client));
    try {
      const tenants = await temporary();
      const written = await temporary();
      const dirs = { reports: 'reports', state: 'state', collections: 'collections' };
      const where = (dir: string) => path.join(written, dir);
      await writeFile(
        path.join(tenants, 'acme.yaml'),
        ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }),
      );
      const env = { ACME_ADMIN_SECRET: secret };
      const common = ['--tenant', tenants, '--base-url', sim.url];
      const outputs = [
        await scimkit(
          ['run', ...common, '--reporters', 'cli,junit,json,html', '--report-dir', where(dirs.reports)].concat([
            '--state-dir',
            where(dirs.state),
            '--run-id',
            'leak1',
          ]),
          env,
        ),
        await scimkit(['plan', ...common], env),
        await scimkit(['generate', '--tenant', tenants, '--out', where(dirs.collections)], env),
      ];
      assert.equal(outputs[0]!.code, 1, outputs[0]!.stdout);
      const texts = await filesIn(written); // before the clean-up removes the ledger
      sim.defects.clear();
      outputs.push(
        await scimkit(
          [
            'cleanup',
            '--tenant',
            path.join(tenants, 'acme.yaml'),
            '--run-id',
            'leak1',
            '--state-dir',
            where(dirs.state),
          ],
          env,
        ),
      );
      assert.ok(texts.length >= 3 + 2 + 1, 'reports, collection and environment, and a ledger were written');
      assert.ok(issued.length >= 2 && clientSecrets.length === 1, 'the run obtained tokens and created a client');
      const secrets = [secret, ...clientSecrets, ...issued.map((t) => t.value)];
      const all = [...outputs.flatMap((o) => [o.stdout, o.stderr]), ...texts, ...(await filesIn(written))];
      for (const text of all) {
        for (const value of secrets) assert.ok(!text.includes(value), `a secret leaked: ${value.slice(0, 4)}…`);
      }
    } finally {
      await sim.close();
    }
  });

  it('reads secrets from .env, or the file --dotenv names; a variable already set wins', async () => {
    const sim = await startWs1AccessSimulator({ adminClient: ADMIN });
    try {
      const dir = await temporary();
      const profile = path.join(dir, 'acme.yaml');
      await writeFile(
        profile,
        ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }),
      );
      await writeFile(path.join(dir, '.env'), `# secrets for scimkit\nACME_ADMIN_SECRET="${ADMIN.secret}"\n`);
      const args = ['run', '--tenant', profile, '--base-url', sim.url, '--folder', 'Admin token'];

      // .env is found in the working directory: a process of its own, started there.
      const fromDotEnv = await scimkitProcess(args, {}, dir);
      assert.equal(fromDotEnv.code, 0, fromDotEnv.stdout + fromDotEnv.stderr);
      assert.ok(!fromDotEnv.stdout.includes(ADMIN.secret));
      const overridden = await scimkitProcess(args, { ACME_ADMIN_SECRET: 'set-in-the-shell' }, dir);
      assert.ok(isUsageFailure(overridden), 'the variable set in the environment wins over .env: refused');
      assert.match(
        overridden.stderr,
        /the tenant refused the admin client scimkit-admin: check that ACME_ADMIN_SECRET holds/,
      );

      const named = path.join(dir, 'ci.env');
      await writeFile(named, `ACME_ADMIN_SECRET=${ADMIN.secret}\n`);
      assert.equal((await scimkit([...args, '--dotenv', named])).code, 0);
      const missing = await scimkit([...args, '--dotenv', path.join(dir, 'nope.env')]);
      assert.ok(isUsageFailure(missing));
      assert.match(missing.stderr, /--dotenv: cannot read .*nope\.env \(ENOENT\)/);
    } finally {
      await sim.close();
    }
  });

  it("sim --tenant trusts the profile's admin client, so run --base-url works against it", async () => {
    const env = { PATH: process.env.PATH, ACME_ADMIN_SECRET: 'Sim-Seeded-Secret-123' };
    const profile = path.join(await temporary(), 'acme.yaml');
    await writeFile(profile, ws1Profile());
    const child = spawn(process.execPath, ['bin/scimkit.js', 'sim', '--tenant', profile], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const first = String((await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value);
      const url = /listening on (\S+)/.exec(first)![1]!;
      const result = await scimkit(
        [
          'run',
          '--tenant',
          profile,
          '--base-url',
          url,
          '--folder',
          'Admin token',
          '--folder',
          'Directory of type Other',
        ],
        env,
      );
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const wrong = await scimkit(['run', '--tenant', profile, '--base-url', url], {
        ...env,
        ACME_ADMIN_SECRET: 'not-the-one',
      });
      assert.ok(isUsageFailure(wrong), 'a wrong secret is a configuration error: one line on stderr, exit 2');
      assert.match(wrong.stdout, /Admin token \/ Get an admin token \(client credentials\) \/ status is 200: /);
      assert.match(
        wrong.stderr,
        /^scimkit: acme: the tenant refused the admin client scimkit-admin: check that ACME_ADMIN_SECRET holds its secret.*\(the tenant answered 401\)\n$/,
      );
      assert.doesNotMatch(wrong.stdout, /Okta client|User lifecycle/, 'the run stopped at the refusal');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('sim serves until interrupted, prints its URL and credentials, and refuses non-loopback hosts', async () => {
    assert.ok(isUsageFailure(await scimkit(['sim', '--host', '0.0.0.0'])));
    const child = spawn(process.execPath, ['bin/scimkit.js', 'sim', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = String((await lines.next()).value);
    const second = String((await lines.next()).value);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)![1]!;
    const [, clientId, secret] = /Admin client: (\S+), secret (\S+) \(demo\)/.exec(second)!;
    const answer = await fetch(`${url}/SAAS/auth/oauthtoken`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(answer.status, 200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
