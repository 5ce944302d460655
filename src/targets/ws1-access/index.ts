import { ws1AccessBulk } from './bulk.js';
import { ws1AccessDefects } from '../../sim/ws1-access/defects.js';
import type { Target } from '../target.js';
import { ws1AccessEnvironment, ws1AccessRunValues } from './environment.js';
import { mediaTypesFor } from './media-types.js';
import { ws1AccessProfile, type Ws1AccessTenant } from './profile.js';
import { ws1AccessQuestions } from './questions.js';
import { startWs1AccessSimulator, ws1AccessSimulator } from './simulator.js';

/** VMware Workspace ONE Access, provisioned by Okta (seeds 000–004). */
export const ws1Access: Target<Ws1AccessTenant> = {
  label: 'Workspace ONE Access',
  profile: ws1AccessProfile,
  questions: ws1AccessQuestions,
  environment: ws1AccessEnvironment,
  templateValues: (tenant) => ({ media: mediaTypesFor(tenant.mediaTypes) }),
  runValues: ws1AccessRunValues,
  trustedClient: (tenant) => ({
    clientId: tenant.adminClient.clientId,
    secretKey: 'adminClientSecret',
    secretEnv: tenant.adminClient.secretEnv,
  }),
  setUp: { holds: 'the Okta client and the directory', secretEnv: (tenant) => tenant.oktaClient.secretEnv },
  defects: ws1AccessDefects,
  bulk: ws1AccessBulk,
  simulate: (tenant, secret, extras) => startWs1AccessSimulator(ws1AccessSimulator(tenant, secret, extras)),
};
