import path from 'node:path';
import type { Tenant } from '../targets/index.js';
import { renderCollection } from './collection.js';
import { renderEnvironment } from './environment.js';

export interface RenderedFile {
  path: string;
  content: string;
}

/** The files `scimkit generate` writes for a tenant: OUT/<name>/<name>.postman_{collection,environment}.json. */
export async function renderFiles(tenant: Tenant, outDir: string): Promise<RenderedFile[]> {
  const dir = path.join(outDir, tenant.name);
  return [
    { path: path.join(dir, `${tenant.name}.postman_collection.json`), content: toJson(await renderCollection(tenant)) },
    { path: path.join(dir, `${tenant.name}.postman_environment.json`), content: toJson(renderEnvironment(tenant)) },
  ];
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
