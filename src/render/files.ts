import path from 'node:path';
import type { Tenant } from '../targets/index.js';
import { renderEnvironment } from './environment.js';
import type { Collection } from './postman-types.js';

export interface RenderedFile {
  path: string;
  content: string;
}

/** The files of a tenant's collection and environment: OUT/<name>/<name>.postman_{collection,environment}.json. */
export function tenantFiles(tenant: Tenant, outDir: string, collection: Collection): RenderedFile[] {
  const dir = path.join(outDir, tenant.name);
  return [
    { path: path.join(dir, `${tenant.name}.postman_collection.json`), content: toJson(collection) },
    { path: path.join(dir, `${tenant.name}.postman_environment.json`), content: toJson(renderEnvironment(tenant)) },
  ];
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
