import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { parseDefects, ws1AccessDefects } from '../../sim/defects.js';
import { isLoopback } from '../../tenant/base-url.js';
import type { Io, Outcome } from '../output.js';

function builder(yargs: Argv) {
  return yargs
    .option('port', { type: 'number', default: 0, describe: 'Port to listen on (0: any free port)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Loopback address to listen on' })
    .option('tenant', {
      type: 'string',
      describe: "Seed the simulator with this profile's admin client (secret from its secretEnv)",
    })
    .option('defect', {
      type: 'string',
      array: true,
      default: [],
      describe: `Break it on purpose: ${Object.keys(ws1AccessDefects).join(', ')}`,
    })
    .option('required-attribute', {
      type: 'string',
      array: true,
      default: [],
      describe: 'User attributes marked Required on the tenant, such as distinguishedName',
    })
    .option('json-media-types', {
      type: 'boolean',
      default: false,
      describe: 'Answer application/json instead of vendor media types, as tenants do after KB 6000953',
    })
    .example('$0 sim --port 8443', 'Serve a demo tenant and print its admin client credentials')
    .example(
      '$0 sim --tenant tenants/acme.yaml --port 8443',
      'Then: $0 run --tenant tenants/acme.yaml --base-url http://127.0.0.1:8443',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function simCommand(io: Io, outcome: Outcome): CommandModule<object, Args> {
  return {
    command: 'sim',
    describe: 'Serve a simulated Workspace ONE Access tenant until interrupted',
    builder,
    handler: async (args) => {
      // The simulator speaks plain http, which must not leave this machine.
      if (!isLoopback(args.host)) throw new UsageError(`--host: ${args.host} is not a loopback address; use 127.0.0.1`);
      const defects = parseDefects(args.defect, '--defect');
      const { adminClient, setUp } = await fromProfile(args.tenant, io.env);
      const { startSimulator } = await import('../../sim/server.js');
      const simulator = await startSimulator({
        target: 'ws1-access',
        host: args.host,
        port: args.port,
        adminClient: adminClient.credentials,
        defects,
        ws1Access: { ...setUp, requiredUserAttributes: args.requiredAttribute, jsonMediaTypes: args.jsonMediaTypes },
      });
      io.stdout.write(
        `Workspace ONE Access simulator listening on ${simulator.url}\n` +
          `Admin client: ${adminClient.credentials.clientId}, secret ${adminClient.describeSecret}\n` +
          (args.tenant ? `Run: scimkit run --tenant ${args.tenant} --base-url ${simulator.url}\n` : '') +
          'Press Ctrl-C to stop.\n',
      );
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await simulator.close();
      outcome.exitCode = 0;
    },
  };
}

/**
 * The admin client to trust, the profile's (its secret from the environment) or a demo one, and what the admin
 * set up by hand for the profile (the scoped token's role, client and account, with secrets from the environment).
 */
async function fromProfile(tenantFile: string | undefined, env: NodeJS.ProcessEnv) {
  if (!tenantFile) {
    const { randomBytes } = await import('node:crypto');
    const secret = randomBytes(18).toString('base64url');
    // A throwaway credential of a local demo tenant, printed so it can be used.
    return { adminClient: { credentials: { clientId: 'scimkit-admin', secret }, describeSecret: `${secret} (demo)` } };
  }
  const { loadTenant } = await import('../../tenant/load.js');
  const tenant = await loadTenant(tenantFile);
  const secret = env[tenant.adminClient.secretEnv];
  if (!secret)
    throw new UsageError(
      `${tenant.adminClient.secretEnv} is not set: export the admin client secret the simulator should accept`,
    );
  const { environmentValues } = await import('../../render/environment.js');
  const { resolveSecrets } = await import('../../run/secrets.js');
  const { simulatedSetUp } = await import('../../sim/tenant-set-up.js');
  // A secret the environment does not hold is made up: nothing can use it, as on a tenant whose secret is lost.
  const values = resolveSecrets(environmentValues(tenant), env, { source: tenantFile, generateMissing: true });
  return {
    adminClient: {
      credentials: { clientId: tenant.adminClient.clientId, secret },
      describeSecret: `from ${tenant.adminClient.secretEnv}`,
    },
    setUp: simulatedSetUp(tenant, (key) => values.find((v) => v.key === key)?.value ?? ''),
  };
}
