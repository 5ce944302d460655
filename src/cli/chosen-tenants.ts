import type { Writable } from 'node:stream';
import type { Tenant } from '../targets/index.js';
import { loadTenants } from '../tenant/load.js';
import type { Shard } from '../tenant/shard.js';

/**
 * The profiles `--tenant` names, every one checked (those of other shards too: every shard of a fleet refuses the
 * same bad profile), then those of `--shard` when given. A shard may hold none (more shards than tenants): it says
 * so on stderr, and the command has nothing to do.
 */
export async function chosenTenants(
  args: { tenant: string[]; shard?: Shard },
  stderr: Writable,
): Promise<{ file: string; tenant: Tenant }[]> {
  const tenants = await loadTenants(args.tenant);
  if (!args.shard) return tenants;
  const { inShard } = await import('../tenant/shard.js');
  const chosen = inShard(tenants, args.shard);
  if (!chosen.length) {
    const { index, count } = args.shard;
    stderr.write(
      `scimkit: --shard ${index}/${count}: none of the ${tenants.length} tenant(s) falls in it; nothing to do\n`,
    );
  }
  return chosen;
}
