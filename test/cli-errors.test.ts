import assert from 'node:assert/strict';
import { createServer, type RequestListener } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isUsageFailure, scimkit, scimkitProcess, scimkitReadPartly, type CliResult } from './support/cli.js';
import { ADMIN } from './support/sim.js';
import { ws1Profile } from './support/tenants.js';
import { scratchDir } from './support/scratch.js';

const ENV = { ACME_ADMIN_SECRET: ADMIN.secret };

/** A tenant on 127.0.0.1 that answers as `handle` says, for as long as `use` runs. */
async function withTenant<T>(handle: RequestListener, use: (url: string, port: number) => Promise<T>): Promise<T> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await use(`http://127.0.0.1:${port}`, port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** One line on stderr naming the cause, exit 2, no stack trace, and no long value echoed back. */
function assertOneLine(result: CliResult, cause: RegExp) {
  assert.ok(isUsageFailure(result), `exit ${result.code}, stderr: ${result.stderr}`);
  assert.match(result.stderr, cause);
  assert.doesNotMatch(result.stderr, /internal error/);
}

describe('every condition that stops a command ends with one line on stderr and exit 2', () => {
  let profile: string;
  let dir: string;
  before(async () => {
    dir = await scratchDir('errors');
    profile = path.join(dir, 'acme.yaml');
    await writeFile(profile, ws1Profile({ adminClient: { clientId: ADMIN.clientId, secretEnv: 'ACME_ADMIN_SECRET' } }));
  });
  const runAgainst = (url: string, ...extra: string[]) =>
    scimkit(['run', '--tenant', profile, '--base-url', url, '--folder', 'Admin token', ...extra], ENV);
  const runProcessAgainst = (url: string) =>
    scimkitProcess(['run', '--tenant', profile, '--base-url', url, '--folder', 'Admin token'], ENV);

  it('a refused connection', async () => {
    const port = await withTenant(
      () => {},
      async (_url, free) => free,
    );
    assertOneLine(
      await runAgainst(`http://127.0.0.1:${port}`),
      /^scimkit: acme: connection refused by 127\.0\.0\.1:\d+: is the tenant URL right/,
    );
  });

  it('a TLS failure', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => {
      sockets.push(socket.on('error', () => {}));
      socket.end('HTTP/1.1 200 OK\r\n\r\n');
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tcp.address() as { port: number };
      assertOneLine(
        await runAgainst(`https://127.0.0.1:${port}`),
        /^scimkit: acme: TLS handshake with 127\.0\.0\.1:\d+ failed/,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it('a redirect to another origin, and a redirect loop', async () => {
    await withTenant(
      (req, res) => res.writeHead(307, { Location: `http://localhost:9${req.url}` }).end(),
      async (url) =>
        assertOneLine(
          await runAgainst(url),
          /^scimkit: acme: redirect refused: the tenant redirected to http:\/\/localhost:9/,
        ),
    );
    // In a process of its own: Node's warning about the loop's listeners must not reach stderr either.
    await withTenant(
      (req, res) => res.writeHead(302, { Location: req.url! }).end(),
      async (url) =>
        assertOneLine(
          await runProcessAgainst(url),
          /^scimkit: acme: 127\.0\.0\.1:\d+ redirects in a loop: check the tenant URL/,
        ),
    );
  });

  it('an answer too large', async () => {
    await withTenant(
      (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(`"${'x'.repeat(100_000)}"`),
      async (url) =>
        assertOneLine(
          await runAgainst(url, '--max-answer-bytes', '10000'),
          /^scimkit: acme: answer refused: .*--max-answer-bytes/,
        ),
    );
  });

  it('a port in use for the simulator', async () => {
    await withTenant(
      () => {},
      async (_url, port) =>
        assertOneLine(
          await scimkit(['sim', '--port', String(port)]),
          /^scimkit: --port: \d+ is in use; pick another port/,
        ),
    );
  });

  it('a report folder, a state folder or an output folder that is a file', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const sim = ['run', '--tenant', profile, '--sim', '--folder', 'Admin token'];
    assertOneLine(
      await scimkit([...sim, '--reporters', 'junit', '--report-dir', file]),
      /^scimkit: --report-dir: cannot write reports in .*a-file \(EEXIST|ENOTDIR\)/,
    );
    assertOneLine(
      await scimkit([...sim, '--state-dir', file]),
      /^scimkit: --state-dir: cannot keep the run's record in .*a-file/,
    );
    assertOneLine(await scimkit(['generate', '--tenant', profile, '--out', file]), /^scimkit: cannot mkdir .*a-file/);
    assert.deepEqual(await readdir(dir), ['a-file', 'acme.yaml'], 'nothing half-written');
  });

  it('a profile that is not a regular file, a folder given to --dotenv', async () => {
    assertOneLine(await scimkit(['plan', '--tenant', '/dev/null']), /^scimkit: \/dev\/null: is not a regular file/);
    assertOneLine(
      await scimkit(['plan', '--tenant', profile, '--dotenv', dir]),
      /^scimkit: --dotenv: cannot read .* \(EISDIR\)/,
    );
  });

  it('a run id that is not one', async () => {
    assertOneLine(
      await scimkit(['plan', '--tenant', profile, '--run-id', '{{adminClientSecret}}']),
      /^scimkit: --run-id: use lower-case letters/,
    );
  });
});

describe('the CLI forgives habits', () => {
  it('lets a reader stop early (| head): no stack trace, and a run still goes on to its clean-up', async () => {
    const list = await scimkitReadPartly(['list', '--tenant', 'tenants/examples']);
    assert.deepEqual([list.code, list.stderr], [0, '']);
    assert.match(list.stdout, /^acme: /);
    const stateDir = await scratchDir('state');
    const run = await scimkitReadPartly(
      [
        'run',
        '--tenant',
        'tenants/examples/globex.yaml',
        '--sim',
        '--folder',
        'Directory of type Other',
        '--state-dir',
        stateDir,
      ],
      { GLOBEX_ADMIN_SECRET: ADMIN.secret },
    );
    assert.deepEqual([run.code, run.stderr], [0, '']);
    assert.deepEqual(await readdir(stateDir), [], 'the run deleted what it created, and then its record');
  });

  it('suggests the command or option meant', async () => {
    assertOneLine(await scimkit(['runn']), /Unknown argument: runn; did you mean run\?/);
    assertOneLine(
      await scimkit(['run', '--tenat', 'tenants/examples']),
      /; did you mean --tenant\? \(--tenat is no option\)/,
    );
    assertOneLine(
      await scimkit(['run', '--tenant', 'tenants/examples', '--sim', '--bial']),
      /Unknown argument: bial; did you mean --bail\?/,
    );
  });

  it("takes Newman's -r and --reporter for --reporters", async () => {
    for (const flag of ['-r', '--reporter']) {
      const result = await scimkit([
        'run',
        '--tenant',
        'tenants/examples/globex.yaml',
        '--sim',
        '--folder',
        'Admin token',
        flag,
        'nope',
      ]);
      assertOneLine(result, /--reporters: unknown reporter "nope"/);
    }
  });

  it('takes --reporters given twice as one list, and checks every name in it', async () => {
    const result = await scimkit([
      'run',
      '--tenant',
      'tenants/examples/globex.yaml',
      '--sim',
      '--folder',
      'Admin token',
      '-r',
      'cli',
      '-r',
      'nope',
    ]);
    assertOneLine(result, /--reporters: unknown reporter "nope"/);
  });

  it('prints help without reading a --dotenv file beside it', async () => {
    for (const argv of [
      ['--help', '--dotenv', 'missing.env'],
      ['list', '--help', '--dotenv', 'missing.env'],
    ]) {
      const result = await scimkit(argv);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /Show help/);
    }
  });

  it('shows no literal $0 in any help', async () => {
    for (const command of ['', 'generate', 'run', 'plan', 'okta-token', 'sim', 'list', 'cleanup']) {
      const result = await scimkit([...(command ? [command] : []), '--help']);
      assert.equal(result.code, 0);
      assert.ok(!result.stdout.includes('$0'), `scimkit ${command} --help shows $0`);
    }
  });
});
