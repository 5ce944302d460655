import { secretEnvAfterName, type Question } from '../question.js';
import type { JanssenTenant } from './profile.js';

/** What `scimkit init` asks for a Janssen Server profile, besides its name, URL and test data. */
export const janssenQuestions: Question<JanssenTenant>[] = [
  { field: 'client.clientId', flag: 'client-id', ask: 'Client id of the SCIM client (the bundled "SCIM Client")' },
  {
    field: 'client.secretEnv',
    flag: 'client-secret-env',
    ask: 'Environment variable holding its secret',
    suggest: secretEnvAfterName('SCIM_CLIENT_SECRET'),
  },
  { field: 'fidoDevices', flag: 'fido-devices', ask: 'Does the server still have the U2F /FidoDevices endpoint?' },
];
