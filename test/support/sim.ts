import { request, type Agent } from 'node:http';
import {
  startWs1AccessSimulator,
  type RunningWs1AccessSimulator,
  type Ws1AccessSimulatorOptions,
} from '../../src/targets/ws1-access/simulator.js';

export const ADMIN = { clientId: 'scimkit-admin', secret: 'test-admin-secret-0123456789' };

/** Starts a fresh simulator on 127.0.0.1, port 0, for each test of the enclosing describe; stops it after. */
export function useSimulator(options: Partial<Ws1AccessSimulatorOptions> = {}): { current: RunningWs1AccessSimulator } {
  const handle = {} as { current: RunningWs1AccessSimulator };
  beforeEach(async () => {
    handle.current = await startWs1AccessSimulator({ adminClient: ADMIN, ...options });
  });
  afterEach(async () => {
    await handle.current?.close();
  });
  return handle;
}

export interface Answer {
  status: number;
  headers: Headers;
  contentType: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  sim: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${sim.url}${path}`, { method, headers, body });
  return answer(response.status, response.headers, await response.text());
}

function answer(status: number, headers: Headers, text: string): Answer {
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status, headers, contentType: headers.get('content-type') ?? '', body: parsed };
}

/**
 * One request over node:http, for what fetch will not send: any method, a body without a Content-Type, bytes
 * as they are. Pass a keep-alive `agent` to reuse connections. A tenant that never answers is ended by the test's
 * own timeout: no shorter margin here for a busy machine to miss.
 */
export function send(
  sim: { url: string },
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Uint8Array; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // node:http sends no Content-Length for a GET, HEAD, DELETE or OPTIONS body: the server would read it as the next request.
    const length = options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    // The path goes as it is: a URL would resolve its dot segments.
    const { hostname, port } = new URL(sim.url);
    const target = { host: hostname.replace(/^\[|\]$/g, ''), port, path, method, headers, agent: options.agent };
    const req = request(target, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of [value ?? []].flat()) headers.append(name, one);
        }
        resolve(answer(res.statusCode!, headers, Buffer.concat(chunks).toString('utf8')));
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A client-credentials token, with Basic client authentication. */
export async function token(sim: RunningWs1AccessSimulator, client = ADMIN, scope = 'admin'): Promise<string> {
  const answer = await call(sim, 'POST', '/SAAS/auth/oauthtoken', {
    headers: { Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}` },
    body: `grant_type=client_credentials&scope=${scope}`,
    contentType: 'application/x-www-form-urlencoded',
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

export const API = '/SAAS/jersey/manager/api';
export const OTHER = 'application/vnd.vmware.horizon.manager.connector.management.directory.other+json';
export const CLIENT = 'application/vnd.vmware.horizon.manager.oauth2client+json';

export async function createOtherDirectory(
  sim: RunningWs1AccessSimulator,
  admin: string,
  domain = 'okta.example',
  name = 'Okta',
) {
  const answer = await call(sim, 'POST', `${API}/connectormanagement/directoryconfigs`, {
    token: admin,
    contentType: OTHER,
    body: { type: 'OTHER_DIRECTORY', domains: [domain], name },
  });
  if (answer.status !== 201) throw new Error(`directory: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.directoryConfigId as string;
}

export function provisionedUser(userName: string, domain = 'okta.example', extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:workspace:1.0'],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: `${userName}@${domain}` }],
    externalId: `ext-${userName}`,
    'urn:scim:schemas:extension:workspace:1.0': { internalUserType: 'PROVISIONED', domain },
    ...extra,
  };
}

/** Every token the simulator issues from now on (tokens can be deleted later, with their client). */
export function recordIssuedTokens(sim: RunningWs1AccessSimulator): { value: string; clientId: string }[] {
  const issued: { value: string; clientId: string }[] = [];
  const { tokens } = sim.state;
  const set = tokens.set.bind(tokens);
  tokens.set = (value, token) => {
    issued.push({ value, clientId: token.clientId });
    return set(value, token);
  };
  return issued;
}

/**
 * Users and groups that existed before a run and carry its prefix (local, in System Domain). Returns a
 * snapshot function: a run must leave them exactly as they were.
 */
export async function seedLookalikes(sim: RunningWs1AccessSimulator, prefix = 'scimkit'): Promise<() => string> {
  const admin = await token(sim);
  const user = await call(sim, 'POST', `${API}/scim/Users`, {
    token: admin,
    body: {
      userName: `${prefix}-old-ada@OKTA.COM`,
      name: { givenName: 'Old', familyName: 'Ada' },
      emails: [{ value: 'old@okta.com' }],
    },
  });
  await call(sim, 'POST', `${API}/scim/Groups`, {
    token: admin,
    body: { displayName: `${prefix}-old-okta-push`, members: [{ value: user.body.id }] },
  });
  const snapshot = () => JSON.stringify([...sim.state.users.values(), ...sim.state.groups.values()]);
  const before = snapshot();
  if (sim.state.users.size !== 1 || sim.state.groups.size !== 1) throw new Error('seeding failed');
  return () => (snapshot() === before ? 'untouched' : `changed: ${snapshot()}`);
}

/** The documents' set-up, done by hand before a run: the Okta client and the directory of type Other. Returns the client's secret. */
export async function documentedSetUp(sim: RunningWs1AccessSimulator): Promise<string> {
  const admin = await token(sim);
  const client = await call(sim, 'POST', `${API}/oauth2clients`, {
    token: admin,
    contentType: CLIENT,
    body: { clientId: 'OktaSCIM', scope: 'admin', authGrantTypes: 'client_credentials', accessTokenTTL: 1576800 },
  });
  await createOtherDirectory(sim, admin, 'OKTA.COM', 'Okta Universal Directory');
  return client.body.secret;
}
