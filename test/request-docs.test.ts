import assert from 'node:assert/strict';
import { checkNames } from '../src/render/check-names.js';
import { renderForRun } from '../src/render/collection.js';
import { checkedExamples, exampleRequestName } from '../src/render/example-requests.js';
import { requestDocumentation } from '../src/render/request-docs.js';
import type { FolderTemplate, RequestTemplate } from '../src/render/template-schema.js';
import { loadTenant } from '../src/tenant/load.js';

const template = (changes: Partial<RequestTemplate> = {}): RequestTemplate => ({
  name: 'Create the user',
  description: 'Implements **Create Users**.',
  request: { method: 'POST', url: '{{baseUrl}}/Users' },
  test: "pm.test('status is 201', function () {});\nwhenSuccessful('Location header points to the new user', f);",
  ...changes,
});
const folder: FolderTemplate = { name: 'Users', description: 'Users.', whenItFails: 'A **401**: the token.' };

describe("a request's documentation, on the request", () => {
  it('names the checks its scripts make, literals as they are and computed parts as "…", in order', () => {
    const script = [
      "pm.test('status is 201', function () {",
      'whenSuccessful("a \\"quoted\\" name", function () {',
      "whenSuccessful('accessTokenTTL is the configured ' + pm.variables.get('ttl') + ' minutes', function () {",
      "whenRedirected('the redirect goes to the client\\'s redirect URI', function () {",
      'pm.test(name, function () {',
      'pm.test.skip("skipped: no device", function () {});',
    ].join('\n');
    assert.deepEqual(checkNames(script), [
      'status is 201',
      'a "quoted" name',
      'accessTokenTTL is the configured … minutes',
      "the redirect goes to the client's redirect URI",
    ]);
  });

  it('says what the request does, its checks with their levels, and what to do when it fails', () => {
    const levels = { request: 'MUST' as const, byCheck: new Map([['status is 201', 'SHOULD' as const]]) };
    const docs = requestDocumentation(template({ requires: ['oktaAccessToken'] }), folder, { levels }, 'x');
    assert.equal(
      docs,
      [
        'Implements **Create Users**.',
        '**Checks**\n- status is 201 (SHOULD)\n- Location header points to the new user (MUST)',
        '**When it fails**',
        'A **401**: the token.',
        'It needs `oktaAccessToken`, set by the requests before it: when one of those failed, this one is skipped and ' +
          '*prerequisites are set* fails. Fix the first request above it that failed, then run this one again.',
      ].join('\n\n'),
    );
  });

  it('names the clients that depend on each check, "no client" when none does', () => {
    const clients = { request: ['okta' as const], byCheck: new Map([['status is 201', ['okta', 'entra'] as const]]) };
    const docs = requestDocumentation(template(), folder, { clients }, 'x');
    assert.match(
      docs,
      /\n- status is 201 \(MUST; okta, entra\)\n- Location header points to the new user \(MUST; okta\)\n/,
    );
    const none = { request: [], byCheck: new Map() };
    assert.match(requestDocumentation(template(), folder, { clients: none }, 'x'), /\(MUST; no client\)/);
  });

  it("takes the request's own whenItFails over its folder's, and refuses a request that has neither", () => {
    assert.match(requestDocumentation(template({ whenItFails: 'A 409: it exists.' }), folder, {}, 'x'), /409/);
    assert.throws(
      () => requestDocumentation(template(), { ...folder, whenItFails: undefined }, {}, 'users/02-create.yaml.hbs'),
      /users\/02-create\.yaml\.hbs: Create the user does not say what to do when it fails: give it whenItFails/,
    );
  });

  it('refuses two examples of one name', () => {
    const example = { name: 'A wrong secret', given: { secret: 'x' }, status: 401 };
    assert.throws(
      () => checkedExamples([example, { ...example, status: 400 }], 'x'),
      /two examples named A wrong secret/,
    );
  });

  it('follows, in the examples run only, each request with a copy per example: its values first, none of its checks', async () => {
    const tenant = await loadTenant('tenants/examples/globex.yaml');
    const plain = await renderForRun(tenant);
    const withCopies = await renderForRun(tenant, { exampleRequests: true });
    const folder = (rendered: typeof plain) => rendered.collection.item.find((f) => f.name === 'Okta bearer token')!;
    const [declared] = plain.examples.get('Okta bearer token / Get the Okta bearer token')!;
    assert.deepEqual(
      folder(withCopies).item.map((i) => i.name),
      ['Get the Okta bearer token', exampleRequestName('Get the Okta bearer token', declared!.name)],
    );
    assert.deepEqual(
      folder(plain).item.map((i) => i.name),
      ['Get the Okta bearer token'],
    );
    const [own, copy] = folder(withCopies).item;
    const script = (listen: string) => copy!.event.find((e) => e.listen === listen)!.script.exec.join('\n');
    assert.ok(
      script('prerequest').indexOf('"oktaClientSecret":"not-the-client-secret"') <
        script('prerequest').indexOf('prerequisites are set'),
    );
    assert.doesNotMatch(script('test'), /pm\.test\(/);
    assert.deepEqual(copy!.request, own!.request);
  });
});
