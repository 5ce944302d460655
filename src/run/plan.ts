import postman from 'postman-collection';
import type { Auth, AuthAttribute, Collection, Folder, Item } from '../render/postman-types.js';
import { Redactor } from '../report/redact.js';
import type { RunMode } from '../names.js';
import type { Tenant } from '../targets/index.js';
import { environmentValues, runOverrides, withOverrides } from './environment.js';
import { prepareRun } from './prepare.js';
import { secretSource, type SecretSource } from './secrets.js';

const MASK = '********';

/** What the plan says of each secret, by where the run would take it from. */
const SOURCES: Record<SecretSource, (variable: string | undefined) => string> = {
  environment: (variable) => `from ${variable} (set)`,
  'made up': (variable) => `made up by the run${variable ? ` (${variable} is not set)` : ''}`,
  'left empty': (variable) => (variable ? `from ${variable} (not set)` : 'none'),
  missing: (variable) => `from ${variable} (NOT SET: the run would stop)`,
};

export interface PlanOptions {
  mode: RunMode;
  folders?: string[];
  baseUrl?: string;
  /** Shown in names made with it; a real run picks a random one. */
  runId?: string;
  /** Only to say which secrets are set; their values are never printed. */
  env: NodeJS.ProcessEnv;
  source: string;
}

/**
 * What `scimkit run` with the same options would send, request by request, with every secret masked and
 * nothing sent. Values that only an earlier answer provides (ids, tokens) stay as {{name}}.
 */
export async function planTenant(tenant: Tenant, options: PlanOptions): Promise<string> {
  const runId = options.runId ?? '<run-id>';
  const settings = { source: options.source, mode: options.mode, sim: false, handOver: false };
  const prepared = await prepareRun(tenant, { mode: options.mode, folders: options.folders });
  const values = environmentValues(tenant);
  const baseUrl = options.baseUrl ?? tenant.baseUrl;
  const environment = withOverrides(values, runOverrides(tenant, { mode: prepared.mode, runId, baseUrl }));
  const variables: Record<string, string> = {};
  // Collection variables with a value (names built from others); empty ones are filled at run time.
  for (const { key, value } of prepared.collection.variable) if (value) variables[key] = value;
  for (const { key, value, type } of environment) variables[key] = type === 'secret' ? MASK : value;

  // The SDK's own substitution, nested values included; it takes plain objects, though its types say VariableList.
  const layers = [variables] as unknown as postman.VariableList[];
  const resolve = (text: string) => postman.Property.replaceSubstitutions(text, layers) as string;
  const lines = [
    `scimkit plan ${tenant.name} (${tenant.target}, ${prepared.mode}) against ${baseUrl}, run id ${runId}`,
    ...values
      .filter((v) => v.fromEnv || v.createdByRun)
      .map((v) => {
        const source = secretSource(v, options.env, settings);
        // A set-up run creates nothing whose secret it could not hand over.
        const note =
          source === 'left empty' && v.createdByRun ? '; a client this run would create needs --reveal-to FILE' : '';
        return `secret ${v.key}: ${SOURCES[source](v.fromEnv)}${note}`;
      }),
  ];
  if (prepared.skippedFolders.length) lines.push(`read-only: folders not run: ${prepared.skippedFolders.join(', ')}`);
  if (prepared.skippedRequests.length)
    lines.push(`read-only: requests not sent: ${prepared.skippedRequests.join('; ')}`);

  const byName = new Map(prepared.collection.item.map((folder) => [folder.name, folder]));
  for (const name of prepared.folders.main)
    lines.push('', ...planFolder(byName.get(name)!, prepared.collection, resolve));
  if (prepared.folders.cleanUp) {
    const folder = byName.get(prepared.folders.cleanUp)!;
    lines.push(
      '',
      `${folder.name} (after the rest, whatever ends it: for each id the run recorded, and by name what a create without an answer made)`,
    );
    lines.push(...planFolder(folder, prepared.collection, resolve).slice(1));
  }
  lines.push(
    '',
    "{{name}}: filled at run time (from an earlier answer, or encoded by the request's script). Nothing was sent.",
  );
  const redactor = new Redactor(values.flatMap((v) => (v.fromEnv && options.env[v.fromEnv]) || []));
  return redactor.redact(lines.join('\n')) + '\n';
}

function planFolder(folder: Folder, collection: Collection, resolve: (text: string) => string): string[] {
  const lines = [folder.name];
  for (const item of folder.item) {
    const { method, url, header, body } = item.request;
    const auth = authorization(item.request.auth ?? folder.auth ?? collection.auth, resolve);
    // Newman adds this header for a form body; shown so the plan reads like the request on the wire.
    const formType = body?.mode === 'urlencoded' && !header.some((h) => /^content-type$/i.test(h.key));
    const details = [
      auth && `Authorization: ${auth}`,
      ...header.map(({ key, value }) => `${key}: ${resolve(value)}`),
      formType && 'Content-Type: application/x-www-form-urlencoded',
      ...bodyLines(item, resolve),
    ];
    lines.push(`  ${item.name}`, `    ${method} ${resolve(url.raw)}`);
    for (const line of details) if (line) lines.push(`    ${line}`);
  }
  return lines;
}

/** The Authorization header a request carries, its credentials masked. */
function authorization(auth: Auth | undefined, resolve: (text: string) => string): string | undefined {
  const field = (list: AuthAttribute[] | undefined, key: string) =>
    String(list?.find((entry) => entry.key === key)?.value ?? '');
  switch (auth?.type) {
    case 'basic':
      return `Basic base64(${resolve(field(auth.basic, 'username'))}:${MASK})`;
    case 'bearer':
      return `Bearer ${MASK}`;
    case 'oauth2':
      return `Bearer ${MASK} (OAuth 2.0 token "${field(auth.oauth2, 'tokenName')}", fetched at run time)`;
    default:
      return undefined;
  }
}

function bodyLines(item: Item, resolve: (text: string) => string): string[] {
  const { body } = item.request;
  if (body?.mode === 'urlencoded') {
    return [body.urlencoded.map(({ key, value }) => `${key}=${resolve(value)}`).join('&')];
  }
  if (body?.mode !== 'raw') return [];
  // As the collection's pre-request script does: every JSON string is resolved on its own, so the JSON stays valid.
  const fill = (value: unknown): unknown =>
    typeof value === 'string'
      ? resolve(value)
      : Array.isArray(value)
        ? value.map(fill)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fill(child)]))
          : value;
  return JSON.stringify(fill(JSON.parse(body.raw)), null, 2).split('\n');
}
