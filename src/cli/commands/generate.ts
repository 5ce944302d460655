import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { Io, Outcome } from '../output.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'Tenant profile (.yaml/.json) or a folder of them',
    })
    .option('out', { type: 'string', default: 'collections', describe: 'Output folder; files go to OUT/<name>/' })
    .example(
      '$0 generate --tenant tenants/acme.yaml',
      'Write collections/acme/acme.postman_collection.json and its environment',
    )
    .example('$0 generate --tenant tenants/examples --out build', 'Render every example profile into build/');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function generateCommand(io: Io, outcome: Outcome): CommandModule<object, Args> {
  return {
    command: 'generate',
    describe: 'Render Postman collections and environments for tenant profiles',
    builder,
    handler: async (args) => {
      const { expandTenantPaths, loadTenant } = await import('../../tenant/load.js');
      const { renderCollection } = await import('../../render/collection.js');
      const { renderEnvironment } = await import('../../render/environment.js');
      const { writeFileAtomic } = await import('../../io/atomic.js');
      // Render every profile before writing anything: one bad profile leaves the output folder untouched.
      const rendered = [];
      for (const file of await expandTenantPaths(args.tenant)) {
        const tenant = await loadTenant(file);
        rendered.push({ tenant, collection: await renderCollection(tenant), environment: renderEnvironment(tenant) });
      }
      for (const { tenant, collection, environment } of rendered) {
        const dir = path.join(args.out, tenant.name);
        const collectionFile = path.join(dir, `${tenant.name}.postman_collection.json`);
        const environmentFile = path.join(dir, `${tenant.name}.postman_environment.json`);
        await writeFileAtomic(collectionFile, `${JSON.stringify(collection, null, 2)}\n`);
        await writeFileAtomic(environmentFile, `${JSON.stringify(environment, null, 2)}\n`);
        io.stdout.write(`${tenant.name}: wrote ${collectionFile} and ${environmentFile}\n`);
      }
      outcome.exitCode = 0;
    },
  };
}
