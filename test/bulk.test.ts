import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { runBulk, type BulkRunOptions } from '../src/run/bulk/run-bulk.js';
import { requestChannel } from '../src/run/transport.js';
import { loadTenant } from '../src/tenant/load.js';
import { targetOf, targets, type Target, type Tenant } from '../src/targets/index.js';
import type { RunningSimulator } from '../src/sim/shell/server.js';
import { realSources } from '../src/sim/shell/sources.js';
import { Capture } from './support/capture.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { ws1Profile } from './support/tenants.js';
import { startProxy } from './support/proxy.js';
import { ADMIN } from './support/sim.js';
import { startRun } from './support/stopped-run.js';

const SECRET = 'bulk-test-secret-0123456789abcdef';

/** Each example profile a bulk run supports, with the variable its secret is read from. */
const TARGETS = [
  { file: 'tenants/examples/scim2.yaml', env: { TAILSPIN_SCIM_TOKEN: SECRET } },
  { file: 'tenants/examples/acme.yaml', env: { ACME_ADMIN_SECRET: SECRET } },
  { file: 'tenants/examples/janssen.yaml', env: { JANSSEN_SCIM_CLIENT_SECRET: SECRET } },
] as const;

/** The profile's simulator, started by the test (so that its store can be read afterwards), with the run's secret. */
async function simulatorOf(tenant: Tenant, defects: string[] = []): Promise<RunningSimulator> {
  return targetOf(tenant).simulate(tenant, () => SECRET, { defects, setUpDone: true });
}

function usersIn(sim: RunningSimulator): number {
  return (sim.state as { users: Map<string, unknown> }).users.size;
}

/** The simulator's users before the run (a simulator may hold some of its own, as a tenant does). */
let held = 0;

async function bulk(
  tenant: Tenant,
  sim: RunningSimulator,
  env: Record<string, string>,
  more: Partial<BulkRunOptions> = {},
) {
  const stateDir = await scratchDir('bulk-state');
  const out = new Capture();
  const result = await runBulk(tenant, {
    bulk: { users: 50 },
    baseUrl: sim.url,
    env,
    stateDir,
    report: { out },
    ...more,
  });
  return { ...result, output: out.text, stateDir };
}

/**
 * The request of each example collection a bulk run's bodies mirror (src/targets/<id>/bulk.ts copies them): its
 * folder and name, for the create and the deactivation.
 */
const MIRRORED = {
  'tenants/examples/acme.yaml': {
    create: 'User lifecycle / Create the user in the Other directory',
    deactivate: 'User lifecycle / Deactivate the user',
  },
  'tenants/examples/janssen.yaml': { create: 'Users / Create a user', deactivate: 'Users / Patch the user' },
  'tenants/examples/scim2.yaml': {
    create: 'Creating users (RFC 7644 §3.3) / Create a user as Okta does',
    deactivate: 'Modifying users with PATCH (RFC 7644 §3.5.2) / Deactivate the user as Okta does (no path)',
  },
} as const;

/** A JSON value's attributes, in order, with each leaf's type (strings alike, whatever variable they hold). */
function shapeOf(value: unknown): string {
  return JSON.stringify(value, (_key, leaf: unknown) =>
    leaf !== null && typeof leaf === 'object' ? leaf : typeof leaf,
  );
}

describe('a bulk run’s bodies are its collection’s', () => {
  for (const { file, env } of TARGETS) {
    it(`${file}: the create and the deactivation send what the collection’s requests send`, async () => {
      const tenant = await loadTenant(file);
      const collection = JSON.parse(
        await readFile(path.join('collections', tenant.name, `${tenant.name}.postman_collection.json`), 'utf8'),
      ) as { item: Item[] };
      const shape = (targetOf(tenant) as Target<Tenant>).bulk!(tenant, {
        baseUrl: 'http://127.0.0.1:1',
        runId: 'r1',
        secret: (key) => (env as Record<string, string>)[key] ?? SECRET,
      });
      const user = { userName: 'u', givenName: 'Ada', familyName: 'Lovelace', email: 'u@example.com', index: 1 };
      const mirrored = MIRRORED[file];
      assert.equal(shapeOf(shape.create(user)), shapeOf(JSON.parse(rawBody(collection.item, mirrored.create))));
      assert.equal(
        shapeOf(shape.deactivate(user, 'id')),
        shapeOf(JSON.parse(rawBody(collection.item, mirrored.deactivate))),
      );
    });
  }
});

