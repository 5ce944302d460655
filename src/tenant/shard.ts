import { createHash } from 'node:crypto';

/** One of N shards of a fleet: `--shard 2/4` is index 2 of count 4. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The tenants of one shard, in the order given. Each tenant ranks the shards by a hash of its name and the shard
 * (rendezvous hashing) and, taken in the order of its name's hash, goes to the first it ranks that still has room;
 * a shard has room for ⌊n/N⌋ tenants, and n mod N shards for one more. So the N shards are disjoint and cover the
 * fleet, no shard holds more than one tenant over another (a matrix job takes as long as its largest shard), and
 * adding a tenant moves about one other (sorted index modulo N would move half of them; a hash modulo N moves none
 * but leaves shards a third over the even share). Every shard must be given the same tenants.
 */
export function inShard<T extends { tenant: { name: string } }>(tenants: readonly T[], shard: Shard): T[] {
  const shardOf = assignShards(
    tenants.map(({ tenant }) => tenant.name),
    shard.count,
  );
  return tenants.filter(({ tenant }) => shardOf.get(tenant.name) === shard.index);
}

/** Every name's shard (1 to count), as inShard describes. */
export function assignShards(names: readonly string[], count: number): Map<string, number> {
  const floor = Math.floor(names.length / count);
  let largerLeft = names.length % count;
  const sizes = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  const shards = sizes.map((_, i) => i + 1);
  const order = names.map((name) => ({ name, weight: weight(name) }));
  order.sort((a, b) => a.weight - b.weight || (a.name < b.name ? -1 : 1));
  for (const { name } of order) {
    const ranked = shards
      .map((shard) => ({ shard, weight: weight(`${name}\0${shard}`) }))
      .sort((a, b) => b.weight - a.weight || a.shard - b.shard);
    const hasRoom = (size: number) => size < floor || (size === floor && largerLeft > 0);
    const { shard } = ranked.find(({ shard }) => hasRoom(sizes[shard - 1]!))!;
    if (sizes[shard - 1] === floor) largerLeft -= 1;
    sizes[shard - 1] = sizes[shard - 1]! + 1;
    assigned.set(name, shard);
  }
  return assigned;
}

/** A stable pseudo-random number for a text: the same on every machine and Node version. */
function weight(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
