import assert from 'node:assert/strict';
import postman from 'postman-collection';
import path from 'node:path';
import { renderCollection, renderForRun, theCleanUpFolder } from '../src/render/collection.js';
import { renderEnvironment } from '../src/render/environment.js';
import { loadDiagnoses, registerDiagnoses } from '../src/render/diagnoses.js';
import { createEngine, renderText } from '../src/render/handlebars.js';
import { declaredLedger, withLedgerVariables } from '../src/render/ledger-variables.js';
import { matrixRows, splitMatrix } from '../src/render/matrix.js';
import { templatesDir } from '../src/paths.js';
import type { Collection, Item } from '../src/render/postman-types.js';
import { loadTenant } from '../src/tenant/load.js';
import { postmanSchemaErrors } from './support/postman-schema.js';
import { ws1Tenant } from './support/tenants.js';

const requests = (collection: Collection): { folder: string; item: Item }[] =>
  collection.item.flatMap((folder) => folder.item.map((item) => ({ folder: folder.name, item })));
const script = (item: Item, listen: 'prerequest' | 'test') =>
  item.event.find((e) => e.listen === listen)?.script.exec.join('\n') ?? '';
const rawBody = (item: Item) => (item.request.body?.mode === 'raw' ? item.request.body.raw : '');
const find = (collection: Collection, name: string) => {
  const found = requests(collection).find((r) => r.item.name === name);
  assert.ok(found, `no request named ${name}`);
  return found.item;
};

const SCOPED_PROFILE = {
  scopedClient: { clientId: 'SCIMClient', secretEnv: 'ACME_SCIM_CLIENT_SECRET' },
  serviceAccount: { userName: 'scim-service', email: 'scim-service@acme.example' },
  scimRole: { name: 'SCIM Service Role' },
};

/** Tenant values that break naive templating: quotes, backslashes, unicode, braces, markup. ("{{" is refused.) */
const TRICKY_NAME = 'Okta "Universal" \\ Directory ✓ 日本 {x} } {y} } <b>&amp;';

