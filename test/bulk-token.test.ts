import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../src/errors.js';
import { BulkAuthorization } from '../src/run/bulk/token.js';
import { TenantTransport } from '../src/run/transport.js';
import type { BulkAuth } from '../src/targets/bulk-shape.js';

/** A token endpoint handing out token-1, token-2, … living `expiresIn` seconds; `refuseFrom`: the first refused. */
async function tokenEndpoint(expiresIn: number | undefined, refuseFrom = Infinity) {
  let asked = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    asked += 1;
    if (asked >= refuseFrom) return void res.writeHead(401).end();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ access_token: `token-${asked}`, token_type: 'Bearer', expires_in: expiresIn }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const transport = new TenantTransport({ origins: [origin], deadlineMs: 5000, maxBytes: 65536 });
  const auth: BulkAuth = {
    tokenRequest: { method: 'POST', url: `${origin}/token`, headers: {}, body: 'grant_type=client_credentials' },
    refusal: 'the token endpoint refused the client',
  };
  return {
    transport,
    auth,
    asked: () => asked,
    close: () => {
      transport.stop('test over');
      server.close();
    },
  };
}

describe('bulk runs: the access token, renewed as it expires', () => {
  let endpoint: Awaited<ReturnType<typeof tokenEndpoint>> | undefined;
  afterEach(() => endpoint?.close());

  it('is asked for again a tenth of its life before it expires (at most a minute), once for every waiting request', async () => {
    endpoint = await tokenEndpoint(300);
    let now = 1_000_000;
    const auth = await BulkAuthorization.open(endpoint.transport, endpoint.auth, { now: () => now });
    assert.equal(await auth.header(), 'Bearer token-1');
    now += 269_999;
    assert.equal(await auth.header(), 'Bearer token-1');
    now += 1;
    const waiting = await Promise.all([auth.header(), auth.header(), auth.header()]);
    assert.deepEqual(waiting, ['Bearer token-2', 'Bearer token-2', 'Bearer token-2']);
    assert.equal(endpoint.asked(), 2);
  });

  it('without expires_in, is kept until the tenant refuses it', async () => {
    endpoint = await tokenEndpoint(undefined);
    let now = 0;
    const auth = await BulkAuthorization.open(endpoint.transport, endpoint.auth, { now: () => now });
    now = 10 * 86_400_000;
    assert.equal(await auth.header(), 'Bearer token-1');
    assert.equal(await auth.afterAnswer('Bearer token-1', 200), undefined);
    assert.equal(await auth.afterAnswer('Bearer token-1', 401), 'Bearer token-2');
    // A request refused with the old token while another renewed it: sent again with the new one, no third ask.
    assert.equal(await auth.afterAnswer('Bearer token-1', 401), 'Bearer token-2');
    assert.equal(endpoint.asked(), 2);
  });

  it('a token the tenant never took is not renewed for its refusal; a status not meaning expired renews nothing', async () => {
    endpoint = await tokenEndpoint(3600);
    const auth = await BulkAuthorization.open(endpoint.transport, endpoint.auth);
    assert.equal(await auth.afterAnswer('Bearer token-1', 401), undefined);
    assert.equal(await auth.afterAnswer('Bearer token-1', 201), undefined);
    assert.equal(
      await auth.afterAnswer('Bearer token-1', 403),
      undefined,
      '403 is not expiry unless the target says so',
    );
    assert.equal(await auth.afterAnswer('Bearer token-1', 401), 'Bearer token-2');
    assert.equal(await auth.afterAnswer('Bearer token-2', 401), undefined, 'refused before it was ever taken');
    assert.equal(endpoint.asked(), 2);
  });

  it('a renewal the token endpoint refuses is the run’s usage error, naming what to check', async () => {
    endpoint = await tokenEndpoint(3600, 2);
    const auth = await BulkAuthorization.open(endpoint.transport, endpoint.auth);
    await auth.afterAnswer('Bearer token-1', 200);
    await assert.rejects(auth.afterAnswer('Bearer token-1', 401), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, 'the token endpoint refused the client');
      return true;
    });
  });

  it('credentials the profile gives (no token endpoint) are never renewed', async () => {
    const transport = new TenantTransport({ origins: ['http://127.0.0.1:1'], deadlineMs: 1000, maxBytes: 1024 });
    const auth = await BulkAuthorization.open(transport, { header: 'Bearer static' });
    assert.equal(await auth.header(), 'Bearer static');
    assert.equal(await auth.afterAnswer('Bearer static', 401), undefined);
  });
});