interface Item {
  name: string;
  item?: Item[];
  request?: { body?: { raw?: string } };
}

/** The raw body of the request at `where` ("folder / name") of a collection's items. */
function rawBody(items: Item[], where: string): string {
  const [folder, name] = where.split(' / ');
  const raw = items.find((i) => i.name === folder)?.item?.find((i) => i.name === name)?.request?.body?.raw;
  assert.ok(raw, `${where}: no such request with a body in the collection`);
  return raw;
}

describe('run --users: bulk provisioning through scimkit’s own HTTP loop', () => {
  for (const { file, env } of TARGETS) {
    describe(file, () => {
      let tenant: Tenant;
      let sim: RunningSimulator;
      before(async () => {
        tenant = await loadTenant(file);
      });
      afterEach(async () => sim?.close());

      it('50 generated users: each looked up, created, read, updated, deactivated and deleted; nothing left', async () => {
        sim = await simulatorOf(tenant);
        held = usersIn(sim);
        const { exitCode, totals, output, stateDir } = await bulk(tenant, sim, env);
        assert.equal(exitCode, 0, output);
        const figures = totals.bulk!;
        assert.deepEqual([figures.users, figures.created, figures.deleted, figures.conflicts], [50, 50, 50, 0]);
        assert.equal(figures.requests, 300);
        for (const step of figures.steps) assert.equal(step.count, 50, step.step);
        for (const check of figures.checks) assert.deepEqual([check.passed, check.failed], [50, 0], check.name);
        assert.equal(usersIn(sim), held);
        assert.deepEqual(readdirSync(stateDir), [], 'the record is gone once everything is deleted');
        assert.match(output, /Bulk provisioning: 50 users, 50 created, 50 deleted/);
        assert.doesNotMatch(output, new RegExp(SECRET));
      });

      it('a defect (create answers 200) fails the run naming the check, and still deletes every user', async () => {
        sim = await simulatorOf(tenant, ['user-create-status-200']);
        held = usersIn(sim);
        const { exitCode, totals } = await bulk(tenant, sim, env);
        assert.equal(exitCode, 1);
        assert.deepEqual(
          totals.failures.map((f) => f.check),
          ['bulk: create answers 201'],
        );
        assert.match(totals.failures[0]!.message, /failed for 50 of 50; first: 200/);
        assert.equal(totals.bulk!.deleted, 50);
        assert.equal(usersIn(sim), held);
      });

      it('stopped mid-run (Ctrl-C): what was created is deleted, the rest never sent, exit 2', async () => {
        sim = await simulatorOf(tenant);
        held = usersIn(sim);
        const stop = new AbortController();
        let creates = 0;
        const onRequest = (message: unknown) => {
          const { request } = message as { request: ClientRequest };
          if (request.method === 'POST' && /\/Users$/.test(request.path) && ++creates === 10) stop.abort();
        };
        subscribe(requestChannel.name, onRequest);
        try {
          const { exitCode, totals, stateDir } = await bulk(tenant, sim, env, {
            signal: stop.signal,
            bulk: { users: 500 },
          });
          assert.equal(exitCode, 2);
          assert.match(totals.error ?? '', /interrupted/);
          const figures = totals.bulk!;
          assert.ok(figures.created >= 10 && figures.created < 500, `${figures.created} created`);
          assert.equal(figures.deleted, figures.created);
          assert.equal(usersIn(sim), held);
          assert.equal(totals.leftovers, undefined);
          assert.deepEqual(readdirSync(stateDir), []);
        } finally {
          unsubscribe(requestChannel.name, onRequest);
        }
      });
    });
  }

  it("ws1-access without the documents' set-up: each create fails with the tenant's reason", async () => {
    const tenant = await loadTenant(TARGETS[1].file);
    // No directory of type Other for the profile's domain: what the set-up would have made.
    const sim = await targetOf(tenant).simulate(tenant, () => SECRET, { beforeSetUp: true });
    try {
      const { exitCode, totals } = await bulk(tenant, sim, TARGETS[1].env, { bulk: { users: 5 } });
      assert.equal(exitCode, 1);
      assert.deepEqual(
        totals.failures.map((f) => [f.check, f.message]),
        [
          [
            'bulk: create answers 201',
            "failed for 5 of 5; first: 400: User domain name specified for the user resource doesn't belong to the directory.",
          ],
        ],
      );
    } finally {
      await sim.close();
    }
  });

  describe('a token that expires mid-run', () => {
    // The targets whose bulk runs ask for an access token (scim2's example profile has a static one).
    for (const { file, env } of TARGETS.slice(1)) {
      it(`${file}: is renewed after the tenant refuses it, and every check passes`, async () => {
        const tenant = await loadTenant(file);
        // The simulator's clock jumps a day ahead at its 100th reading: every token issued before is expired.
        const real = realSources();
        let readings = 0;
        const sources = { ...real, now: () => real.now() + (++readings >= 100 ? 86_400_000 : 0) };
        const sim = await targetOf(tenant).simulate(tenant, () => SECRET, { setUpDone: true, sources });
        let tokens = 0;
        const onRequest = (message: unknown) => {
          if (/token/.test((message as { request: ClientRequest }).request.path)) tokens += 1;
        };
        subscribe(requestChannel.name, onRequest);
        try {
          held = usersIn(sim);
          const { exitCode, totals, output } = await bulk(tenant, sim, env);
          assert.ok(readings >= 100, 'the clock jumped during the run');
          assert.equal(exitCode, 0, output);
          assert.equal(tokens, 2, 'one token at the start, one after the jump');
          // The requests refused with the old token were sent again: more than a user's six each.
          assert.ok(totals.bulk!.requests > 300, `${totals.bulk!.requests} requests`);
          for (const check of totals.bulk!.checks) assert.deepEqual([check.passed, check.failed], [50, 0], check.name);
          assert.equal(usersIn(sim), held);
        } finally {
          unsubscribe(requestChannel.name, onRequest);
          await sim.close();
        }
      });
    }
  });

  describe('scim2', () => {
    let tenant: Tenant;
    let sim: RunningSimulator;
    const env = TARGETS[0].env;
    before(async () => {
      tenant = await loadTenant(TARGETS[0].file);
    });
    afterEach(async () => sim?.close());

    it('the users of a CSV file, their userNames scoped to the run', async () => {
      sim = await simulatorOf(tenant);
      held = usersIn(sim);
      const dir = await scratchDir('bulk-csv');
      const data = path.join(dir, 'users.csv');
      await writeFile(
        data,
        'userName,givenName,familyName,email,title\nada,Ada,Lovelace,ada@example.com,Countess\ngrace,Grace,Hopper,grace@example.com,\nalan,Alan,Turing,alan@example.com,\n',
      );
      const { exitCode, totals, output, runId } = await bulk(tenant, sim, env, { bulk: { data } });
      assert.equal(exitCode, 0, output);
      assert.deepEqual([totals.bulk!.users, totals.bulk!.created, totals.bulk!.deleted], [3, 3, 3]);
      assert.ok(runId);
      assert.equal(usersIn(sim), held);
    });

    it('a deactivation the tenant refuses fails its check (negative control of the deactivate step)', async () => {
      sim = await simulatorOf(tenant, ['patch-pathless-refused']);
      held = usersIn(sim);
      const { exitCode, totals } = await bulk(tenant, sim, env);
      assert.equal(exitCode, 1);
      assert.deepEqual(
        totals.failures.map((f) => f.check),
        ['bulk: deactivate answers 2xx with active false'],
      );
      assert.equal(usersIn(sim), held);
    });

    it('--timeout stops the run: exit 2 naming it, and nothing left', async () => {
      sim = await simulatorOf(tenant);
      held = usersIn(sim);
      const { exitCode, totals, stateDir } = await bulk(tenant, sim, env, {
        limits: { timeoutMs: 1 },
        bulk: { users: 5000 },
      });
      assert.equal(exitCode, 2);
      assert.match(totals.error ?? '', /--timeout: the run took more than 1 ms/);
      assert.ok(totals.bulk!.users < 5000);
      assert.equal(usersIn(sim), held);
      assert.deepEqual(readdirSync(stateDir), []);
    });

    it('--timeout-cleanup bounds the deletions after a stop: what it cuts short is left on record, exit 2', async () => {
      sim = await simulatorOf(tenant);
      held = usersIn(sim);
      const stop = new AbortController();
      let creates = 0;
      // Creates pass, the fifth stops the run (the users in flight go on to their deletion); deletions are never answered.
      const proxy = await startProxy(sim.url, async (exchange, forward) => {
        if (exchange.method === 'DELETE') return 'hold';
        if (exchange.method === 'POST' && ++creates === 5) stop.abort();
        return forward();
      });
      try {
        const { exitCode, totals, stateDir } = await bulk(tenant, sim, env, {
          baseUrl: proxy.url,
          signal: stop.signal,
          limits: { cleanUpTimeoutMs: 300 },
          bulk: { users: 500 },
        });
        assert.equal(exitCode, 2);
        assert.match(totals.error ?? '', /the clean-up took longer than --timeout-cleanup 300 ms/);
        assert.equal(totals.bulk!.deleted, 0);
        assert.ok(usersIn(sim) > held, 'the users made are still on the tenant');
        assert.match(totals.leftovers?.description ?? '', /to find by name and delete: user scimkit-/);
        assert.equal(readdirSync(stateDir).length, 1, 'the run’s record is kept for scimkit cleanup');
      } finally {
        await proxy.close();
      }
    });

    it("a refusal's message carries the tenant's words, on one line, the run's secrets masked", async () => {
      sim = await simulatorOf(tenant);
      held = usersIn(sim);
      const detail = `token ${SECRET} refused\n\u001b[31mby policy\u001b[0m`;
      const proxy = await startProxy(sim.url, async (exchange, forward) => {
        if (exchange.method !== 'POST') return forward();
        const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', detail };
        return {
          status: 400,
          headers: { 'Content-Type': 'application/scim+json' },
          body: Buffer.from(JSON.stringify(body)),
        };
      });
      try {
        const { exitCode, totals } = await bulk(tenant, sim, env, { baseUrl: proxy.url });
        assert.equal(exitCode, 1);
        const [failure] = totals.failures;
        assert.equal(failure?.check, 'bulk: create answers 201');
        assert.equal(failure?.message, 'failed for 50 of 50; first: 400: token ******** refused by policy');
        assert.equal(usersIn(sim), held);
      } finally {
        await proxy.close();
      }
    });

    it('progress goes to a terminal only', async () => {
      sim = await simulatorOf(tenant);
      const terminal = Object.assign(new Capture(), { isTTY: true });
      const pipe = new Capture();
      await bulk(tenant, sim, env, { progressTo: terminal, bulk: { users: 5 } });
      await bulk(tenant, sim, env, { progressTo: pipe, bulk: { users: 5 } });
      assert.match(terminal.text, /\r\x1b\[Kusers 0\/5, 0 requests/);
      assert.equal(pipe.text, '');
    });

    it('a user the tenant already holds is a conflict, left as it was', async () => {
      sim = await simulatorOf(tenant);
      held = usersIn(sim);
      // The defect-free simulator finds by userName: hold the first generated user's name before the run.
      const runId = 'c0ffee01';
      const userName = `${tenant.testData.prefix}-${runId}-u01`;
      const answer = await fetch(`${sim.url}/Users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
      });
      assert.equal(answer.status, 201);
      const { exitCode, totals } = await bulk(tenant, sim, env, { runId, bulk: { users: 10 } });
      assert.equal(exitCode, 0);
      assert.deepEqual([totals.bulk!.conflicts, totals.bulk!.created, totals.bulk!.deleted], [1, 9, 9]);
      assert.equal(usersIn(sim), held + 1, 'the user that was there is still there');
    });
  });

  describe('ws1-access', () => {
    let sim: RunningSimulator;
    afterEach(async () => sim?.close());

    it('Ctrl-C sent to the process: the users created so far are deleted, then exit 2', async () => {
      const dir = await scratchDir('bulk-sigint');
      const profile = path.join(dir, 'acme.yaml');
      await writeFile(profile, ws1Profile());
      const tenant = await loadTenant(profile);
      sim = await targetOf(tenant).simulate(tenant, () => ADMIN.secret, { setUpDone: true });
      held = usersIn(sim);
      let creates = 0;
      let runner: ReturnType<typeof startRun> | undefined;
      const proxy = await startProxy(sim.url, async (exchange, forward) => {
        if (exchange.method === 'POST' && /\/scim\/Users$/.test(exchange.path) && ++creates === 20) {
          runner!.child.kill('SIGINT');
        }
        return forward();
      });
      try {
        const stateDir = await scratchDir('bulk-sigint-state');
        runner = startRun([
          'run',
          '--tenant',
          profile,
          '--base-url',
          proxy.url,
          '--users',
          '2000',
          '--state-dir',
          stateDir,
        ]);
        assert.equal(await runner.exited, 2);
        const { stdout, stderr } = runner.output();
        assert.match(stderr, /interrupted: stopping the run and cleaning up/);
        const [, made, gone] = /(\d+) created, (\d+) deleted/.exec(stdout) ?? [];
        assert.ok(Number(made) >= 19 && Number(made) < 2000, stdout);
        assert.equal(gone, made);
        assert.equal(usersIn(sim), held);
        assert.deepEqual(readdirSync(stateDir), []);
      } finally {
        await proxy.close();
      }
    });

    it('users whose deletion failed are left on record, and scimkit cleanup deletes them by name', async () => {
      const dir = await scratchDir('bulk-leftovers');
      const profile = path.join(dir, 'acme.yaml');
      await writeFile(profile, ws1Profile());
      const tenant = await loadTenant(profile);
      sim = await simulatorOf(tenant, ['user-delete-fails']);
      held = usersIn(sim);
      const env = { ACME_ADMIN_SECRET: SECRET };
      const { exitCode, totals, stateDir, runId } = await bulk(tenant, sim, env, {
        bulk: { users: 12 },
        source: profile,
      });
      assert.equal(exitCode, 1);
      assert.equal(usersIn(sim), held + 12);
      assert.match(totals.leftovers?.description ?? '', /to find by name and delete: user scimkit-/);
      assert.equal(
        totals.leftovers?.retry,
        `scimkit cleanup --tenant ${profile} --run-id ${runId} --state-dir ${stateDir}`,
      );
      (sim.defects as Set<string>).delete('user-delete-fails');
      const cleanup = await scimkit(
        ['cleanup', '--tenant', profile, '--run-id', runId, '--state-dir', stateDir, '--base-url', sim.url],
        env,
      );
      assert.equal(cleanup.code, 0, cleanup.stderr);
      assert.equal(usersIn(sim), held);
      assert.deepEqual(readdirSync(stateDir), []);
    });
  });

  describe('the command line', () => {
    it('a tenant that does not answer stops the run at once: exit 2, one line saying why', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const stateDir = await scratchDir('bulk-lost-state');
      const result = await scimkit(
        [
          'run',
          '--tenant',
          TARGETS[0].file,
          '--users',
          '1000',
          '--base-url',
          `http://127.0.0.1:${port}/scim/v2`,
          '--state-dir',
          stateDir,
          '--quiet',
        ],
        TARGETS[0].env,
      );
      assert.ok(isUsageFailure(result), result.stderr);
      assert.match(result.stderr, /^scimkit: tailspin: connection refused by 127\.0\.0\.1:\d+/);
      assert.deepEqual(readdirSync(stateDir), []);
    });

    it('a bad CSV file: exit 2, one line naming the row and the column', async () => {
      const dir = await scratchDir('bulk-bad-csv');
      const data = path.join(dir, 'users.csv');
      await writeFile(
        data,
        'userName,givenName,familyName,email\nada,Ada,Lovelace,ada@example.com\ngrace,Grace,,grace@example.com\n',
      );
      const stateDir = await scratchDir('bulk-bad-state');
      const result = await scimkit(
        ['run', '--tenant', TARGETS[0].file, '--sim', '--data', data, '--state-dir', stateDir, '--quiet'],
        TARGETS[0].env,
      );
      assert.ok(isUsageFailure(result), result.stderr);
      assert.match(result.stderr, /--data: .*users\.csv row 3: column familyName is empty or missing/);
    });

    it('a run with --users prints its figures; a target without a bulk table is refused with exit 2', async () => {
      const stateDir = await scratchDir('bulk-cli-state');
      const reports = await scratchDir('bulk-reports');
      const ok = await scimkit(
        [
          'run',
          '--tenant',
          TARGETS[0].file,
          '--sim',
          '--users',
          '5',
          '--state-dir',
          stateDir,
          '--run-id',
          'b0b0b0b0',
          '--reporters',
          'cli,json,junit',
          '--report-dir',
          reports,
        ],
        TARGETS[0].env,
      );
      const report = JSON.parse(await readFile(path.join(reports, 'tailspin-b0b0b0b0.report.json'), 'utf8'));
      assert.equal(report.totals.bulk.users, 5);
      assert.equal(report.totals.bulk.steps.length, 6);
      // One result per step, one check per check name: never one per user.
      assert.deepEqual(
        report.requests.map((r: { name: string; checks: unknown[] }) => `${r.name} ${r.checks.length}`),
        ['look-up 1', 'create 2', 'verify 1', 'update 1', 'deactivate 1', 'delete 1'],
      );
      const junit = await readFile(path.join(reports, 'tailspin-b0b0b0b0.junit.xml'), 'utf8');
      assert.match(junit, /<testsuites name="scimkit tailspin" tests="7" failures="0"/);
      assert.match(
        junit,
        /<testcase name="bulk: create answers 201" classname="tailspin \/ Bulk provisioning \/ create"/,
      );
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /throughput: [\d.]+ users\/s, [\d.]+ req\/s/);
      assert.match(ok.stdout, /create +5 +[\d.]+ ms +[\d.]+ ms +[\d.]+ ms/);
      assert.equal(ok.stderr, '', 'no progress line when stderr is not a terminal');
      // Every target has a bulk table: a target without one is what a new target is until it has.
      const { bulk: table } = targets.janssen;
      delete (targets.janssen as { bulk?: unknown }).bulk;
      let janssen;
      try {
        janssen = await scimkit([
          'run',
          '--tenant',
          'tenants/examples/janssen.yaml',
          '--sim',
          '--users',
          '5',
          '--state-dir',
          stateDir,
        ]);
      } finally {
        targets.janssen.bulk = table;
      }
      assert.ok(isUsageFailure(janssen), janssen.stderr);
      assert.match(janssen.stderr, /not supported for target janssen yet \(it is for ws1-access, scim2\)/);
      const mixed = await scimkit(['run', '--tenant', TARGETS[0].file, '--sim', '--users', '5', '--setup']);
      assert.ok(isUsageFailure(mixed));
      assert.ok(!existsSync(path.join(stateDir, 'x')));
    });
  });
});
