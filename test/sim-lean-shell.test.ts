import assert from 'node:assert/strict';
import { once } from 'node:events';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import fc from 'fast-check';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { inSequence } from '../src/sim/shell/in-sequence.js';
import { sendJsonText } from '../src/sim/shell/json-answer.js';
import { jsonBodyParser, jsonBodyProblem } from '../src/sim/shell/json-body.js';

const TYPES = ['application/json', 'application/*+json'];
const LIMIT = 1024;

interface Answer {
  status: number;
  headers: string[];
  body: string;
}

/** An app answering what its body parser made of a request, or the status and type of the parser's refusal. */
async function echo(
  parser: RequestHandler,
  answer: (res: Response, text: string) => unknown = (res, text) => res.type('json').send(text),
) {
  const app = express();
  app.set('etag', false);
  app.use(parser);
  app.all('/', (req, res) => answer(res, JSON.stringify({ body: req.body as unknown, has: 'body' in req })));
  const refused: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) =>
    void res.status(error.status ?? 500).json({ type: error.type });
  app.use(refused);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/** Sends a body with its Content-Length (unless the case says chunked), in two writes: one a parser must gather. */
function send(port: number, method: string, headers: Record<string, string>, body?: Buffer | string) {
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const sized = bytes && !headers['Transfer-Encoding'] ? { 'Content-Length': String(bytes.length) } : {};
  return new Promise<Answer>((resolve, reject) => {
    const options = { host: '127.0.0.1', port, method, path: '/', headers: { ...sized, ...headers } };
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const names = res.rawHeaders.filter((_, at) => at % 2 === 0);
        const kept = names.filter((name) => !/^(date|connection|keep-alive)$/i.test(name));
        resolve({
          status: res.statusCode!,
          headers: kept.map((name) => `${name}: ${res.headers[name.toLowerCase()] as string}`),
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on('error', reject);
    if (bytes === undefined) return void req.end();
    req.write(bytes.subarray(0, 3));
    req.end(bytes.subarray(3));
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const user = JSON.stringify({ userName: 'ada', name: { givenName: 'Ada' } });

/** The requests the simulators' tests send, good and bad, and the corners body-parser handles its own way. */
const CASES: [string, string, Record<string, string>, (Buffer | string)?][] = [
  ['an object', 'POST', JSON_TYPE, user],
  ['an array', 'POST', JSON_TYPE, '[1,2]'],
  ['leading whitespace', 'POST', JSON_TYPE, ' \n\t{"a":1}'],
  ['a UTF-8 byte order mark', 'POST', JSON_TYPE, `\uFEFF${user}`],
  ['non-ASCII text', 'POST', JSON_TYPE, '{"name":"Zoë Ådahl 日本"}'],
  ['bytes that are not UTF-8', 'POST', JSON_TYPE, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
  ['charset=utf-8', 'POST', { 'Content-Type': 'application/json; charset=utf-8' }, user],
  ['charset=UTF-8, no space', 'POST', { 'Content-Type': 'Application/JSON;charset=UTF-8' }, user],
  ['a quoted charset', 'POST', { 'Content-Type': 'application/json; charset="utf-8"' }, user],
  ['charset latin1', 'POST', { 'Content-Type': 'application/json; charset=latin1' }, user],
  ['charset utf-16le', 'POST', { 'Content-Type': 'application/json; charset=utf-16le' }, Buffer.from(user, 'utf16le')],
  ['application/scim+json', 'POST', { 'Content-Type': 'application/scim+json' }, user],
  ['text/plain', 'POST', { 'Content-Type': 'text/plain' }, user],
  ['no Content-Type', 'POST', {}, user],
  ['bad JSON', 'POST', JSON_TYPE, '{"userName": '],
  ['a JSON string (strict)', 'POST', JSON_TYPE, '"ada"'],
  ['a JSON number (strict)', 'POST', JSON_TYPE, ' 12'],
  ['an empty body', 'POST', { ...JSON_TYPE, 'Content-Length': '0' }, ''],
  ['whitespace only', 'POST', JSON_TYPE, '   '],
  ['exactly the limit', 'POST', JSON_TYPE, `{"a":"${'x'.repeat(LIMIT - 8)}"}`],
  ['one byte over the limit', 'POST', JSON_TYPE, `{"a":"${'x'.repeat(LIMIT - 7)}"}`],
  ['far over the limit', 'POST', JSON_TYPE, `{"a":"${'x'.repeat(LIMIT * 10)}"}`],
  ['chunked', 'POST', { ...JSON_TYPE, 'Transfer-Encoding': 'chunked' }, user],
  ['gzip', 'POST', { ...JSON_TYPE, 'Content-Encoding': 'gzip' }, zlib.gzipSync(user)],
  ['Content-Encoding identity', 'POST', { ...JSON_TYPE, 'Content-Encoding': 'Identity' }, user],
  ['an unknown Content-Encoding', 'POST', { ...JSON_TYPE, 'Content-Encoding': 'foo' }, user],
  ['no body', 'GET', {}],
  ['a JSON type but no body', 'DELETE', JSON_TYPE],
];

/** The body check as it was: a stack of [value, depth] pairs over Object.entries. */
function problemAsBefore(value: unknown, refuseProto: boolean): string | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > 1000) return 'The request body is nested deeper than 1000 levels.';
    for (const [key, child] of Object.entries(node)) {
      if (refuseProto && !Array.isArray(node) && key === '__proto__') return `Unrecognized field: ${key}`;
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

describe("the simulators' lean shell", () => {
  it('finds the problem of a parsed body that the check as it was found, nesting and __proto__ alike', () => {
    const nested = (depth: number, leaf: string) =>
      JSON.parse('[{"a":'.repeat(depth) + leaf + '}]'.repeat(depth)) as unknown;
    const bodies = [
      nested(499, '1'),
      nested(501, '1'),
      nested(499, '{"__proto__":1}'),
      JSON.parse('{"a":[1,{"__proto__":{}}],"b":' + '['.repeat(1000) + ']'.repeat(1000) + '}') as unknown,
      JSON.parse('{"__proto__":' + '['.repeat(1001) + ']'.repeat(1001) + '}') as unknown,
      'text',
      null,
    ];
    for (const body of bodies) {
      for (const refuseProto of [false, true]) {
        assert.equal(jsonBodyProblem(body, { refuseProto }), problemAsBefore(body, refuseProto));
      }
    }
    assert.ok(jsonBodyProblem(nested(501, '1'), { refuseProto: false }));
    assert.ok(jsonBodyProblem(nested(1, '{"__proto__":1}'), { refuseProto: true }));
    const parsed = fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    fc.assert(
      fc.property(parsed, fc.boolean(), (body, refuseProto) => {
        assert.equal(jsonBodyProblem(body, { refuseProto }), problemAsBefore(body, refuseProto));
      }),
    );
  });

  let lean: Awaited<ReturnType<typeof echo>>;
  let reference: Awaited<ReturnType<typeof echo>>;
  before(async () => {
    lean = await echo(jsonBodyParser(TYPES, LIMIT));
    reference = await echo(express.json({ type: TYPES, limit: LIMIT }));
  });
  after(() => {
    for (const { server } of [lean, reference]) server.close();
  });

  for (const [name, method, headers, body] of CASES) {
    it(`reads a body as express.json does: ${name}`, async () => {
      const [got, wanted] = [
        await send(lean.port, method, headers, body),
        await send(reference.port, method, headers, body),
      ];
      assert.deepEqual(got, wanted);
    });
  }

  it('answers JSON text as res.type().send() does, HEAD and conditional GETs too', async () => {
    const text = JSON.stringify({ name: 'Zoë', long: 'x'.repeat(2000) });
    const answer = (type: string) => async (res: Response) => {
      res.set('ETag', 'W/"1"');
      sendJsonText(res, 201, type, text);
    };
    const byExpress = (type: string) => async (res: Response) => {
      res.set('ETag', 'W/"1"');
      res.status(201).type(type).send(text);
    };
    const pass: RequestHandler = (_req, _res, next) => next();
    for (const [type, full] of [
      ['json', 'application/json; charset=utf-8'],
      ['text/plain', 'text/plain; charset=utf-8'],
    ] as const) {
      const ours = await echo(pass, answer(full));
      const theirs = await echo(pass, byExpress(type));
      try {
        for (const [method, headers] of [
          ['GET', {}],
          ['HEAD', {}],
          ['GET', { 'If-None-Match': '*' }],
          ['GET', { 'If-None-Match': 'W/"1"' }],
          ['GET', { 'If-Modified-Since': 'Tue, 01 Jan 2030 00:00:00 GMT' }],
          ['POST', { 'If-None-Match': '*' }],
        ] as const) {
          assert.deepEqual(
            await send(ours.port, method, headers),
            await send(theirs.port, method, headers),
            `${method} ${JSON.stringify(headers)}`,
          );
        }
      } finally {
        ours.server.close();
        theirs.server.close();
      }
    }
  });

  it('runs middleware in order, and a thrown error or next(error) skips the rest', () => {
    const ran: string[] = [];
    const step =
      (name: string, fail?: 'throw' | 'next'): RequestHandler =>
      (_req, _res, next) => {
        ran.push(name);
        if (fail === 'throw') throw new Error(name);
        next(fail === 'next' ? new Error(name) : undefined);
      };
    const outcome = (handler: RequestHandler) => {
      ran.length = 0;
      let passed: unknown = 'not called';
      handler({} as never, {} as never, (error?: unknown) => void (passed = error));
      return { ran: [...ran], passed: passed instanceof Error ? passed.message : passed };
    };
    assert.deepEqual(outcome(inSequence(step('a'), step('b'))), { ran: ['a', 'b'], passed: undefined });
    assert.deepEqual(outcome(inSequence(step('a', 'throw'), step('b'))), { ran: ['a'], passed: 'a' });
    assert.deepEqual(outcome(inSequence(step('a'), step('b', 'next'), step('c'))), { ran: ['a', 'b'], passed: 'b' });
    assert.deepEqual(outcome(inSequence()), { ran: [], passed: undefined });
  });
});
