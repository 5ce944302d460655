import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { renderCollection } from '../src/render/collection.js';
import { renderEnvironment } from '../src/render/environment.js';
import { runTenant, type RunOptions } from '../src/run/run-tenant.js';
import { genericScim2Defects, type GenericScim2Defect } from '../src/sim/generic-scim2/defects.js';
import type { GenericAuth } from '../src/sim/generic-scim2/state.js';
import type { Scim2Tenant } from '../src/targets/index.js';
import type { GenericScim2Options } from '../src/sim/generic-scim2/context.js';
import { extensionSchema } from '../src/sim/generic-scim2/extensions.js';
import { startScim2Simulator, type RunningScim2Simulator } from '../src/targets/scim2/simulator.js';
import { parseTenant } from '../src/tenant/load.js';
import { inBackground } from './support/background.js';
import { Capture } from './support/capture.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { postmanSchemaErrors } from './support/postman-schema.js';
import { scim2Controls as controls, ENTERPRISE } from './controls/scim2.js';

const TOKEN = 'tailspin-scim-token-7c1e9a';
const PASSWORD = 'tailspin-scim-password-3f0b';
const SECRET = 'tailspin-client-secret-92d4';
const BEARER = { type: 'bearer', tokenEnv: 'TAILSPIN_SCIM_TOKEN' };
const ENV = { TAILSPIN_SCIM_TOKEN: TOKEN, TAILSPIN_SCIM_PASSWORD: PASSWORD, TAILSPIN_SCIM_CLIENT_SECRET: SECRET };

function scim2Tenant(changes: Record<string, unknown> = {}): Scim2Tenant {
  const profile = {
    name: 'tailspin',
    target: 'scim2',
    baseUrl: 'https://scim.tailspin.example/api/scim/v2',
    auth: BEARER,
    ...changes,
  };
  return parseTenant(JSON.stringify(profile), 'tailspin.yaml') as Scim2Tenant;
}

/** A profile of the service run against, by its auth: what `scimkit run` loads. */
const BASIC = { type: 'basic', username: 'scimkit', passwordEnv: 'TAILSPIN_SCIM_PASSWORD' };
const OAUTH2 = {
  type: 'oauth2-client-credentials',
  tokenUrl: 'https://scim.tailspin.example/oauth/token',
  clientId: 'scimkit-client',
  secretEnv: 'TAILSPIN_SCIM_CLIENT_SECRET',
  scope: 'scim.read scim.write',
};

/**
 * Runs a profile against a generic simulator started here (under the profile's path, with its extensions), so a
 * test can break it. What is left counts what the run created: not the user of its credentials, whom /Me answers.
 */
async function runAgainst(
  tenant: Scim2Tenant,
  sim: { defects?: GenericScim2Defect[]; auth?: GenericAuth; scim2?: GenericScim2Options } = {},
  options: RunOptions = {},
) {
  const server = await startScim2Simulator({
    auth: sim.auth ?? { type: 'bearer', token: TOKEN },
    defects: sim.defects,
    scim2: {
      basePath: new URL(tenant.baseUrl).pathname,
      extensions: tenant.extensions.map(extensionSchema),
      ...sim.scim2,
    },
  });
  const out = new Capture();
  try {
    // Ledgers of runs that leave something behind go to a scratch folder, not the checkout's .scimkit/.
    const stateDir = await mkdtemp(path.join(tmpdir(), 'scimkit-state-'));
    const result = await runTenant(tenant, { baseUrl: server.url, env: ENV, stateDir, ...options, report: { out } });
    return {
      ...result,
      output: out.text,
      failedChecks: result.totals.failures.map((f) => f.check),
      left: server.state.users.size - (server.state.subject ? 1 : 0) + server.state.groups.size,
    };
  } finally {
    await server.close();
  }
}

