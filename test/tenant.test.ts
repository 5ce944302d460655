import assert from 'node:assert/strict';
import { DEFAULT_OKTA_TOKEN_TTL } from '../src/targets/ws1-access/profile.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expandTenantPaths, loadTenant, loadTenants, parseTenant } from '../src/tenant/load.js';
import { UsageError } from '../src/errors.js';
import { ws1Profile, ws1Tenant } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

/** Asserts the profile is refused with one line that contains every fragment. */
function refused(text: string, ...fragments: (string | RegExp)[]) {
  assert.throws(
    () => parseTenant(text, 'tenants/bad.yaml'),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
      assert.ok(!error.message.includes('\n'), `not one line: ${error.message}`);
      assert.ok(error.message.startsWith('tenants/bad.yaml: '), error.message);
      for (const fragment of fragments) {
        if (typeof fragment === 'string')
          assert.ok(error.message.includes(fragment), `"${fragment}" not in: ${error.message}`);
        else assert.match(error.message, fragment);
      }
      return true;
    },
  );
}

/** A profile with a scoped SCIM token, its client overridden by `client`. */
function scopedProfile(client: Record<string, unknown>): string {
  return ws1Profile({
    scopedClient: { clientId: 'SCIMClient', secretEnv: 'S', ...client },
    serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example' },
    scimRole: { name: 'SCIM Service Role' },
  });
}

