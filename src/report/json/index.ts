import { AtomicFileStream } from '../../io/atomic.js';
import type { Reporter, RequestResult, RunInfo, RunTotals } from '../types.js';

/**
 * A machine-readable report: run info, every request with its checks, then the totals. Streamed, so it
 * holds no more than one request at a time. It leaves out headers, bodies and the folders' descriptions (the
 * HTML report shows them): only what the checks say.
 */
export class JsonReporter implements Reporter {
  private file: AtomicFileStream | undefined;
  private first = true;

  private constructor(private readonly path: string) {}

  static async create(path: string): Promise<JsonReporter> {
    const reporter = new JsonReporter(path);
    reporter.file = await AtomicFileStream.open(path);
    return reporter;
  }

  start({ folders: _described, ...info }: RunInfo): void {
    const head = JSON.stringify({ tool: 'scimkit', ...info, startedAt: new Date().toISOString() });
    this.file!.write(`${head.slice(0, -1)},"requests":[\n`);
  }

  request({ exchange: _shown, ...result }: RequestResult): void {
    this.file!.write(`${this.first ? '' : ',\n'}${JSON.stringify(result)}`);
    this.first = false;
  }

  async end(totals: RunTotals): Promise<void> {
    this.file!.write(`\n],"totals":${JSON.stringify(totals)}}\n`);
    await this.file!.commit();
  }

  async abort(): Promise<void> {
    await this.file?.discard();
  }

  toString(): string {
    return this.path;
  }
}
