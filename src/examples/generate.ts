import { renderForRun } from '../render/collection.js';
import { tenantFiles, type RenderedFile } from '../render/files.js';
import type { Tenant } from '../targets/index.js';
import { withExamples } from './attach.js';
import { exampleAnswers } from './run.js';

/**
 * The files `scimkit generate` writes for a tenant: its collection, each request with its saved example answers,
 * taken from a run against the examples simulator, and its environment. The same on every machine and every run.
 */
export async function generatedFiles(tenant: Tenant, outDir: string): Promise<RenderedFile[]> {
  const rendered = await renderForRun(tenant);
  const answers = await exampleAnswers(tenant);
  return tenantFiles(tenant, outDir, withExamples(rendered, answers, tenant.baseUrl));
}
