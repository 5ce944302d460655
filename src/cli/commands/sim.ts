import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { shown, UsageError } from '../../errors.js';
import { isWs1AccessDefect, janssenDefects, parseDefects, ws1AccessDefects } from '../../sim/defects.js';
import { isLoopback } from '../../tenant/base-url.js';
import type { SimulatorOptions } from '../../sim/server.js';
import type { SimulatorExtras } from '../../sim/tenant-set-up.js';
import type { Io, Outcome } from '../output.js';

function builder(yargs: Argv) {
  return yargs
    .option('port', { type: 'number', default: 0, describe: 'Port to listen on (0: any free port)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Loopback address to listen on' })
    .option('tenant', {
      type: 'string',
      describe: "Simulate this profile's target, trusting its client (secret from its secretEnv)",
    })
    .option('defect', {
      type: 'string',
      array: true,
      default: [],
      describe:
        `Break it on purpose. Workspace ONE Access: ${Object.keys(ws1AccessDefects).join(', ')}. ` +
        `Janssen (with a janssen --tenant): ${Object.keys(janssenDefects).join(', ')}`,
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
      'Then: scimkit run --tenant tenants/acme.yaml --base-url http://127.0.0.1:8443',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function simCommand(io: Io, outcome: Outcome): CommandModule<object, Args> {
  return {
    command: 'sim',
    describe: "Serve a simulated tenant (Workspace ONE Access, or the --tenant profile's target) until interrupted",
    builder,
    handler: async (args) => {
      // The simulator speaks plain http, which must not leave this machine.
      if (!isLoopback(args.host))
        throw new UsageError(`--host: ${shown(args.host)} is not a loopback address; use 127.0.0.1`);
      const defects = parseDefects(args.defect, '--defect');
      const { options, describeSecret } = await fromProfile(args.tenant, io.env, {
        host: args.host,
        port: args.port,
        defects,
        ws1Access: { requiredUserAttributes: args.requiredAttribute, jsonMediaTypes: args.jsonMediaTypes },
      });
      const { startSimulator } = await import('../../sim/server.js');
      const simulator = await startSimulator(options);
      io.stdout.write(
        `${options.target === 'janssen' ? 'Janssen Server' : 'Workspace ONE Access'} simulator listening on ${simulator.url}\n` +
          `Admin client: ${options.adminClient.clientId}, secret ${describeSecret}\n` +
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
 * The client to trust, the profile's (its secret from the environment) or a demo one, and the simulator the
 * profile describes (its target, and what its admin set up by hand, secrets from the environment).
 */
async function fromProfile(tenantFile: string | undefined, env: NodeJS.ProcessEnv, extra: SimulatorExtras) {
  if (!tenantFile) {
    const { randomBytes } = await import('node:crypto');
    const secret = randomBytes(18).toString('base64url');
    // A throwaway credential of a local demo tenant, printed so it can be used.
    const { defectsOf } = await import('../../sim/tenant-set-up.js');
    const defects = defectsOf(extra.defects ?? [], 'ws1-access', isWs1AccessDefect);
    const options: SimulatorOptions = {
      ...extra,
      target: 'ws1-access',
      adminClient: { clientId: 'scimkit-admin', secret },
      defects,
    };
    return { options, describeSecret: `${secret} (demo)` };
  }
  const { loadTenant } = await import('../../tenant/load.js');
  const { environmentValues } = await import('../../render/environment.js');
  const { resolveSecrets } = await import('../../run/secrets.js');
  const { simulatorFor, trustedClient } = await import('../../sim/tenant-set-up.js');
  const tenant = await loadTenant(tenantFile);
  const client = trustedClient(tenant);
  if (!env[client.secretEnv])
    throw new UsageError(`${client.secretEnv} is not set: export the client secret the simulator should accept`);
  // Other secrets the environment does not hold are made up: nothing can use them, as on a tenant that lost them.
  const values = resolveSecrets(environmentValues(tenant), env, {
    source: tenantFile,
    mode: 'setup',
    sim: true,
    handOver: false,
  });
  const secret = (key: string) => values.find((v) => v.key === key)?.value ?? '';
  // With the Okta client's secret given, the tenant is one the documents' set-up was done on (for --read-only).
  const oktaSecretEnv = tenant.target === 'ws1-access' ? tenant.oktaClient.secretEnv : undefined;
  const setUpDone = Boolean(oktaSecretEnv && env[oktaSecretEnv]);
  return {
    options: simulatorFor(tenant, secret, { ...extra, setUpDone }),
    describeSecret: `from ${client.secretEnv}${setUpDone ? `; the Okta client and the directory exist (secret from ${oktaSecretEnv})` : ''}`,
  };
}
