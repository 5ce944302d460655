import assert from 'node:assert/strict';
import { renderCollection } from '../src/render/collection.js';
import type { Item } from '../src/render/postman-types.js';
import type { Ws1AccessDefect } from '../src/sim/ws1-access/defects.js';
import { UsageError } from '../src/errors.js';
import type { MediaTypes } from '../src/targets/ws1-access/profile.js';
import { run, simTenant } from './support/run.js';
import { SCOPED_ENV, scopedTenant, startScopedSimulator } from './support/scoped.js';
import { API, call, CLIENT, token, useSimulator } from './support/sim.js';
import { ws1Tenant } from './support/tenants.js';

const JSON_TYPE = 'application/json';
const STRICT: Ws1AccessDefect[] = ['strict-media-types'];
const OKTA_AND_DIRECTORY = ['OAuth 2.0 client for Okta', 'Okta bearer token', 'Directory of type Other'];

/** A request's headers, by folder and name, as the profile renders them. */
async function headersOf(mediaTypes: MediaTypes, folder: string, request: string): Promise<Record<string, string>> {
  const collection = await renderCollection(simTenant({ mediaTypes }));
  const item = collection.item.find((f) => f.name === folder)?.item.find((i) => i.name === request) as Item;
  assert.ok(item, `${folder} / ${request}`);
  return Object.fromEntries((item.request.header ?? []).map((h) => [h.key, h.value]));
}

