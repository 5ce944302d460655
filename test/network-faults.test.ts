import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { run, simTenant } from './support/run.js';

/** A TCP server on 127.0.0.1 that treats every connection as `handle` says; stops with its sockets. */
async function tcpServer(
  handle: (socket: Socket) => void,
): Promise<{ url: (scheme: string) => string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket.on('close', () => sockets.delete(socket)).on('error', () => {}));
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs the token folder against a broken tenant; the fault must end it with exit 2 and one line, quickly. */
async function runAgainst(baseUrl: string) {
  const started = Date.now();
  const result = await run(simTenant(), {
    baseUrl,
    folders: ['Admin token'],
    timeoutRequestMs: 1000,
    timeoutMs: 10_000,
  });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(result.exitCode, 2, result.output);
  assert.ok(seconds < 8, `the run took ${seconds} s`);
  assert.doesNotMatch(result.output, /\n\s+at /, 'no stack trace');
  return result.output;
}

describe('network faults end the run with a one-line cause and exit 2', () => {
  let server: Awaited<ReturnType<typeof tcpServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a refused connection', async () => {
    server = await tcpServer(() => {});
    const url = server.url('http');
    await server.close();
    server = undefined;
    assert.match(await runAgainst(url), /connection refused by 127\.0\.0\.1:\d+: is the tenant URL right/);
  });

  it('a DNS failure', async () => {
    // .invalid never resolves (RFC 6761), with or without a resolver.
    assert.match(await runAgainst('https://tenant.scimkit.invalid'), /DNS lookup failed for tenant\.scimkit\.invalid/);
  });

  it('a TLS error: the https URL answers in plain text', async () => {
    server = await tcpServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    assert.match(
      await runAgainst(server.url('https')),
      /TLS handshake with 127\.0\.0\.1:\d+ failed: is it an https endpoint\?/,
    );
  });

  it('a server that never answers', async () => {
    server = await tcpServer(() => {});
    assert.match(await runAgainst(server.url('http')), /no answer from 127\.0\.0\.1:\d+ in time/);
  });

  it('an answer cut midway', async () => {
    server = await tcpServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"access_tok');
        setTimeout(() => socket.destroy(), 50);
      }),
    );
    assert.match(
      await runAgainst(server.url('http')),
      /the connection to 127\.0\.0\.1:\d+ was cut before the answer was complete/,
    );
  });

  it('an unreachable host', async () => {
    // TEST-NET-1 (RFC 5737) is never routed: unreachable, refused by a sandbox's firewall, or silent until the timeout.
    assert.match(
      await runAgainst('https://192.0.2.1'),
      /192\.0\.2\.1(:443)? is unreachable from this machine|no answer from 192\.0\.2\.1(:443)? in time|connection refused by 192\.0\.2\.1/,
    );
  });
});
