import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { assignShards } from '../src/tenant/shard.js';
import { isUsageFailure, scimkit } from './support/cli.js';
import { scratchDir } from './support/scratch.js';

const EXAMPLES = ['acme', 'globex', 'janssen', 'tailspin'];

/** The tenants each command's output names, one per line it starts a tenant with. */
const NAMED: Record<string, RegExp> = {
  list: /^(\S+): /gm,
  plan: /^scimkit plan (\S+) /gm,
  generate: /^(\S+): wrote /gm,
  // A run stopped at once by --timeout 1 says so for each tenant it ran, on stderr.
  run: /^scimkit: (\S+): the run took longer than --timeout 1 ms$/gm,
};

async function tenantsOfShard(command: string, shard: string, tenant = 'tenants/examples'): Promise<string[]> {
  const extra: Record<string, string[]> = {
    generate: ['--out', await scratchDir('shard-out')],
    run: ['--sim', '--timeout', '1', '--quiet', '--state-dir', await scratchDir('shard-state')],
  };
  const result = await scimkit([command, '--tenant', tenant, '--shard', shard, ...(extra[command] ?? [])]);
  assert.equal(result.code, command === 'run' ? 2 : 0, result.stderr);
  const text = command === 'run' ? result.stderr : result.stdout;
  return [...text.matchAll(NAMED[command]!)].map((m) => m[1]!);
}

/** Every shard of count, each the tenants it names: together each tenant exactly once. */
function assertPartition(shards: string[][], all: readonly string[]): void {
  assert.deepEqual(shards.flat().sort(), [...all].sort(), JSON.stringify(shards));
}

describe('--shard I/N', () => {
  for (const command of ['list', 'plan']) {
    it(`${command}: the N shards are disjoint and cover every tenant, for N of 2, 3 and 5 (one shard empty)`, async () => {
      for (const count of [2, 3, 5]) {
        const shards = [];
        for (let index = 1; index <= count; index += 1) shards.push(await tenantsOfShard(command, `${index}/${count}`));
        assertPartition(shards, EXAMPLES);
        assert.ok(Math.max(...shards.map((s) => s.length)) <= Math.ceil(EXAMPLES.length / count), `${count} shards`);
      }
    });
  }

  it('run: the two shards run disjoint shares of the tenants, together all of them', async () => {
    assertPartition([await tenantsOfShard('run', '1/2'), await tenantsOfShard('run', '2/2')], EXAMPLES);
  });

  it('generate: the two shards write disjoint shares of the profiles, together all of them', async () => {
    // Generating runs each collection once: two profiles keep it short.
    const dir = await scratchDir('shard-tenants');
    for (const name of ['acme', 'janssen'])
      await copyFile(`tenants/examples/${name}.yaml`, path.join(dir, `${name}.yaml`));
    const shards = [await tenantsOfShard('generate', '1/2', dir), await tenantsOfShard('generate', '2/2', dir)];
    assertPartition(shards, ['acme', 'janssen']);
  });

  it('a shard that holds no tenant says so on stderr, does nothing and exits 0', async () => {
    const empty = assignShards(['acme'], 2).get('acme') === 1 ? 2 : 1;
    for (const command of ['list', 'plan', 'generate', 'run']) {
      const result = await scimkit([command, '--tenant', 'tenants/examples/acme.yaml', '--shard', `${empty}/2`]);
      assert.equal(result.code, 0, `${command}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `scimkit: --shard ${empty}/2: none of the 1 tenant(s) falls in it; nothing to do\n`);
    }
  });

  for (const value of ['0/3', '4/3', 'x', '1/0', '2', '1/2/3', '-1/2', '1.5/2', '']) {
    it(`--shard ${JSON.stringify(value)}: one line naming the flag, exit 2, on every command`, async () => {
      for (const command of ['list', 'plan', 'generate', 'run']) {
        const result = await scimkit([command, '--tenant', 'tenants/examples', '--shard', value]);
        assert.ok(isUsageFailure(result), `${command}: ${result.stderr}`);
        assert.match(result.stderr, /^scimkit: --shard: .* is not I\/N with 1 ≤ I ≤ N/);
        assert.equal(result.stdout, '');
      }
    });
  }

  describe('the share of each tenant', () => {
    const names = (count: number, prefix = 'tenant') => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
    const sizes = (shards: Map<string, number>, count: number) =>
      Array.from({ length: count }, (_, i) => [...shards.values()].filter((s) => s === i + 1).length);

    it('puts every tenant in one shard, and no shard holds more than one tenant over another', () => {
      for (let tenants = 0; tenants <= 30; tenants += 1) {
        for (let count = 1; count <= 8; count += 1) {
          const shards = assignShards(names(tenants), count);
          assert.equal(shards.size, tenants);
          const counted = sizes(shards, count);
          assert.ok(Math.max(...counted) - Math.min(...counted) <= 1, `${tenants} over ${count}: ${counted}`);
        }
      }
    });

    it('is the same whatever order the tenants are given in (every CI job computes it alone)', () => {
      const given = names(25);
      const reversed = assignShards([...given].reverse(), 4);
      assert.deepEqual(
        given.map((name) => reversed.get(name)),
        given.map((name) => assignShards(given, 4).get(name)),
      );
    });

    it('moves at most a few of 40 tenants when one is added, wherever its name sorts (index modulo N: up to 30)', () => {
      const before = names(40, 'acme');
      for (const added of ['acme-0', 'acme-20a', 'zeta']) {
        const [was, is] = [assignShards(before, 4), assignShards([...before, added], 4)];
        const moved = before.filter((name) => was.get(name) !== is.get(name));
        assert.ok(moved.length <= 3, `adding ${added} moved ${moved.join(', ')}`);
      }
    });
  });
});