describe('rendering the Workspace ONE Access collection', () => {
  let acme: Collection;
  before(async () => {
    acme = await renderCollection(await loadTenant('tenants/examples/acme.yaml'));
  });

  it('validates against the Postman Collection v2.1.0 JSON Schema', async () => {
    assert.deepEqual(postmanSchemaErrors(acme), []);
    assert.deepEqual(
      postmanSchemaErrors(await renderCollection(ws1Tenant({ directory: { name: TRICKY_NAME, domain: 'a.b' } }))),
      [],
    );
  });

  it('loads in the postman-collection SDK with every request intact', () => {
    const sdk = new postman.Collection(acme as never);
    const names: string[] = [];
    sdk.forEachItem((item) => {
      names.push(item.name);
      assert.ok(item.request.url.getHost(), `${item.name} has a host`);
    });
    assert.deepEqual(
      names,
      requests(acme).map((r) => r.item.name),
    );
    assert.equal(sdk.toJSON().item?.length, acme.item.length);
  });

  it('covers every request the documents describe, in their order', () => {
    const sent = requests(acme).map(
      ({ item }) => `${item.request.method} ${item.request.url.raw.replace('{{baseUrl}}', '')}`,
    );
    const expected = [
      'POST /SAAS/auth/oauthtoken', // admin token, client credentials
      'POST /SAAS/jersey/manager/api/oauth2clients', // Okta client
      'GET /SAAS/jersey/manager/api/oauth2clients/{{oktaClientId}}',
      'POST /SAAS/auth/oauthtoken', // Okta bearer token
      'POST /SAAS/jersey/manager/api/connectormanagement/directoryconfigs',
      'GET /SAAS/jersey/manager/api/connectormanagement/directoryconfigs',
      'GET /SAAS/jersey/manager/api/scim/Users?startIndex=1&count=2', // Test API Credentials
      'GET /SAAS/jersey/manager/api/scim/Users?filter={{userFilter}}&startIndex=1&count=100',
      'POST /SAAS/jersey/manager/api/scim/Users',
      'GET /SAAS/jersey/manager/api/scim/Users/{{userId}}',
      'PATCH /SAAS/jersey/manager/api/scim/Users/{{userId}}',
      'POST /SAAS/jersey/manager/api/scim/Groups',
      'PATCH /SAAS/jersey/manager/api/scim/Groups/{{groupId}}',
      'GET /SAAS/jersey/manager/api/scim/Groups/{{groupId}}',
      'DELETE /SAAS/jersey/manager/api/scim/Users/{{userId}}', // the Known Issue's fix
      'DELETE /SAAS/jersey/manager/api/scim/Groups/{{cleanupId}}',
      'DELETE /SAAS/jersey/manager/api/oauth2clients/{{oktaClientId}}',
      'DELETE /SAAS/jersey/manager/api/connectormanagement/directoryconfigs/{{directoryId}}?asyncDelete=true',
    ];
    let cursor = 0;
    for (const request of expected) {
      const at = sent.indexOf(request, cursor);
      assert.ok(at >= 0, `${request} missing, or out of the documents' order`);
      cursor = at;
    }
    assert.deepEqual(
      acme.item.map((f) => f.name),
      [
        'Admin token',
        'OAuth 2.0 client for Okta',
        'Okta bearer token',
        'Directory of type Other',
        'Test API credentials',
        'User lifecycle',
        'Groups',
        'Delete the user',
        'Scoped SCIM token set-up',
        'Scoped SCIM token',
        'Clean up',
      ],
    );
  });

  it('leaves the scoped SCIM token out when the profile does not ask for it', async () => {
    const folders = (await renderCollection(ws1Tenant())).item.map((f) => f.name);
    assert.ok(!folders.some((name) => name.startsWith('Scoped')), folders.join(', '));
    assert.ok(!renderEnvironment(ws1Tenant()).values.some((v) => v.key.startsWith('scoped')));
  });

  it('pre-fills the authorization-code settings of the scoped SCIM token, as the document configures Postman', () => {
    const folder = acme.item.find((f) => f.name === 'Scoped SCIM token');
    assert.equal(folder?.auth?.type, 'oauth2');
    const settings = Object.fromEntries((folder?.auth?.oauth2 ?? []).map((a) => [a.key, a.value]));
    assert.deepEqual(
      { ...settings, tokenName: undefined },
      {
        tokenName: undefined,
        grant_type: 'authorization_code',
        authUrl: '{{baseUrl}}/SAAS/auth/oauth2/authorize',
        accessTokenUrl: '{{baseUrl}}/SAAS/auth/oauthtoken',
        clientId: '{{scopedClientId}}',
        clientSecret: '{{scopedClientSecret}}',
        scope: 'admin',
        redirect_uri: '{{scopedRedirectUri}}',
        useBrowser: true,
        client_authentication: 'header',
        addTokenTo: 'header',
        headerPrefix: 'Bearer',
        accessToken: '{{scopedAccessToken}}',
      },
    );
    const client = JSON.parse(rawBody(find(acme, 'Create the scoped client (User Access Token)')));
    assert.deepEqual(
      [client.authGrantTypes, client.scope, client.redirectUri, client.secret, client.refreshTokenIdleTTL],
      [
        'authorization_code refresh_token',
        'admin user profile',
        '{{scopedRedirectUri}}',
        '{{scopedClientSecret}}',
        5760,
      ],
    );
    const environment = Object.fromEntries(renderEnvironment(ws1Tenant(SCOPED_PROFILE)).values.map((v) => [v.key, v]));
    assert.equal(environment.scopedRedirectUri?.value, 'https://oauth.pstmn.io/v1/callback');
    for (const key of ['scopedClientSecret', 'scopedRefreshToken', 'serviceAccountPassword'])
      assert.deepEqual([environment[key]?.type, environment[key]?.value], ['secret', '']);
  });

  it('gives every request a description naming its document step and checks with pm.test', () => {
    for (const { folder, item } of requests(acme)) {
      assert.match(
        item.request.description ?? '',
        /\*\*[^*]+\*\*/,
        `${folder} / ${item.name}: description names no document step`,
      );
      assert.match(script(item, 'test'), /pm\.test\(/, `${folder} / ${item.name} has no checks`);
    }
  });

  it('gives check names that are unique within each request', () => {
    for (const { item } of requests(acme)) {
      const names = [...script(item, 'test').matchAll(/pm\.test\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
      assert.equal(new Set(names).size, names.length, `${item.name}: ${names.join(', ')}`);
    }
  });

  it("pre-fills Postman's OAuth 2.0 helper as the documents configure it", () => {
    assert.equal(acme.auth.type, 'oauth2');
    const settings = Object.fromEntries((acme.auth.oauth2 ?? []).map((a) => [a.key, a.value]));
    assert.deepEqual(
      { ...settings, tokenName: undefined },
      {
        tokenName: undefined,
        grant_type: 'client_credentials',
        accessTokenUrl: '{{baseUrl}}/SAAS/auth/oauthtoken',
        clientId: '{{adminClientId}}',
        clientSecret: '{{adminClientSecret}}',
        scope: 'admin',
        client_authentication: 'header',
        addTokenTo: 'header',
        headerPrefix: 'Bearer',
        accessToken: '{{adminAccessToken}}',
      },
    );
    const prerequest = acme.event.find((e) => e.listen === 'prerequest')?.script.exec.join('\n') ?? '';
    assert.match(prerequest, /pm\.sendRequest\(/, 'the collection fetches the token itself under Newman');
  });

  it('sends the documented media types and bodies', () => {
    const directory = find(acme, 'Create the directory of type Other');
    assert.deepEqual(
      directory.request.header.find((h) => h.key === 'Content-Type')?.value,
      'application/vnd.vmware.horizon.manager.connector.management.directory.other+json',
    );
    assert.deepEqual(JSON.parse(rawBody(directory)), {
      type: 'OTHER_DIRECTORY',
      domains: ['{{directoryDomain}}'],
      name: '{{directoryName}}',
    });
    // mediaTypes: both (the default) sends a new client as the 2025 API lists it (media-types.test.ts has the rest).
    const client = find(acme, 'Create the Okta client (Service Client Token)');
    assert.equal(client.request.header.find((h) => h.key === 'Content-Type')?.value, 'application/json');
    assert.deepEqual(
      (({ clientId, scope, authGrantTypes, tokenType, accessTokenTTL }) => ({
        clientId,
        scope,
        authGrantTypes,
        tokenType,
        accessTokenTTL,
      }))(JSON.parse(rawBody(client))),
      {
        clientId: '{{oktaClientId}}',
        scope: 'admin',
        authGrantTypes: 'client_credentials',
        tokenType: 'Bearer',
        accessTokenTTL: 1576800,
      },
    );
    const user = JSON.parse(rawBody(find(acme, 'Create the user in the Other directory')));
    assert.deepEqual(user.schemas, ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:workspace:1.0']);
    assert.deepEqual(user['urn:scim:schemas:extension:workspace:1.0'], {
      internalUserType: 'PROVISIONED',
      domain: '{{directoryDomain}}',
    });
    assert.equal(user.emails.length, 1);
    const removal = JSON.parse(rawBody(find(acme, 'Remove the user from the group')));
    assert.equal(removal.members[0].operation, 'delete');
  });

  it('renders tricky tenant values exactly, as valid JSON, and never inside scripts', async () => {
    const tenant = ws1Tenant({ directory: { name: TRICKY_NAME, domain: 'okta.example' } });
    const collection = await renderCollection(tenant);
    const reparsed: Collection = JSON.parse(JSON.stringify(collection));
    // The body names the variable; the collection's pre-request script puts its value in as JSON (see run.test).
    const body = JSON.parse(rawBody(find(reparsed, 'Create the directory of type Other')));
    assert.equal(body.name, '{{directoryName}}');
    const environment = renderEnvironment(tenant);
    assert.equal(environment.values.find((v) => v.key === 'directoryName')?.value, TRICKY_NAME);
    for (const { item } of requests(collection)) {
      for (const listen of ['prerequest', 'test'] as const) {
        assert.ok(
          !script(item, listen).includes('Universal'),
          `${item.name}: a tenant value is inlined in its ${listen} script`,
        );
      }
    }
  });

  it('renders an environment with every secret empty and typed secret', async () => {
    const environment = renderEnvironment(
      ws1Tenant({ oktaClient: { clientId: 'OktaSCIM', accessTokenTTL: 60, secretEnv: 'OKTA_SECRET' } }),
    );
    const byKey = Object.fromEntries(environment.values.map((v) => [v.key, v]));
    assert.deepEqual(Object.keys(byKey).sort(), [
      'adminClientId',
      'adminClientSecret',
      'baseUrl',
      'directoryDomain',
      'directoryName',
      'keepSetup',
      'oktaAccessTokenTTL',
      'oktaClientId',
      'oktaSecretFromAnswer',
      'testPrefix',
    ]);
    assert.equal(byKey.baseUrl?.value, 'https://acme.vmwareidentity.com');
    assert.equal(byKey.keepSetup?.value, 'true', "imported into Postman, the collection builds the documents' set-up");
    assert.deepEqual([byKey.adminClientSecret?.type, byKey.adminClientSecret?.value], ['secret', '']);
    // The Okta client's secret is learned from the create answer in Postman: an empty value here would hide it.
    assert.equal(byKey.oktaSecretFromAnswer?.value, 'true');
    assert.equal(environment._postman_variable_scope, 'environment');
  });

  it('renders the same bytes every time', async () => {
    const tenant = await loadTenant('tenants/examples/acme.yaml');
    assert.equal(JSON.stringify(await renderCollection(tenant)), JSON.stringify(await renderCollection(tenant)));
    assert.equal(JSON.stringify(renderEnvironment(tenant)), JSON.stringify(renderEnvironment(tenant)));
  });
});

describe('what the templates declare about running them', () => {
  it('a ledger whose variables the collection holds once each, and its last folder as the clean-up', async () => {
    for (const file of ['tenants/examples/acme.yaml', 'tenants/examples/janssen.yaml']) {
      const { collection, ledger, cleanUp } = await renderForRun(await loadTenant(file));
      assert.equal(cleanUp, collection.item.at(-1)?.name);
      const keys = collection.variable.map((v) => v.key);
      assert.equal(new Set(keys).size, keys.length, `${file}: a variable twice`);
      const declared = [
        ...Object.values(ledger.kinds).flatMap((k) => [k.created, k.leftover]),
        ...Object.keys(ledger.flags),
        ...ledger.ids,
      ];
      for (const name of declared) assert.ok(keys.includes(name), `${file}: no collection variable ${name}`);
    }
    const acme = await renderForRun(await loadTenant('tenants/examples/acme.yaml'));
    assert.deepEqual(
      [acme.ledger.flags, acme.ledger.ids],
      [{ oktaClientCreatedByRun: 'the Okta client', directoryCreatedByRun: 'the directory' }, ['directoryId']],
    );
  });

  it('refuses a collection without exactly one clean-up folder, or with one that is not last', () => {
    const folders = (...names: string[]) => names.map((name) => ({ name }));
    assert.throws(() => theCleanUpFolder([], folders('Users', 'Clean up'), 'janssen'), /must be exactly one; none is$/);
    assert.throws(
      () => theCleanUpFolder(['Users', 'Clean up'], folders('Users', 'Clean up'), 'janssen'),
      /found Users, Clean up/,
    );
    assert.throws(
      () => theCleanUpFolder(['Users'], folders('Users', 'Clean up'), 'janssen'),
      /Users, must be the last folder/,
    );
    assert.equal(theCleanUpFolder(['Clean up'], folders('Users', 'Clean up'), 'janssen'), 'Clean up');
  });

  it('refuses a ledger variable that the template lists among its variables too', () => {
    const ledger = declaredLedger({ kinds: { user: { created: 'createdUsers', leftover: 'leftoverUsers' } } });
    assert.throws(() => withLedgerVariables({ createdUsers: '[]' }, ledger, 'x'), /createdUsers declared twice/);
    assert.deepEqual(
      withLedgerVariables({ userId: '' }, ledger, 'x').map(([key]) => key),
      [
        'userId',
        'createdUsers',
        'leftoverUsers',
        'pendingCreates',
        'unresolvedCreates',
        'cleanupId',
        'cleanupName',
        'cleanupQuery',
      ],
    );
  });

  it('fails the render of a ledger partial called for a kind or flag the ledger does not declare', async () => {
    const engine = await createEngine([path.join(templatesDir, 'partials')]);
    const ledger = declaredLedger({ kinds: { user: { created: 'createdUsers', leftover: 'leftoverUsers' } } });
    assert.match(renderText(engine, '{{> ledger/add kind="user"}}', { ledger }, 'x'), /get\("createdUsers"\)/);
    assert.throws(
      () => renderText(engine, '{{> ledger/add kind="users"}}', { ledger }, 'x'),
      /declares no kinds\.users\.created/,
    );
    assert.throws(
      () => renderText(engine, '{{> ledger/forget-flag flag="f"}}', { ledger }, 'x'),
      /declares no flags\.f/,
    );
  });

  it("fails the render of a diagnosis, or a place of one, that the target's diagnoses.yaml lacks", async () => {
    const engine = await createEngine([path.join(templatesDir, 'partials')]);
    const answer = { at: ['user-write'], status: 400, message: 'not supported' };
    registerDiagnoses(engine, { 'jit-domain': { document: 'd', answer, cause: 'c {{x}}', fix: 'f' } });
    assert.equal(renderText(engine, '{{json (diagnosis "jit-domain")}}', {}, 'x'), '"cause: c {{x}}; fix: f"');
    assert.throws(() => renderText(engine, '{{diagnosis "jit"}}', {}, 'x'), /diagnoses\.yaml has no jit/);
    const check = renderText(engine, '{{> checks/diagnose name="n" at="user-write"}}', {}, 'x');
    assert.match(check, /"status":400,"message":"not supported"/);
    assert.throws(
      () => renderText(engine, '{{> checks/diagnose name="n" at="group-write"}}', {}, 'x'),
      /has no answer met at group-write/,
    );
    assert.deepEqual(await loadDiagnoses('janssen'), {}, 'a target without a table has none');
    assert.ok(Object.keys(await loadDiagnoses('ws1-access')).length >= 8);
  });

  it('expands a matrix into one request per row of its axes, the first outermost', async () => {
    assert.deepEqual(matrixRows({ scope: ['a', 'b'], refused: [false, true] }, { tenant: {} }, 'x'), [
      { scope: 'a', refused: false },
      { scope: 'a', refused: true },
      { scope: 'b', refused: false },
      { scope: 'b', refused: true },
    ]);
    assert.throws(() => matrixRows({ tenant: [1] }, { tenant: {} }, 'x'), /each: tenant would hide/);
    const parts = splitMatrix({ origin: 'x', source: 'each:\n  a: [1]\n---\nname: "{{a}}"\n' });
    assert.deepEqual(parts, {
      matrix: { origin: 'x', source: 'each:\n  a: [1]' },
      request: { origin: 'x', source: '\n\n\nname: "{{a}}"\n' },
    });
    assert.equal(splitMatrix({ origin: 'x', source: 'name: each\n' }), undefined);
    assert.throws(() => splitMatrix({ origin: 'x', source: 'each:\n  a: [1]\nname: x\n' }), /ends with a line "---"/);
    const enforcement = (await renderCollection(await loadTenant('tenants/examples/janssen.yaml'))).item.find(
      (f) => f.name === 'Scope enforcement',
    );
    assert.deepEqual(
      enforcement?.item.slice(0, 3).map((r) => r.name),
      [
        'users.read: a token with only this scope is accepted',
        'users.read: the same token is refused elsewhere',
        'users.write: a token with only this scope is accepted',
      ],
    );
  });
});
