import type { Argv } from 'yargs';
import { shardOption, tenantOption } from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', tenantOption)
    .option('shard', shardOption)
    .option('out', { type: 'string', default: 'collections', describe: 'Output folder; files go to OUT/<name>/' })
    .option('examples', {
      type: 'boolean',
      default: true,
      describe:
        'Save example answers on each request (a run against a simulator, seconds a profile); --no-examples to only render',
    })
    .option('cache', {
      type: 'boolean',
      default: true,
      describe:
        'Reuse the example answers of an earlier generate while profile, templates and scimkit are unchanged ' +
        '(kept in node_modules/.cache/scimkit, or SCIMKIT_CACHE_DIR)',
    })
    .example(
      '$0 generate --tenant tenants/acme.yaml',
      'Write collections/acme/acme.postman_collection.json and its environment',
    )
    .example('$0 generate --tenant tenants/examples --out build', 'Render every example profile into build/')
    .example('$0 generate --tenant fleet/ --no-examples', 'Render a fleet of profiles fast, without example answers');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function generateCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { chosenTenants } = await import('../chosen-tenants.js');
      const { generatedFiles } = await import('../../examples/generate.js');
      const { ExamplesCache } = await import('../../examples/cache.js');
      const { writeFilesAtomic } = await import('../../io/atomic.js');
      // Every profile is checked before anything is written; then each is written as soon as it is rendered, its
      // files together or not at all, so memory stays flat and an error leaves the profiles before it complete.
      const tenants = await chosenTenants(args, io.stderr);
      const cache = args.examples && args.cache ? await ExamplesCache.forGenerate(io.env, process.cwd()) : undefined;
      for (const { tenant } of tenants) {
        const { files, examples } = await generatedFiles(tenant, args.out, { examples: args.examples, cache });
        await writeFilesAtomic(files);
        const from = examples === 'cached' ? ' (example answers from the cache)' : '';
        io.stdout.write(`${tenant.name}: wrote ${files.map((f) => f.path).join(' and ')}${from}\n`);
      }
      outcome.exitCode = 0;
    },
  };
}
