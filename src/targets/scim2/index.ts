import { scim2Bulk } from './bulk.js';
import { genericScim2Defects } from '../../sim/generic-scim2/defects.js';
import type { Target, TrustedClient } from '../target.js';
import { scim2Environment, scim2RunValues, scim2TrustedOrigins } from './environment.js';
import { scim2Profile, type Scim2Tenant } from './profile.js';
import { scim2Questions } from './questions.js';
import { scim2Simulator, startScim2Simulator } from './simulator.js';

/** Any SCIM 2.0 service (RFC 7643, RFC 7644): a conformance suite, graded by what the RFCs say. */
export const scim2: Target<Scim2Tenant> = {
  label: 'SCIM 2.0 service',
  profile: scim2Profile,
  questions: scim2Questions,
  environment: scim2Environment,
  // The collection names its users and groups after the run itself; the token URL follows where the run sends.
  runValues: (tenant, _mode, _runId, where) => scim2RunValues(tenant, where),
  trustedOrigins: scim2TrustedOrigins,
  trustedClient,
  defects: genericScim2Defects,
  bulk: scim2Bulk,
  simulate: (tenant, secret, extras) => startScim2Simulator(scim2Simulator(tenant, secret, extras)),
};

/** The credentials the simulator takes, by the secret that holds them. */
function trustedClient({ auth }: Scim2Tenant): TrustedClient {
  switch (auth.type) {
    case 'bearer':
      return { clientId: 'the bearer token', secretKey: 'bearerToken', secretEnv: auth.tokenEnv! };
    case 'basic':
      return { clientId: auth.username!, secretKey: 'basicPassword', secretEnv: auth.passwordEnv! };
    case 'oauth2-client-credentials':
      return { clientId: auth.clientId!, secretKey: 'clientSecret', secretEnv: auth.secretEnv! };
  }
}
