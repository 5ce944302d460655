import { once } from 'node:events';
import type { Argv } from 'yargs';
import { shown, UsageError } from '../../errors.js';
import { defectsHelp, parseDefects } from '../../targets/index.js';
import type { Ws1AccessDefect } from '../../sim/ws1-access/defects.js';
import type { SimulatorExtras } from '../../targets/target.js';
import { isLoopback } from '../../targets/base-url.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

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
      describe: `Break it on purpose (the defects of the --tenant profile's target). ${defectsHelp()}`,
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
      describe:
        'Answer application/json instead of vendor media types, as tenants do after KB 6000953 (--defect strict-media-types also refuses the vendor types, as the 2025 spec lists the OAuth client endpoints)',
    })
    .example('$0 sim --port 8443', 'Serve a demo tenant and print its admin client credentials')
    .example(
      '$0 sim --tenant tenants/acme.yaml --port 8443',
      'Then: scimkit run --tenant tenants/acme.yaml --base-url http://127.0.0.1:8443',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function simCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      // The simulator speaks plain http, which must not leave this machine.
      if (!isLoopback(args.host))
        throw new UsageError(`--host: ${shown(args.host)} is not a loopback address; use 127.0.0.1`);
      const defects = parseDefects(args.defect, '--defect');
      const { simulator, label, describeSecret } = await start(args.tenant, io.env, {
        host: args.host,
        port: args.port,
        defects,
        requiredUserAttributes: args.requiredAttribute,
        jsonMediaTypes: args.jsonMediaTypes,
      });
      io.stdout.write(
        `${label} simulator listening on ${simulator.url}\n` +
          `${describeSecret}\n` +
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
 * The simulator the profile describes (its target; what its admin set up by hand, secrets from the environment),
 * trusting the profile's client; without a profile, a demo Workspace ONE Access tenant with a throwaway client.
 */
async function start(tenantFile: string | undefined, env: NodeJS.ProcessEnv, extras: SimulatorExtras) {
  if (!tenantFile) {
    const { randomBytes } = await import('node:crypto');
    const { startWs1AccessSimulator } = await import('../../targets/ws1-access/simulator.js');
    // A throwaway credential of a local demo tenant, printed so it can be used.
    const secret = randomBytes(18).toString('base64url');
    const simulator = await startWs1AccessSimulator({
      host: extras.host,
      port: extras.port,
      adminClient: { clientId: 'scimkit-admin', secret },
      // Checked where the simulator starts.
      defects: extras.defects as Ws1AccessDefect[] | undefined,
      ws1Access: { requiredUserAttributes: extras.requiredUserAttributes, jsonMediaTypes: extras.jsonMediaTypes },
    });
    return {
      simulator,
      label: 'Workspace ONE Access',
      describeSecret: `Admin client: scimkit-admin, secret ${secret} (demo)`,
    };
  }
  const { loadTenant } = await import('../../tenant/load.js');
  const { resolveEnvironment } = await import('../../run/environment.js');
  const { targetOf } = await import('../../targets/index.js');
  const tenant = await loadTenant(tenantFile);
  const target = targetOf(tenant);
  const client = target.trustedClient(tenant);
  if (!env[client.secretEnv])
    throw new UsageError(`${client.secretEnv} is not set: export the client secret the simulator should accept`);
  // Other secrets the environment does not hold are made up: nothing can use them, as on a tenant that lost them.
  const environment = resolveEnvironment(tenant, env, {
    source: tenantFile,
    mode: 'setup',
    sim: true,
    handOver: false,
  });
  // With the secret of what the documents' set-up creates given, the tenant is one it was done on (for --read-only).
  const setUpSecretEnv = target.setUp?.secretEnv(tenant);
  const setUpDone = Boolean(setUpSecretEnv && env[setUpSecretEnv]);
  const simulator = await target.simulate(tenant, environment.secret, { ...extras, setUpDone });
  const done = setUpDone ? `; ${target.setUp?.holds} exist (secret from ${setUpSecretEnv})` : '';
  return {
    simulator,
    label: target.label,
    describeSecret: `Admin client: ${client.clientId}, secret from ${client.secretEnv}${done}`,
  };
}
