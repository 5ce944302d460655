import { renderForRun } from '../render/collection.js';
import { tenantFiles, type RenderedFile } from '../render/files.js';
import type { Tenant } from '../targets/index.js';
import { withExamples } from './attach.js';
import type { ExamplesCache } from './cache.js';

export interface GenerateOptions {
  /** Save example answers on each request (the default); without them, rendering is all there is to do. */
  examples?: boolean;
  /** Where the answers of earlier examples runs are kept; without it, every profile's examples run is run. */
  cache?: ExamplesCache;
}

export interface GeneratedFiles {
  files: RenderedFile[];
  /** Where the examples came from: a run, the cache, or none asked for. */
  examples: 'run' | 'cached' | 'none';
}

/**
 * The files `scimkit generate` writes for a tenant: its collection, each request with its saved example answers,
 * taken from a run against the examples simulator, and its environment. The same on every machine and every run.
 */
export async function generatedFiles(
  tenant: Tenant,
  outDir: string,
  options: GenerateOptions = {},
): Promise<GeneratedFiles> {
  const rendered = await renderForRun(tenant);
  if (options.examples === false) return { files: tenantFiles(tenant, outDir, rendered.collection), examples: 'none' };
  // Newman and the simulators load only when a run is needed: not for answers the cache holds.
  const run = async () => (await import('./run.js')).exampleAnswers(tenant);
  const { answers, cached } = options.cache
    ? await options.cache.answers(tenant, run)
    : { answers: await run(), cached: false };
  return {
    files: tenantFiles(tenant, outDir, withExamples(rendered, answers, tenant.baseUrl)),
    examples: cached ? 'cached' : 'run',
  };
}
