import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { renderCollection } from '../src/render/collection.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { ws1Tenant } from './support/tenants.js';

const PROFILE = 'tenants/examples/acme.yaml';
const SECRET = 'plan-test-secret-d41d8cd98f00';

describe('scimkit plan', () => {
  // A listener on the URL the plan names: nothing may connect to it.
  let server: Server;
  let connections = 0;
  let url: string;
  before(async () => {
    server = createServer((socket) => (connections++, socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints every request a run would send, with the run-scoped names, secrets masked, sending nothing', async () => {
    const result = await scimkit(['plan', '--tenant', PROFILE, '--base-url', url, '--run-id', 'r9'], {
      ACME_ADMIN_SECRET: SECRET,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(connections, 0);
    const collection = await renderCollection(ws1Tenant());
    for (const folder of collection.item) {
      for (const item of folder.item) assert.ok(result.stdout.includes(`\n  ${item.name}\n`), `${item.name} missing`);
    }
    assert.match(result.stdout, /secret adminClientSecret: from ACME_ADMIN_SECRET \(set\)/);
    assert.match(result.stdout, /Authorization: Basic base64\(scimkit-admin:\*{8}\)/);
    assert.match(result.stdout, /"clientId": "scimkit-r9-okta"/);
    assert.match(result.stdout, /"name": "scimkit-r9 Okta Universal Directory"/);
    assert.match(result.stdout, new RegExp(`GET ${url}/SAAS/jersey/manager/api/scim/Users/\\{\\{userId\\}\\}`));
    assert.match(
      result.stdout,
      /Clean up \(after the rest, whatever ends it: for each id the run recorded, and by name what a create without an answer made\)/,
    );
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET));
  });

  it('--read-only shows tokens and reads only, and what it leaves out', async () => {
    const result = await scimkit(['plan', '--tenant', PROFILE, '--read-only'], {});
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /secret adminClientSecret: from ACME_ADMIN_SECRET \(NOT SET: the run would stop\)/);
    assert.match(
      result.stdout,
      /read-only: folders not run: User lifecycle, Groups, Delete the user, Scoped SCIM token, Clean up/,
    );
    const methods = [...result.stdout.matchAll(/^ {4}(GET|POST|PUT|PATCH|DELETE) (\S+)$/gm)];
    assert.ok(methods.length > 5);
    for (const [, method, target] of methods) {
      assert.ok(method === 'GET' || target!.endsWith('/SAAS/auth/oauthtoken'), `${method} ${target}`);
    }
    assert.match(result.stdout, /oauth2clients\/OktaSCIM\n/, "read-only reads the profile's set-up");
  });

  it('refuses a bad profile or unknown folder with one line and exit 2', async () => {
    assert.ok(isUsageFailure(await scimkit(['plan', '--tenant', 'tenants/nope.yaml'])));
    const folder = await scimkit(['plan', '--tenant', PROFILE, '--folder', 'Users']);
    assert.ok(isUsageFailure(folder));
    assert.match(folder.stderr, /no folder named "Users"/);
  });
});
