import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { RunOptions } from '../src/run/run-tenant.js';
import { run, simTenant } from './support/run.js';
import { ADMIN } from './support/sim.js';

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

/**
 * Runs the token folder against a broken tenant; the fault must end it with exit 2 and one line. No fault here
 * waits for a timer but the one it is about: the mocha timeout bounds the rest.
 */
async function runAgainst(baseUrl: string, options: RunOptions = {}) {
  const result = await run(simTenant(), { baseUrl, folders: ['Admin token'], ...options });
  assert.equal(result.exitCode, 2, result.output);
  assert.doesNotMatch(result.output, /\n\s+at /, 'no stack trace');
  return result.output;
}

/** An HTTP answer's head, then its body one byte at a time, every 50 ms, forever. */
function drip(socket: Socket) {
  socket.once('data', () => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
    const timer = setInterval(() => socket.write(' '), 50);
    socket.on('close', () => clearInterval(timer));
  });
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
    assert.match(
      await runAgainst(server.url('http'), { limits: { timeoutRequestMs: 1000 } }),
      /127\.0\.0\.1:\d+ sent no complete answer within 1000 ms/,
    );
  });

  it('an answer that drips, byte by byte: the answer has a deadline, not only an idle timer', async () => {
    server = await tcpServer(drip);
    assert.match(
      await runAgainst(server.url('http'), { limits: { timeoutRequestMs: 1000 } }),
      /127\.0\.0\.1:\d+ sent no complete answer within 1000 ms: the tenant is slow or stalling/,
    );
  });

  it('--timeout ends a run whose answer drips, however long --timeout-request is', async () => {
    server = await tcpServer(drip);
    const output = await runAgainst(server.url('http'), { limits: { timeoutRequestMs: 600_000, timeoutMs: 1000 } });
    assert.match(output, /run stopped: the run took longer than --timeout 1000 ms\n/);
  });

  it('an answer larger than --max-answer-bytes, and a compressed one that inflates beyond it', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'x');
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in some 64 KiB
    const answer = (res: import('node:http').ServerResponse, body: Buffer, gzip: boolean) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) })
        .end(body);
    for (const [body, gzip, message] of [
      [
        big,
        false,
        /answer refused: (the answer is larger than 1048576 bytes|its body, decompressed, exceeds --max-answer-bytes)/,
      ],
      [bomb, true, /answer refused: its body, decompressed, exceeds --max-answer-bytes/],
    ] as const) {
      const tenant = createHttpServer((_req, res) => answer(res, body, gzip));
      await new Promise<void>((resolve) => tenant.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = tenant.address() as { port: number };
        assert.match(
          await runAgainst(`http://127.0.0.1:${port}`, { limits: { maxAnswerBytes: 1024 * 1024 } }),
          message,
        );
      } finally {
        tenant.closeAllConnections();
        await new Promise((resolve) => tenant.close(resolve));
      }
    }
  });

  it('an answer whose framing alone exceeds --max-answer-bytes: counted on the wire, not only once decoded', async () => {
    // 200 000 one-byte chunks: 200 kB of body in 1.2 MB of chunked encoding.
    const framing = Buffer.from('1\r\n \r\n'.repeat(200_000) + '0\r\n\r\n');
    server = await tcpServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
        socket.end(framing);
      }),
    );
    assert.match(
      await runAgainst(server.url('http'), { limits: { maxAnswerBytes: 1024 * 1024 } }),
      /answer refused: the answer is larger than 1048576 bytes/,
    );
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
      await runAgainst('https://192.0.2.1', { limits: { timeoutRequestMs: 5000 } }),
      /192\.0\.2\.1(:443)? is unreachable from this machine|192\.0\.2\.1(:443)? sent no complete answer within|no answer from 192\.0\.2\.1(:443)? in time|connection refused by 192\.0\.2\.1/,
    );
  });
});

describe('redirects never take credentials to another origin', () => {
  /** A server that records what reaches it, and answers every request with a redirect to `location(port)`. */
  async function listening(handle: (headers: IncomingHttpHeaders, url: string) => [number, Record<string, string>]) {
    const heard: { url: string; authorization?: string }[] = [];
    const server = createHttpServer((req, res) => {
      heard.push({ url: req.url!, authorization: req.headers.authorization });
      const [status, headers] = handle(req.headers, req.url!);
      res.writeHead(status, headers).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return {
      port,
      heard,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it('to another port of the same host: refused, and the other port hears nothing', async () => {
    const elsewhere = await listening(() => [200, {}]);
    const tenant = await listening((_h, url) => [307, { Location: `http://127.0.0.1:${elsewhere.port}${url}` }]);
    try {
      const output = await runAgainst(`http://127.0.0.1:${tenant.port}`);
      assert.match(
        output,
        new RegExp(
          `redirect refused: the tenant redirected to http://127\\.0\\.0\\.1:${elsewhere.port}, another origin`,
        ),
      );
      assert.deepEqual(elsewhere.heard, [], 'no request, and so no credential, reached the other origin');
      assert.ok(
        tenant.heard.some((h) => h.authorization?.startsWith('Basic ')),
        'the tenant itself got them',
      );
    } finally {
      await tenant.close();
      await elsewhere.close();
    }
  });

  it('to another scheme of the same host and port: refused before any connection', async () => {
    const tenant = await listening((_h, url) => [307, { Location: `https://127.0.0.1:${tenant.port}${url}` }]);
    try {
      const output = await runAgainst(`http://127.0.0.1:${tenant.port}`);
      assert.match(
        output,
        new RegExp(`redirect refused: the tenant redirected to https://127\\.0\\.0\\.1:${tenant.port}, another origin`),
      );
      assert.equal(tenant.heard.length, 1, 'one request: the one that was redirected');
    } finally {
      await tenant.close();
    }
  });

  it('within the tenant: followed, credentials and all', async () => {
    const tenant = await listening((_h, url) =>
      url.startsWith('/moved') ? [401, { 'Content-Type': 'application/json' }] : [307, { Location: `/moved${url}` }],
    );
    try {
      const result = await run(simTenant(), { baseUrl: `http://127.0.0.1:${tenant.port}`, folders: ['Admin token'] });
      assert.deepEqual(
        tenant.heard.slice(0, 2).map((h) => [h.url, h.authorization?.slice(0, 6)]),
        [
          ['/SAAS/auth/oauthtoken', 'Basic '],
          ['/moved/SAAS/auth/oauthtoken', 'Basic '],
        ],
      );
      assert.ok(!result.output.includes(ADMIN.secret));
    } finally {
      await tenant.close();
    }
  });
});
