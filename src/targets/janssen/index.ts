import { janssenBulk } from './bulk.js';
import { janssenDefects } from '../../sim/janssen/defects.js';
import type { Target } from '../target.js';
import { janssenEnvironment } from './environment.js';
import { janssenProfile, type JanssenTenant } from './profile.js';
import { janssenQuestions } from './questions.js';
import { janssenSimulator, startJanssenSimulator } from './simulator.js';

/** Janssen Server's SCIM 2.0 API, protected by OAuth scopes. */
export const janssen: Target<JanssenTenant> = {
  label: 'Janssen Server',
  profile: janssenProfile,
  questions: janssenQuestions,
  environment: janssenEnvironment,
  // The collection names its users and groups after the run itself.
  runValues: () => ({}),
  trustedClient: (tenant) => ({
    clientId: tenant.client.clientId,
    secretKey: 'clientSecret',
    secretEnv: tenant.client.secretEnv,
  }),
  defects: janssenDefects,
  bulk: janssenBulk,
  simulate: (tenant, secret, extras) => startJanssenSimulator(janssenSimulator(tenant, secret, extras)),
};
