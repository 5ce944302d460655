import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import { CliReporter } from './cli/index.js';
import type { Reporter, ReporterName } from './types.js';

export interface ReporterSettings {
  /** Where the file reports go, each named after the tenant. */
  dir: string;
  /** Where the cli reporter writes. */
  out?: Writable;
  /**
   * Nothing on stdout, not even the summary. Otherwise the run's outcome is always printed: without the cli
   * reporter (file reports only, as in CI), the cli reporter prints its summary alone.
   */
  quiet?: boolean;
}

/** File reporters are loaded only when asked for, so the CLI starts without their modules. */
const fileReporters: Record<Exclude<ReporterName, 'cli'>, (file: string) => Promise<Reporter>> = {
  junit: async (file) => (await import('./junit/index.js')).JunitReporter.create(`${file}.junit.xml`),
  json: async (file) => (await import('./json/index.js')).JsonReporter.create(`${file}.report.json`),
  html: async (file) => (await import('./html/index.js')).HtmlReporter.create(`${file}.report.html`),
};

/** The reporters of one tenant's run. If one cannot be created, those already created leave nothing behind. */
export async function createReporters(
  names: readonly ReporterName[],
  tenant: string,
  settings: ReporterSettings,
): Promise<Reporter[]> {
  const reporters: Reporter[] = [];
  if (!settings.quiet) reporters.push(new CliReporter(settings.out, { progress: names.includes('cli') }));
  try {
    for (const name of names) {
      if (name !== 'cli') reporters.push(await fileReporters[name](path.join(settings.dir, tenant)));
    }
    return reporters;
  } catch (error) {
    await Promise.all(reporters.map((reporter) => reporter.abort?.()));
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UsageError(
      `--report-dir: cannot write reports in ${settings.dir} (${code}): give a folder you can write to`,
    );
  }
}
