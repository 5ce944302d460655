import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

/**
 * SCIMMY (npm `scimmy` and `scimmy-routers`, by the scimmyjs project): an independent SCIM 2.0 service provider. It
 * owns the protocol: routes, schemas, ServiceProviderConfig, filters, attributes, paging, sorting, PATCH, Bulk, the
 * Error and ListResponse messages. What it leaves to its user is storage, so that is all this file writes: one
 * in-memory map per resource type, the id and meta timestamps a store assigns, and the uniqueness a store enforces
 * (for the attributes SCIMMY's own schema marks unique: userName). Nothing here shapes an answer.
 */
export interface RunningScimmy {
  /** The SCIM root: http://127.0.0.1:PORT/scim/v2. */
  url: string;
  /** Resources left in the store. */
  stored(): number;
  close(): Promise<void>;
}

const SCIMMY_PATH = '/scim/v2';

type Stored = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } };
/** The base class's handler types: one store serves both User and Group. */
type ResourceClass = typeof SCIMMY.Types.Resource;

/** The string values of the attributes a schema marks unique, as its caseExact says they compare. */
function uniqueKeys(Resource: ResourceClass, data: Record<string, unknown>): string[] {
  return Resource.schema.definition.attributes.flatMap((attribute) => {
    if (!(attribute instanceof SCIMMY.Types.Attribute)) return [];
    const { uniqueness, caseExact } = attribute.config as { uniqueness?: string | false; caseExact?: boolean };
    const value = data[attribute.name];
    if (!uniqueness || uniqueness === 'none' || typeof value !== 'string') return [];
    return [`${attribute.name}=${caseExact ? value : value.toLowerCase()}`];
  });
}

/** Declares a resource type to SCIMMY with handlers over an in-memory map: its storage, nothing more. */
function declareStore(Resource: ResourceClass, store: Map<string, Stored>): void {
  const notFound = (id: string) => new SCIMMY.Types.Error(404, '', `Resource ${id} not found`);
  SCIMMY.Resources.declare(Resource)
    .ingress((resource: InstanceType<ResourceClass>, instance: object) => {
      const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
      const existing = resource.id ? store.get(resource.id) : undefined;
      if (resource.id && !existing) throw notFound(resource.id);
      const keys = new Set(uniqueKeys(Resource, data));
      for (const other of store.values())
        if (other.id !== resource.id && uniqueKeys(Resource, other).some((key) => keys.has(key)))
          throw new SCIMMY.Types.Error(409, 'uniqueness', 'A resource with that value already exists');
      const now = new Date().toISOString();
      const id = existing?.id ?? randomUUID();
      const record = { ...data, id, meta: { created: existing?.meta.created ?? now, lastModified: now } };
      store.set(id, record);
      return record;
    })
    .egress((resource: InstanceType<ResourceClass>) => {
      if (resource.id) {
        const found = store.get(resource.id);
        if (!found) throw notFound(resource.id);
        return found;
      }
      const all = [...store.values()];
      return resource.filter ? resource.filter.match(all) : all;
    })
    .degress((resource: InstanceType<ResourceClass>) => {
      if (!resource.id || !store.delete(resource.id)) throw notFound(String(resource.id));
    });
}

let started = false;

/**
 * Starts SCIMMY on 127.0.0.1, port 0, under /scim/v2, accepting only `Authorization: Bearer <token>`. SCIMMY keeps its
 * declarations in module state, so one process serves one at a time.
 */
export async function startScimmy(token: string): Promise<RunningScimmy> {
  if (started) throw new Error('SCIMMY is already running in this process');
  started = true;
  const users = new Map<string, Stored>();
  const groups = new Map<string, Stored>();
  // The enterprise extension as a deployment would declare it, optional: Entra ID sends its manager.
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  declareStore(SCIMMY.Resources.User as ResourceClass, users);
  declareStore(SCIMMY.Resources.Group as ResourceClass, groups);
  let origin = '';
  const app = express();
  // scimmy-routers hands a 5xx on to Express after answering it (/Me's 501); Express would print its stack.
  app.set('env', 'test');
  app.use(
    SCIMMY_PATH,
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://datatracker.ietf.org/doc/html/rfc6750',
      handler: (req) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Authorization failed');
        // What this returns is the id of the user /Me reads. No user is behind the token: scimmy-routers answers /Me
        // 501 when the id is no string (its typings ask for one).
        return undefined as unknown as string;
      },
      baseUri: () => origin,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${SCIMMY_PATH}`,
    stored: () => users.size + groups.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      started = false;
    },
  };
}