describe('the scim2 target: any SCIM 2.0 service', () => {
  describe('its profile', () => {
    it('takes the smallest profile, and keeps the path of its SCIM root', () => {
      const tenant = scim2Tenant({ baseUrl: 'https://scim.tailspin.example/api/scim/v2/' });
      assert.equal(tenant.baseUrl, 'https://scim.tailspin.example/api/scim/v2');
      assert.deepEqual([tenant.matchAttribute, tenant.supports, tenant.testData.prefix], ['userName', {}, 'scimkit']);
    });

    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ['a field its auth type lacks', { auth: { type: 'basic', username: 'u' } }, /auth\.passwordEnv is missing/],
      [
        "another auth type's field",
        { auth: { ...BEARER, clientId: 'x' } },
        /auth\.clientId is not a field of auth type bearer; remove it \(that type takes tokenEnv\)/,
      ],
      [
        'an unknown auth type',
        { auth: { type: 'digest' } },
        /auth\.type: "digest" is not valid; expected bearer, basic/,
      ],
      [
        'a token URL on another origin, not trusted',
        { auth: { ...OAUTH2, tokenUrl: 'https://login.tailspin.example/oauth/token' } },
        /auth\.tokenUrl: .* is on another origin than baseUrl \(https:\/\/scim\.tailspin\.example\).*set auth\.trustTokenOrigin: true/,
      ],
      [
        'a token URL over plain http',
        { auth: { ...OAUTH2, tokenUrl: 'http://scim.tailspin.example/t' } },
        /plain http/,
      ],
      ['a SCIM root with a query', { baseUrl: 'https://scim.tailspin.example/scim/v2?x=1' }, /no query, fragment/],
      ['a feature that is no boolean', { supports: { patch: 'yes' } }, /supports\.patch: "yes" is not valid/],
      [
        'an extension that is no URN',
        { extensions: [{ schema: 'enterprise', attributes: { costCenter: '1' } }] },
        /extensions\.0\.schema: "enterprise" is not valid; expected the URN of the extension's schema/,
      ],
      [
        'a core schema as an extension',
        { extensions: [{ schema: 'urn:ietf:params:scim:schemas:core:2.0:Group', attributes: { a: '1' } }] },
        /extensions\.0\.schema: .* is a core schema, not an extension/,
      ],
      [
        'an extension listed twice',
        { extensions: [ENTERPRISE, { ...ENTERPRISE, schema: ENTERPRISE.schema.toUpperCase() }] },
        /extensions\.1\.schema: .* is listed twice/,
      ],
      [
        'an extension attribute that is no simple value',
        { extensions: [{ ...ENTERPRISE, attributes: { manager: { value: 'x' } } }] },
        /extensions\.0\.attributes\.manager: .* is not valid; give a string, number or boolean/,
      ],
      [
        'an extension attribute name SCIM does not take',
        { extensions: [{ ...ENTERPRISE, attributes: { 'cost center': 'x' } }] },
        /extensions\.0\.attributes: "cost center" is not valid; expected an attribute name/,
      ],
    ];
    for (const [what, changes, message] of refusals) {
      it(`refuses ${what}, naming the field`, () => {
        assert.throws(() => scim2Tenant(changes), message);
      });
    }

    it('takes a token URL on another origin when the profile trusts it', () => {
      const auth = { ...OAUTH2, tokenUrl: 'https://login.tailspin.example/oauth/token', trustTokenOrigin: true };
      assert.equal(scim2Tenant({ auth }).auth.tokenUrl, auth.tokenUrl);
    });

    it('keeps the path of --base-url for a scim2 profile, and refuses one for a Workspace ONE Access profile', async () => {
      const plan = await scimkit(
        ['plan', '--tenant', 'tenants/examples/scim2.yaml', '--base-url', 'http://127.0.0.1:8443/other/scim/'],
        ENV,
      );
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /GET http:\/\/127\.0\.0\.1:8443\/other\/scim\/ServiceProviderConfig/);
      const ws1 = await scimkit(
        ['plan', '--tenant', 'tenants/examples/acme.yaml', '--base-url', 'https://acme.example/path'],
        {},
      );
      assert.ok(isUsageFailure(ws1), ws1.stderr);
      assert.match(ws1.stderr, /--base-url: .* must be the tenant's address only/);
    });
  });

  describe('scimkit init', () => {
    it('asks only for what the auth type chosen needs, and writes a profile that loads', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'scimkit-init-'));
      const file = path.join(dir, 'tailspin.yaml');
      const flags = ['--target', 'scim2', '--name', 'tailspin', '--url', 'https://scim.tailspin.example/scim/v2'];
      const written = await scimkit(['init', ...flags, '--auth', 'basic', '--username', 'scimkit', '--out', file]);
      assert.equal(written.code, 0, written.stderr);
      const tenant = parseTenant(await readFile(file, 'utf8'), file) as Scim2Tenant;
      assert.deepEqual(tenant.auth, { type: 'basic', username: 'scimkit', passwordEnv: 'TAILSPIN_SCIM_PASSWORD' });
      const stray = await scimkit(['init', ...flags, '--auth', 'basic', '--token-env', 'X', '--out', `${file}.2`]);
      assert.ok(isUsageFailure(stray), stray.stderr);
      assert.match(stray.stderr, /--token-env: not asked with the answers given; remove it/);
    });
  });

  it('renders a valid collection for each auth type, its secret in the environment only, empty', async () => {
    for (const [auth, secretKey, authType] of [
      [BEARER, 'bearerToken', 'bearer'],
      [BASIC, 'basicPassword', 'basic'],
      [OAUTH2, 'clientSecret', 'oauth2'],
    ] as const) {
      const tenant = scim2Tenant({ auth });
      const collection = await renderCollection(tenant);
      assert.deepEqual(postmanSchemaErrors(collection), []);
      assert.equal(collection.auth?.type, authType);
      const hasToken = collection.item.some((folder) => folder.name === 'Token (RFC 6749 §4.4)');
      assert.equal(hasToken, authType === 'oauth2', 'the Token folder only for the client-credentials grant');
      const names = collection.item.flatMap((folder) => ('item' in folder ? folder.item : []).map((i) => i.name));
      assert.ok(
        !names.some((name) => /its extension|the extension schema/.test(name)),
        'no extension listed, none checked',
      );
      const values = renderEnvironment(tenant).values;
      assert.deepEqual(
        values.filter((v) => v.type === 'secret').map((v) => [v.key, v.value]),
        [[secretKey, '']],
      );
    }
  });

  it('`scimkit run --tenant tenants/examples/scim2.yaml --sim` passes every check, announcing what it discovered', async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'scimkit-state-'));
    const result = await scimkit(
      ['run', '--tenant', 'tenants/examples/scim2.yaml', '--sim', '--state-dir', stateDir],
      {},
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, / 0 failed\b/);
    assert.doesNotMatch(result.stdout, /warning/);
    for (const line of ['PATCH: supported (ServiceProviderConfig)', 'groups: supported (ResourceTypes)'])
      assert.ok(result.stdout.includes(`· ${line}`), line);
    // What the run deleted itself leaves the clean-up the second user, the managers of the Entra ID replay and the
    // bulk request's user and group, and nothing to look up.
    const skipped = result.stdout.match(/^ {2}- .* \(skipped\)$/gm) ?? [];
    assert.deepEqual(
      skipped.map((line) => line.trim()),
      [
        '- Find the users this run created without an answer (skipped)',
        '- Find the groups this run created without an answer (skipped)',
      ],
    );
  });

  it('passes with HTTP Basic, and with a token of the client-credentials grant, under a SCIM root with a path', async () => {
    const folders = ['Authentication (RFC 7644 §2)', 'Creating users (RFC 7644 §3.3)'];
    const basic = await runAgainst(
      scim2Tenant({ auth: BASIC }),
      { auth: { type: 'basic', username: 'scimkit', password: PASSWORD } },
      { folders },
    );
    assert.equal(basic.exitCode, 0, basic.output);
    const oauth = await runAgainst(
      scim2Tenant({ auth: OAUTH2 }),
      {
        auth: {
          type: 'oauth2-client-credentials',
          tokenPath: '/oauth/token',
          clientId: OAUTH2.clientId,
          secret: SECRET,
        },
      },
      { folders: ['Token (RFC 6749 §4.4)', ...folders] },
    );
    assert.equal(oauth.exitCode, 0, oauth.output);
    assert.match(
      oauth.output,
      /Get a token with the client credentials\n {4}POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token/,
    );
    assert.equal(basic.left + oauth.left, 0, 'the clean-up deleted what the runs created');
  });

  it('stops at once, with the cause, when the token URL refuses the client', async () => {
    const result = await runAgainst(scim2Tenant({ auth: OAUTH2 }), {
      auth: { type: 'oauth2-client-credentials', tokenPath: '/oauth/token', clientId: OAUTH2.clientId, secret: 'x' },
    });
    assert.equal(result.exitCode, 2);
    assert.match(
      result.totals.error ?? '',
      /the token URL refused the client scimkit-client: check that TAILSPIN_SCIM_CLIENT_SECRET holds its secret.*\(the tenant answered 401\)/,
    );
  });

  it('stops at once when the service refuses the bearer token', async () => {
    const result = await runAgainst(scim2Tenant(), { auth: { type: 'bearer', token: 'another-token-entirely' } });
    assert.equal(result.exitCode, 2);
    assert.match(
      result.totals.error ?? '',
      /the service refused the credentials: check that TAILSPIN_SCIM_TOKEN holds/,
    );
  });

  describe('a token URL on another origin', () => {
    let server: RunningScim2Simulator;
    let issuer: ReturnType<ReturnType<typeof express>['listen']>;
    let issuerUrl: string;
    before(async () => {
      server = await startScim2Simulator({
        auth: { type: 'oauth2-client-credentials', tokenPath: '/not-here', clientId: 'c', secret: 'c' },
        scim2: { basePath: '/scim/v2' },
      });
      // An authorization server of its own (another port: another origin) issuing tokens the service accepts.
      const app = express();
      app.post('/token', (_req, res) => {
        server.state.tokens.set('token-from-the-issuer', { expiresAt: Date.now() + 3_600_000 });
        res.json({ access_token: 'token-from-the-issuer', token_type: 'Bearer', expires_in: 3600 });
      });
      issuer = app.listen(0, '127.0.0.1');
      await once(issuer, 'listening');
      issuerUrl = `http://localhost:${(issuer.address() as AddressInfo).port}/token`;
    });
    after(async () => {
      issuer.close();
      await server.close();
    });

    it('is sent to when the profile trusts it, and the service answers that token', async () => {
      const auth = { ...OAUTH2, tokenUrl: issuerUrl, trustTokenOrigin: true };
      const tenant = scim2Tenant({ baseUrl: 'http://127.0.0.1:1/scim/v2', auth });
      const out = new Capture();
      const result = await runTenant(tenant, {
        baseUrl: server.url,
        env: ENV,
        folders: ['Token (RFC 6749 §4.4)', 'Authentication (RFC 7644 §2)'],
        report: { out },
      });
      assert.equal(result.exitCode, 0, out.text);
      assert.match(out.text, new RegExp(`POST ${issuerUrl.replace(/[/.]/g, '\\$&')}`));
    });
  });

  it('--read-only sends only what changes nothing, and leaves out the reads of what other folders create', async () => {
    const result = await runAgainst(scim2Tenant(), {}, { mode: 'read-only' });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(
      result.output,
      /folders not run: Creating users \(RFC 7644 §3\.3\), Retrieving users \(RFC 7644 §3\.4\)/,
    );
    assert.match(result.output, /\nMedia types \(RFC 7644 §3\.8\)\n/);
  });

  it('skips what the profile says the service does not support, and says so', async () => {
    const result = await runAgainst(
      scim2Tenant({ supports: { patch: false, groups: false } }),
      {},
      { folders: ['Discovery (RFC 7644 §4)', 'Modifying users with PATCH (RFC 7644 §3.5.2)'] },
    );
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /· PATCH: not supported \(the profile says so\)/);
    assert.match(result.output, /· groups: not supported \(the profile says so\)/);
    assert.match(result.output, /- Get the Group schema by id \(skipped\)/);
    assert.match(result.output, /- Deactivate the user as Okta does \(no path\) \(skipped\)/);
  });

  it('expects 501 from /Me where the service has none, and skips the ETag checks where it has no versions', async () => {
    const folders = [
      'Discovery (RFC 7644 §4)',
      'Creating users (RFC 7644 §3.3)',
      'Versioning resources with ETags (RFC 7644 §3.14)',
      'The authenticated subject, /Me (RFC 7644 §3.11)',
    ];
    const unsaid = await runAgainst(scim2Tenant(), { scim2: { etag: false, me: false } }, { folders });
    assert.equal(unsaid.exitCode, 0, unsaid.output);
    assert.match(unsaid.output, /· ETags: not supported \(ServiceProviderConfig\)/);
    assert.match(unsaid.output, /- Get the user with its version \(ETag\) \(skipped\)/);
    assert.match(unsaid.output, /GET http:\S+\/Me {2}501 Not Implemented[^]*· \/Me: not supported \(answered 501\)/);
    // The profile says the service has /Me: a 501 then misses it (a SHOULD: a warning).
    const said = await runAgainst(
      scim2Tenant({ supports: { me: true } }),
      { scim2: { me: false } },
      { folders: folders.slice(-1) },
    );
    assert.equal(said.exitCode, 0, said.output);
    assert.deepEqual(
      said.totals.warnings.map((w) => w.check),
      [
        'The authenticated subject, /Me (RFC 7644 §3.11) / Get the authenticated subject (/Me) / status is 200 or 308 (supported), or 501 (not supported)',
      ],
    );
  });

  it("leaves the Entra ID replay's manager out when the profile says the service has no Enterprise User extension", async () => {
    const result = await runAgainst(
      scim2Tenant({ supports: { enterpriseUser: false } }),
      {},
      { folders: ['Discovery (RFC 7644 §4)', 'Entra ID replay (Microsoft Entra provisioning)'] },
    );
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /· Enterprise User extension: not supported \(the profile says so\)/);
    assert.match(result.output, /- Add the manager \(Add\) \(skipped\)/);
    assert.match(result.output, /- Remove the manager \(Remove\) \(skipped\)/);
    assert.equal(result.left, 0, 'the clean-up deleted what the run created');
  });

  describe('negative controls: a simulator broken on purpose makes the run fail (or warn), naming the check', () => {
    let outcome: (defect: GenericScim2Defect) => ReturnType<typeof runAgainst>;
    before(() => {
      outcome = inBackground(
        Object.keys(controls) as GenericScim2Defect[],
        (defect) =>
          runAgainst(
            scim2Tenant(controls[defect].profile),
            { defects: [defect] },
            { folders: controls[defect].folders },
          ),
        3,
      );
    });

    for (const [defect, { caughtBy, level }] of Object.entries(controls)) {
      it(`${genericScim2Defects[defect as GenericScim2Defect]}`, async () => {
        const result = await outcome(defect as GenericScim2Defect);
        assert.equal(result.exitCode, level === 'SHOULD' ? 0 : 1, result.output);
        const caught = level === 'SHOULD' ? result.totals.warnings.map((w) => w.check) : result.failedChecks;
        for (const check of caughtBy)
          assert.ok(caught.includes(check), `"${check}" did not fail: ${caught.join('; ')}`);
        if (defect !== 'delete-keeps-resource')
          assert.equal(result.left, 0, 'the clean-up deleted what the run created');
      });
    }
  });
});
