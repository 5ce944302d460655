import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { baseUrlOption, maxAnswerBytesOption, timeoutRequestOption } from '../options.js';
import type { Io, Outcome } from '../output.js';
import type { Command } from './command.js';

function builder(yargs: Argv) {
  return yargs
    .option('tenant', { type: 'string', demandOption: true, describe: 'A Workspace ONE Access profile' })
    .option('base-url', baseUrlOption)
    .option('timeout-request', timeoutRequestOption)
    .option('max-answer-bytes', maxAnswerBytesOption)
    .example(
      'ACME_OKTA_SECRET=... $0 okta-token --tenant tenants/acme.yaml | pbcopy',
      "Mint a new API token for Okta from the Okta client's secret, straight to the clipboard",
    )
    .epilogue(
      'Prints exactly the token on stdout, nothing else; stderr says when it expires and where it goes. ' +
        'Also the yearly renewal: mint a new one before the old one expires and paste it into Okta.',
    );
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function oktaTokenCommand(io: Io, outcome: Outcome): Command<Args> {
  return {
    builder,
    handler: async (args) => {
      const { loadTenant } = await import('../../tenant/load.js');
      const { normalizeBaseUrl } = await import('../../targets/base-url.js');
      const { mintOktaToken } = await import('../../handover/okta-token.js');
      const tenant = await loadTenant(args.tenant);
      if (tenant.target !== 'ws1-access')
        throw new UsageError(
          `--tenant: ${tenant.name} is a ${tenant.target} tenant; okta-token needs a Workspace ONE Access profile`,
        );
      const { clientId, secretEnv } = tenant.oktaClient;
      if (!secretEnv) {
        throw new UsageError(
          `${args.tenant}: oktaClient.secretEnv is missing: name the variable holding the secret of ${clientId} (scimkit run --setup --reveal-to FILE writes it)`,
        );
      }
      const secret = io.env[secretEnv];
      if (!secret)
        throw new UsageError(`${secretEnv} is not set: export the secret of the Okta client ${clientId} in it`);
      const minted = await mintOktaToken(tenant, {
        baseUrl: args.baseUrl ? normalizeBaseUrl(args.baseUrl, '--base-url') : tenant.baseUrl,
        secret,
        timeoutMs: args.timeoutRequest,
        maxBytes: args.maxAnswerBytes,
      });
      io.stdout.write(`${minted.token}\n`);
      const until = minted.expiresAt
        ? `valid until ${new Date(minted.expiresAt).toISOString()}`
        : 'expiry not given by the tenant';
      io.stderr.write(
        `scimkit: ${tenant.name}: API token of the Okta client ${clientId}, ${until}: paste it into Okta ` +
          '(VMware Workspace ONE app > Provisioning > Integration > API Token), then Test API Credentials\n',
      );
      outcome.exitCode = 0;
    },
  };
}