describe('Workspace ONE Access media types (mediaTypes: vendor | json | both)', () => {
  describe('the profile setting', () => {
    it('is both unless the profile says otherwise', () => {
      assert.equal(ws1Tenant().mediaTypes, 'both');
      assert.equal(ws1Tenant({ mediaTypes: 'json' }).mediaTypes, 'json');
    });

    it('refuses another value, naming the field and the three it may be', () => {
      assert.throws(
        () => ws1Tenant({ mediaTypes: 'xml' }),
        (error: unknown) =>
          error instanceof UsageError &&
          /^test\.yaml: mediaTypes: "xml" is not valid; expected vendor \(.*\), json \(.*\) or both/.test(
            error.message,
          ),
      );
    });
  });

  describe('what the requests send', () => {
    const CLIENT_FOLDER = 'OAuth 2.0 client for Okta';
    const CREATE_CLIENT = 'Create the Okta client (Service Client Token)';
    const OTHER = 'application/vnd.vmware.horizon.manager.connector.management.directory.other+json';

    it('both: each Accept offers the vendor type and application/json; a new client is sent as JSON', async () => {
      const lookUp = await headersOf('both', CLIENT_FOLDER, 'Look up the Okta client');
      assert.equal(lookUp.Accept, `${CLIENT}, ${JSON_TYPE}`);
      const create = await headersOf('both', CLIENT_FOLDER, CREATE_CLIENT);
      assert.deepEqual(create, { 'Content-Type': JSON_TYPE, Accept: `${CLIENT}, ${JSON_TYPE}` });
    });

    it('vendor and json: one type each, the 2018 API’s or the 2025 API’s', async () => {
      assert.deepEqual(await headersOf('vendor', CLIENT_FOLDER, CREATE_CLIENT), {
        'Content-Type': CLIENT,
        Accept: CLIENT,
      });
      assert.deepEqual(await headersOf('json', CLIENT_FOLDER, CREATE_CLIENT), {
        'Content-Type': JSON_TYPE,
        Accept: JSON_TYPE,
      });
    });

    it('a directory of type Other is always sent in its own media type, which names its type', async () => {
      for (const setting of ['vendor', 'json', 'both'] as const) {
        const create = await headersOf(setting, 'Directory of type Other', 'Create the directory of type Other');
        assert.equal(create['Content-Type'], OTHER, setting);
      }
      const json = await headersOf('json', 'Directory of type Other', 'Create the directory of type Other');
      assert.equal(json.Accept, JSON_TYPE);
    });

    it('SCIM stays application/json whatever the setting (both specs agree)', async () => {
      const scim = await headersOf('vendor', 'Test API credentials', 'List users as Okta does');
      assert.equal(scim.Accept, JSON_TYPE);
    });
  });

  describe('the strict simulator (a tenant on the 2025 API)', () => {
    const sim = useSimulator({ defects: STRICT });
    const client = { clientId: 'media-types', scope: 'admin', authGrantTypes: 'client_credentials' };

    it('answers 406 to an Accept that rules application/json out, and 415 to another Content-Type', async () => {
      const admin = await token(sim.current);
      const byVendor = await call(sim.current, 'GET', `${API}/oauth2clients/nobody`, {
        token: admin,
        headers: { Accept: CLIENT },
      });
      assert.equal(byVendor.status, 406);
      assert.equal(byVendor.body.errors[0].code, 'not.acceptable');
      const refusedJson = await call(sim.current, 'GET', `${API}/oauth2clients`, {
        token: admin,
        headers: { Accept: `${JSON_TYPE};q=0, */*;q=0.1` },
      });
      assert.equal(refusedJson.status, 406);
      const vendorBody = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        contentType: CLIENT,
        body: client,
      });
      assert.equal(vendorBody.status, 415);
      assert.equal(sim.current.state.clients.has(client.clientId), false);
    });

    it('serves an Accept offering both, or none, in application/json; a DELETE whatever its Accept', async () => {
      const admin = await token(sim.current);
      const created = await call(sim.current, 'POST', `${API}/oauth2clients`, {
        token: admin,
        headers: { Accept: `${CLIENT}, ${JSON_TYPE}` },
        body: client,
      });
      assert.equal(created.status, 201);
      assert.equal(created.contentType.split(';')[0], JSON_TYPE);
      const read = await call(sim.current, 'GET', `${API}/oauth2clients/${client.clientId}`, { token: admin });
      assert.equal(read.status, 200);
      const gone = await call(sim.current, 'DELETE', `${API}/oauth2clients/${client.clientId}`, {
        token: admin,
        headers: { Accept: CLIENT },
      });
      assert.equal(gone.status, 204);
    });
  });

  describe('runs', () => {
    async function runAgainst(mediaTypes: MediaTypes, defects: Ws1AccessDefect[], folders?: string[]) {
      const sim = await startScopedSimulator({ defects });
      try {
        return await run(scopedTenant({ mediaTypes }), { baseUrl: sim.url, env: SCOPED_ENV, folders });
      } finally {
        await sim.close();
      }
    }

    it('both passes against the strict simulator, every folder', async () => {
      const result = await runAgainst('both', STRICT);
      assert.equal(result.exitCode, 0, result.output);
    });

    it('json passes against the strict simulator, every folder', async () => {
      const result = await runAgainst('json', STRICT);
      assert.equal(result.exitCode, 0, result.output);
    });

    it('both and vendor pass against the default simulator (a tenant on the 2018 API)', async () => {
      for (const setting of ['both', 'vendor'] as const) {
        const result = await runAgainst(setting, [], OKTA_AND_DIRECTORY);
        assert.equal(result.exitCode, 0, `${setting}: ${result.output}`);
      }
    });

    it('vendor against the strict simulator fails the statuses that met 406 and 415, not the Content-Type checks', async () => {
      const result = await runAgainst('vendor', STRICT, ['OAuth 2.0 client for Okta']);
      assert.equal(result.exitCode, 1, result.output);
      assert.deepEqual(result.failedChecks, [
        'OAuth 2.0 client for Okta / Look up the Okta client / status is 200 or 404',
        'OAuth 2.0 client for Okta / Create the Okta client (Service Client Token) / status is 201',
        'OAuth 2.0 client for Okta / Read the Okta client back / status is 200',
      ]);
      assert.match(result.output, /status is 200 or 404: expected 406/);
    });

    describe('against a tenant answering application/json to any Accept (KB 6000953)', () => {
      const sim = useSimulator({ ws1Access: { jsonMediaTypes: true } });

      it('vendor fails the Content-Type checks: the answers are in a type the requests did not offer', async () => {
        const result = await run(simTenant({ mediaTypes: 'vendor' }), {
          baseUrl: sim.current.url,
          folders: OKTA_AND_DIRECTORY,
        });
        assert.equal(result.exitCode, 1, result.output);
        assert.deepEqual(result.failedChecks, [
          'OAuth 2.0 client for Okta / Create the Okta client (Service Client Token) / Content-Type is the oauth2client media type',
          'OAuth 2.0 client for Okta / Read the Okta client back / Content-Type is an oauth2client media type',
          'Directory of type Other / Find the directory by name / Content-Type is the directory list media type',
        ]);
      });
    });
  });
});
