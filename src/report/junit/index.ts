import { AtomicFileStream } from '../../io/atomic.js';
import { ANSWERED_CHECK, type Reporter, type RequestResult, type RunInfo } from '../types.js';

const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * JUnit XML for CI dashboards: one <testsuite> per request executed, one <testcase> per check, written as
 * the run goes. Names are "tenant / folder / request" and the check, unique within a run: a request that
 * runs again (a clean-up loop) gets " (2)", " (3)", ...
 * A failed SHOULD or INFO check is a passed testcase whose <system-out> says what failed: dashboards count only
 * <failure> and <error> as failures, and <skipped> would claim the check never ran.
 */
export class JunitReporter implements Reporter {
  private file: AtomicFileStream | undefined;
  private info: RunInfo | undefined;
  private readonly seen = new Map<string, number>();

  private constructor(private readonly path: string) {}

  static async create(path: string): Promise<JunitReporter> {
    const reporter = new JunitReporter(path);
    reporter.file = await AtomicFileStream.open(path);
    return reporter;
  }

  start(info: RunInfo): void {
    this.info = info;
    this.file!.write(
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(`scimkit ${info.tenant}`)}">\n`,
    );
  }

  request(result: RequestResult): void {
    const base = `${this.info!.tenant} / ${result.folder} / ${result.name}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    const suite = count > 1 ? `${base} (${count})` : base;
    const time = ((result.durationMs ?? 0) / 1000).toFixed(3);
    const testcase = (name: string, inner = '') =>
      `    <testcase name="${escapeXml(name)}" classname="${escapeXml(suite)}" time="${time}"` +
      (inner ? `>\n      ${inner}\n    </testcase>\n` : '/>\n');
    const cases = result.checks.map((check) =>
      testcase(
        check.name,
        check.skipped
          ? '<skipped/>'
          : check.passed
            ? ''
            : check.level === 'MUST'
              ? `<failure type="AssertionError" message="${escapeXml(check.message ?? 'failed')}"/>`
              : `<system-out>${escapeXml(`${check.level} check failed, not counted as a failure: ${check.message ?? 'failed'}`)}</system-out>`,
      ),
    );
    if (result.networkError) {
      cases.push(testcase(ANSWERED_CHECK, `<error type="NetworkError" message="${escapeXml(result.networkError)}"/>`));
    }
    if (result.stopped) cases.push(testcase(ANSWERED_CHECK, `<skipped message="${escapeXml(result.stopped)}"/>`));
    if (result.skipped && cases.length === 0) cases.push(testcase('request is sent', '<skipped/>'));
    const failures = result.checks.filter((c) => !c.passed && c.level === 'MUST').length;
    const skipped = cases.filter((c) => c.includes('<skipped')).length;
    this.file!.write(
      `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" ` +
        `errors="${result.networkError ? 1 : 0}" skipped="${skipped}" time="${time}">\n` +
        cases.join('') +
        '  </testsuite>\n',
    );
  }

  async end(): Promise<void> {
    this.file!.write('</testsuites>\n');
    await this.file!.commit();
  }

  async abort(): Promise<void> {
    await this.file?.discard();
  }

  toString(): string {
    return this.path;
  }
}
