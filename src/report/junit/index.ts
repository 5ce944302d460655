import { AtomicFileStream } from '../../io/atomic.js';
import { gradeText } from '../../names.js';
import { ANSWERED_CHECK, type Reporter, type RequestResult, type RunInfo, type RunTotals } from '../types.js';

const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** What a suite, or the whole file, counts: the attributes CI dashboards read. */
interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * JUnit XML for CI dashboards (Jenkins, GitLab, GitHub test reporters), valid against the Jenkins xunit plugin's
 * junit-10.xsd: one <testsuite> per request executed, one <testcase> per check, written as the run goes. Names are
 * "tenant / folder / request" and the check, unique within a run: a request that runs again (a clean-up loop)
 * gets " (2)", " (3)", ...
 * A failed check that weighs a failure under the run's profile is a <failure>; a request without an answer an
 * <error>; a check not evaluated, a request not sent or cut short by the run itself <skipped>. A failed check that
 * weighs a warning or informs is a passed testcase whose <system-out> says what failed: dashboards count only
 * <failure> and <error> as failures, and <skipped> would claim the check never ran. Each suite's <properties> name
 * the run's grading profile and each check's level and clients.
 * The root's counts come first in the file but are known only at the end: the suites stream to the temporary file,
 * and the root's opening tag goes in front of them when it is committed. Memory holds one request at a time.
 */
export class JunitReporter implements Reporter {
  private file: AtomicFileStream | undefined;
  private info: RunInfo | undefined;
  private readonly seen = new Map<string, number>();
  private readonly total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  private constructor(private readonly path: string) {}

  static async create(path: string): Promise<JunitReporter> {
    const reporter = new JunitReporter(path);
    reporter.file = await AtomicFileStream.open(path);
    return reporter;
  }

  start(info: RunInfo): void {
    this.info = info;
  }

  request(result: RequestResult): void {
    const base = `${this.info!.tenant} / ${result.folder} / ${result.name}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    const suite = count > 1 ? `${base} (${count})` : base;
    const durationMs = result.durationMs ?? 0;
    const time = seconds(durationMs);
    const testcase = (name: string, inner = '') =>
      `    <testcase name="${escapeXml(name)}" classname="${escapeXml(suite)}" time="${time}"` +
      (inner ? `>\n      ${inner}\n    </testcase>\n` : '/>\n');
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const profile = this.info!.gradingProfile;
    const property = (name: string, value: string) =>
      `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>\n`;
    const properties =
      '    <properties>\n' +
      property('grading profile', profile) +
      result.checks.map((check) => property(`check: ${check.name}`, gradeText(check))).join('') +
      '    </properties>\n';
    const cases: string[] = [];
    const add = (name: string, kind?: Exclude<keyof Counts, 'tests'>, inner?: string) => {
      counts.tests += 1;
      if (kind) counts[kind] += 1;
      cases.push(testcase(name, inner));
    };
    for (const check of result.checks) {
      if (check.skipped) add(check.name, 'skipped', '<skipped/>');
      else if (check.passed) add(check.name);
      else if (check.severity === 'failure') {
        const message = escapeXml(check.message ?? 'failed');
        const weight = escapeXml(`a failure under profile ${profile} (${gradeText(check)})`);
        add(check.name, 'failures', `<failure type="AssertionError" message="${message}">${weight}</failure>`);
      } else {
        const said =
          `${gradeText(check)} check failed, not counted as a failure under profile ${profile} ` +
          `(${check.severity}): ${check.message ?? 'failed'}`;
        add(check.name, undefined, `<system-out>${escapeXml(said)}</system-out>`);
      }
    }
    if (result.networkError) {
      add(ANSWERED_CHECK, 'errors', `<error type="NetworkError" message="${escapeXml(result.networkError)}"/>`);
    }
    if (result.stopped) add(ANSWERED_CHECK, 'skipped', `<skipped message="${escapeXml(result.stopped)}"/>`);
    if (result.skipped && cases.length === 0) add('request is sent', 'skipped', '<skipped/>');
    for (const key of Object.keys(counts) as (keyof Counts)[]) this.total[key] += counts[key];
    // Stamped with when the request was sent: its answer has just come, durationMs after.
    const timestamp = new Date(Date.now() - durationMs).toISOString();
    this.file!.write(
      `  <testsuite name="${escapeXml(suite)}" ${attributes(counts)} time="${time}" timestamp="${timestamp}">\n` +
        properties +
        cases.join('') +
        '  </testsuite>\n',
    );
  }

  async end(totals: RunTotals): Promise<void> {
    this.file!.write('</testsuites>\n');
    // junit-10.xsd has no "skipped" on <testsuites>: its suites carry theirs.
    const { skipped: _inSuites, ...root } = this.total;
    const name = escapeXml(`scimkit ${this.info!.tenant}`);
    await this.file!.commit(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<testsuites name="${name}" ${attributes(root)} time="${seconds(totals.durationMs)}">\n`,
    );
  }

  async abort(): Promise<void> {
    await this.file?.discard();
  }

  toString(): string {
    return this.path;
  }
}

function attributes(counts: Partial<Counts>): string {
  return Object.entries(counts)
    .map(([key, value]) => `${key}="${value}"`)
    .join(' ');
}
