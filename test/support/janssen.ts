import { SCIM_SCOPES as JANSSEN_SCOPES } from '../../src/sim/janssen/constants.js';
import type { JanssenDefect } from '../../src/sim/janssen/defects.js';
import { startJanssenSimulator, type RunningJanssenSimulator } from '../../src/targets/janssen/simulator.js';
import { type JanssenOptions } from '../../src/sim/janssen/context.js';
import { call, type Answer } from './sim.js';

/** The bundled "SCIM Client" the Janssen simulator trusts. */
export const JANS_CLIENT = { clientId: '2000.scimkit-sim-test', secret: 'jans-scim-client-secret-0123' };
export const SCIM = '/jans-scim/restv1/v2';
export const TOKEN_PATH = '/jans-auth/restv1/token';
export const PREFIX = 'https://jans.io/scim/';
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const EXTENSION = 'urn:ietf:params:scim:schemas:extension:gluu:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const ALL_SCOPES = [...JANSSEN_SCOPES];

export function startJanssen(
  janssen: JanssenOptions = {},
  defects: JanssenDefect[] = [],
): Promise<RunningJanssenSimulator> {
  return startJanssenSimulator({ adminClient: JANS_CLIENT, janssen, defects });
}

/** A fresh Janssen simulator for each test of the enclosing describe; stopped after. */
export function useJanssen(
  janssen: JanssenOptions = {},
  defects: JanssenDefect[] = [],
): { current: RunningJanssenSimulator } {
  const handle = {} as { current: RunningJanssenSimulator };
  beforeEach(async () => {
    handle.current = await startJanssen(janssen, defects);
  });
  afterEach(async () => {
    await handle.current?.close();
  });
  return handle;
}

export const basic = (client = JANS_CLIENT) =>
  `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}`;

/** The token endpoint's answer to a client-credentials request for `scope` (a raw, space-separated string). */
export function tokenAnswer(sim: { url: string }, scope: string, authorization = basic()): Promise<Answer> {
  return call(sim, 'POST', TOKEN_PATH, {
    headers: { Authorization: authorization },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
}

/** A token with these SCIM scopes (short names, without the https://jans.io/scim/ prefix). */
export async function jansToken(sim: { url: string }, scopes: string[] = ALL_SCOPES): Promise<string> {
  const answer = await tokenAnswer(sim, scopes.map((s) => PREFIX + s).join(' '));
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

/** A SCIM request under /jans-scim/restv1/v2, JSON bodies sent as application/scim+json. */
export function scim(
  sim: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return call(sim, method, `${SCIM}${path}`, { contentType: 'application/scim+json', ...options });
}

export function userBody(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    displayName: `${userName} display`,
    emails: [{ value: `${userName}@example.org`, type: 'work', primary: true }],
    ...extra,
  };
}

export const patchBody = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Janssen's SCIM Error: exactly schemas, status (a string), scimType and detail. */
export function isScimError(body: unknown, statusAsNumber = false): boolean {
  const error = (body ?? {}) as Record<string, unknown>;
  return (
    Object.keys(error).join() === 'schemas,status,scimType,detail' &&
    JSON.stringify(error.schemas) === JSON.stringify([ERROR]) &&
    typeof error.status === (statusAsNumber ? 'number' : 'string') &&
    typeof error.scimType === 'string' &&
    typeof error.detail === 'string'
  );
}