describe('tenant profiles', () => {
  it('loads the example profiles', async () => {
    const files = await expandTenantPaths(['tenants/examples']);
    assert.deepEqual(files, [
      'tenants/examples/acme.yaml',
      'tenants/examples/globex.yaml',
      'tenants/examples/janssen.yaml',
      'tenants/examples/scim2.yaml',
    ]);
    const globex = await loadTenant('tenants/examples/globex.yaml');
    assert.equal(globex.baseUrl, 'https://globex.workspaceoneaccess.com', 'trailing slash normalized away');
    assert.equal(globex.target === 'ws1-access' && globex.oktaClient.accessTokenTTL, 525600);
    const janssen = await loadTenant('tenants/examples/janssen.yaml');
    assert.deepEqual(
      janssen.target === 'janssen' && [janssen.scopes.length, janssen.userExtension, janssen.bypassIntended],
      [10, 'urn:ietf:params:scim:schemas:extension:gluu:2.0:User', false],
      'Janssen defaults: every scope, the gluu extension, no BYPASS',
    );
  });

  it('fills documented defaults', () => {
    const tenant = ws1Tenant({ oktaClient: undefined, testData: undefined });
    assert.deepEqual(tenant.oktaClient, { clientId: 'OktaSCIM', accessTokenTTL: DEFAULT_OKTA_TOKEN_TTL });
    assert.equal(DEFAULT_OKTA_TOKEN_TTL, 3 * 365 * 24 * 60);
    assert.deepEqual(tenant.testData, { prefix: 'scimkit' });
  });

  it('accepts YAML and JSON alike', () => {
    const yaml =
      'name: acme\ntarget: ws1-access\nbaseUrl: https://acme.vmwareidentity.com\n' +
      'directory: {name: Okta, domain: okta.com}\nadminClient: {clientId: a, secretEnv: A_SECRET}\n';
    assert.deepEqual(parseTenant(yaml, 'a.yaml'), parseTenant(JSON.stringify(parseTenant(yaml, 'a.yaml')), 'a.json'));
  });

  it('refuses malformed YAML', () => refused('name: [acme\n', 'not valid YAML', 'fix the syntax'));
  it('refuses a profile that is not a mapping', () => refused('- acme\n', 'mapping'));
  it('refuses a missing field, naming it', () => {
    refused(ws1Profile({ directory: { name: 'Okta' } }), 'directory.domain is missing', 'DNS-style domain');
    refused(ws1Profile({ adminClient: undefined }), 'adminClient is missing');
  });
  it('refuses a wrong type, naming the field', () =>
    refused(
      ws1Profile({ oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 'forever' } }),
      'oktaClient.accessTokenTTL',
      '"forever"',
      'minutes',
    ));
  it('refuses an unknown target, listing the known ones', () =>
    refused(ws1Profile({ target: 'okta' }), 'target', '"okta"', 'ws1-access'));
  it('refuses a missing target', () => refused(ws1Profile({ target: undefined }), 'target is missing'));
  it('refuses an unknown field', () =>
    refused(ws1Profile({ tennant: 'x' }), 'tennant is not a known field', 'baseUrl'));
  it('refuses a clientId with characters Workspace ONE Access does not allow', () =>
    refused(
      ws1Profile({ adminClient: { clientId: 'okta scim!', secretEnv: 'A' } }),
      'adminClient.clientId',
      '"okta scim!"',
      '"@"',
    ));
  it('refuses a name unsafe for file names', () => refused(ws1Profile({ name: '../acme' }), 'name', 'file names'));
  it('refuses a secret where an environment variable name belongs, without echoing it', () => {
    refused(
      ws1Profile({ adminClient: { clientId: 'a', secretEnv: 's3cr3t-value!' } }),
      'adminClient.secretEnv',
      'environment variable',
    );
    assert.throws(
      () => parseTenant(ws1Profile({ adminClient: { clientId: 'a', secretEnv: 's3cr3t-value!' } }), 'x.yaml'),
      (error: Error) => !error.message.includes('s3cr3t'),
    );
  });
  it('refuses "{{" or "}}" in any value, naming the field: Postman would read them as a variable', () => {
    refused(
      ws1Profile({ directory: { name: 'Okta {{adminClientSecret}} Dir', domain: 'okta.example' } }),
      'directory.name',
      'Postman reads as a variable',
    );
    refused(ws1Profile({ directory: { name: 'Okta }} Dir', domain: 'okta.example' } }), 'directory.name');
    refused(scopedProfile({ redirectUri: 'https://cb.example/{{$guid}}' }), 'scopedClient.redirectUri');
  });
  it('echoes no more than a few dozen characters of a wrong value', () =>
    refused(
      ws1Profile({ baseUrl: `https://${'a'.repeat(300)}.example/path` }),
      /baseUrl: "https:\/\/a{20,40}…" must be/,
    ));
  it('refuses a scoped SCIM token without all three of its parts', () =>
    refused(
      ws1Profile({ scopedClient: { clientId: 'SCIMClient', secretEnv: 'ACME_SCIM_SECRET' } }),
      'serviceAccount and scimRole are missing',
      'together',
    ));
  it('refuses a scoped client redirect URI that is not https', () =>
    refused(
      scopedProfile({ redirectUri: 'http://callback.example/cb' }),
      'scopedClient.redirectUri',
      'https callback URL',
    ));
  it('refuses a refresh-token idle time that is not below its lifetime, as the vendor requires', () =>
    refused(
      scopedProfile({ refreshTokenTTL: 60, refreshTokenIdleTTL: 60 }),
      'scopedClient.refreshTokenIdleTTL',
      'less',
    ));
  it('refuses plain http for a real tenant', () =>
    refused(ws1Profile({ baseUrl: 'http://acme.vmwareidentity.com' }), 'baseUrl', 'plain http', 'use https'));
  it('refuses an unparsable baseUrl', () =>
    refused(ws1Profile({ baseUrl: 'acme dot com' }), 'baseUrl', 'is not a URL'));
  it('refuses a baseUrl with a path', () =>
    refused(ws1Profile({ baseUrl: 'https://acme.vmwareidentity.com/SAAS' }), 'baseUrl', 'no path'));
  it('accepts plain http on loopback, for the simulator', () => {
    assert.equal(ws1Tenant({ baseUrl: 'http://127.0.0.1:8443/' }).baseUrl, 'http://127.0.0.1:8443');
  });
  it('refuses two profiles with the same name, which would write the same files', async () => {
    const dir = await scratchDir('tenants');
    await writeFile(path.join(dir, 'a.yaml'), ws1Profile());
    await writeFile(path.join(dir, 'b.yaml'), ws1Profile({ baseUrl: 'https://other.vmwareidentity.com' }));
    await assert.rejects(
      loadTenants([dir]),
      /b\.yaml: name acme is also the name of .*a\.yaml; tenant names must be unique/,
    );
  });

  it('refuses a profile that is not a regular file, without reading it', async () => {
    const dir = await scratchDir('profile');
    await assert.rejects(loadTenant(dir), /is not a regular file; give a tenant profile/);
    await assert.rejects(loadTenant('/dev/zero'), /\/dev\/zero: is not a regular file/);
  });

  it('names a missing profile file', async () => {
    await assert.rejects(expandTenantPaths(['tenants/none.yaml']), /tenants\/none\.yaml does not exist/);
  });
});
