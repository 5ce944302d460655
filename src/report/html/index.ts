import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type HandlebarsNamespace from 'handlebars';
import { AtomicFileStream } from '../../io/atomic.js';
import { templatesDir } from '../../paths.js';
import {
  passedChecks,
  type CheckResult,
  type Reporter,
  type RequestResult,
  type RunInfo,
  type RunTotals,
} from '../types.js';

/** templates/reports/html/: the page head, one block per request, then the totals and the page end. */
export const HTML_TEMPLATES_DIR = path.join(templatesDir, 'reports', 'html');

type Template = ReturnType<typeof HandlebarsNamespace.compile>;

interface Templates {
  pageStart: Template;
  request: Template;
  pageEnd: Template;
}

type Outcome = 'passed' | 'failed' | 'warning' | 'error' | 'skipped';

/** A failed SHOULD check is a warning and a failed INFO check a note: neither is a failure. */
type CheckState = 'passed' | 'failed' | 'warning' | 'note' | 'skipped';

const MARKS: Record<CheckState, string> = { passed: '✓', failed: '✗', warning: '!', note: 'i', skipped: '–' };
const FAILED_STATE = { MUST: 'failed', SHOULD: 'warning', INFO: 'note' } as const;

/**
 * A self-contained HTML page for people: run info, every request in its folder with its checks, then the
 * totals (written last, shown first by CSS). Streamed, so it holds no more than one request at a time.
 * Rendered from templates/reports/html/*.hbs with Handlebars' HTML escaping on, so nothing a tenant answers
 * can inject markup; like the other reports it holds no header and no body, only what the checks say.
 */
export class HtmlReporter implements Reporter {
  private file: AtomicFileStream | undefined;
  private folder: string | undefined;

  private constructor(
    private readonly path: string,
    private readonly templates: Templates,
  ) {}

  static async create(file: string): Promise<HtmlReporter> {
    // Loaded here, not at the top: the CLI starts without Handlebars when no html report is asked for.
    const { default: Handlebars } = await import('handlebars');
    const engine = Handlebars.create();
    const load = async (name: string): Promise<Template> => {
      const source = await readFile(path.join(HTML_TEMPLATES_DIR, `${name}.hbs`), 'utf8');
      // Default options: HTML escaping stays on for every {{value}} (never noEscape here).
      return engine.compile(source);
    };
    const [pageStart, request, pageEnd] = await Promise.all([load('page-start'), load('request'), load('page-end')]);
    const reporter = new HtmlReporter(file, { pageStart, request, pageEnd });
    // Opened last: nothing is left behind when the templates cannot be read.
    reporter.file = await AtomicFileStream.open(file);
    return reporter;
  }

  start(info: RunInfo): void {
    this.file!.write(this.templates.pageStart({ ...info, startedAt: new Date().toISOString() }));
  }

  request(result: RequestResult): void {
    const newFolder = result.folder !== this.folder;
    const closeFolder = newFolder && this.folder !== undefined;
    this.folder = result.folder;
    this.file!.write(this.templates.request({ ...requestView(result), openFolder: newFolder, closeFolder }));
  }

  async end(totals: RunTotals): Promise<void> {
    this.file!.write(
      this.templates.pageEnd({
        ...totalsView(totals),
        folderOpen: this.folder !== undefined,
        anyRequest: this.folder !== undefined,
      }),
    );
    await this.file!.commit();
  }

  async abort(): Promise<void> {
    await this.file?.discard();
  }

  toString(): string {
    return this.path;
  }
}

function checkState(check: CheckResult): CheckState {
  return check.skipped ? 'skipped' : check.passed ? 'passed' : FAILED_STATE[check.level];
}

function requestView(result: RequestResult) {
  const checks = result.checks.map((check) => {
    const state = checkState(check);
    return {
      name: check.name,
      // MUST is every check's level unless its template says otherwise: only the others are named.
      level: check.level === 'MUST' ? undefined : check.level,
      state,
      mark: MARKS[state],
      skipped: state === 'skipped',
      message: check.message,
    };
  });
  const failed = checks.some((c) => c.state === 'failed');
  const warned = checks.some((c) => c.state === 'warning');
  const outcome: Outcome = result.networkError
    ? 'error'
    : failed
      ? 'failed'
      : warned
        ? 'warning'
        : result.skipped || result.stopped || (checks.length > 0 && checks.every((c) => c.skipped))
          ? 'skipped'
          : 'passed';
  const outcomeLabel = {
    passed: 'passed',
    failed: 'failed',
    warning: 'warning',
    error: 'no answer',
    skipped: 'skipped',
  }[outcome];
  const answer = result.networkError
    ? 'no answer'
    : result.stopped
      ? 'not completed'
      : result.skipped
        ? 'not sent'
        : `${result.status ?? ''} ${result.statusText ?? ''}`.trim();
  return {
    folderTitle: result.folder || '(no folder)',
    name: result.name,
    method: result.method,
    url: result.url,
    answer,
    duration: result.durationMs === undefined ? '' : `${result.durationMs} ms`,
    networkError: result.networkError,
    checks,
    consoleText: result.console.join('\n'),
    note: result.stopped
      ? `Not completed: ${result.stopped}`
      : checks.length || result.networkError
        ? ''
        : result.skipped
          ? 'Not sent: a guard skipped it.'
          : 'No checks.',
    outcome,
    outcomeLabel,
    open: failed || warned || Boolean(result.networkError),
  };
}

function totalsView(totals: RunTotals) {
  const sent = totals.requests - totals.skipped;
  const passed = passedChecks(totals);
  const outcome: Outcome =
    totals.error || totals.networkErrors > 0
      ? 'error'
      : totals.failedChecks > 0
        ? 'failed'
        : totals.failedShouldChecks > 0
          ? 'warning'
          : 'passed';
  const headline =
    outcome === 'passed'
      ? totals.failedInfoChecks
        ? `No check failed; ${totals.failedInfoChecks} INFO check(s) did not hold`
        : `All ${totals.checks} checks passed`
      : outcome === 'failed'
        ? `${totals.failedChecks} of ${totals.checks} checks failed`
        : outcome === 'warning'
          ? `No check failed; ${totals.failedShouldChecks} SHOULD check(s) gave a warning`
          : totals.error
            ? 'The run stopped before its end'
            : `${totals.networkErrors} request(s) got no answer`;
  // Requests a guard skipped are the echo of an earlier failure: counted, and listed only when alone.
  const listed = totals.failures.length ? totals.failures : totals.blocked;
  return {
    outcome,
    headline,
    requests: `${totals.requests} (${sent} sent, ${totals.skipped} skipped)`,
    checks: `${totals.checks} (${passed} passed, ${totals.failedChecks} failed)`,
    failedChecks: totals.failedChecks,
    failedShouldChecks: totals.failedShouldChecks,
    failedInfoChecks: totals.failedInfoChecks,
    warnings: totals.warnings,
    skippedChecks: totals.skippedChecks,
    networkErrors: totals.networkErrors,
    duration: `${(totals.durationMs / 1000).toFixed(1)} s`,
    error: totals.error,
    leftovers: totals.leftovers,
    listed,
    blockedNote:
      totals.failures.length && totals.blocked.length
        ? `and ${totals.blocked.length} requests not sent: they needed what a failed request did not deliver`
        : '',
  };
}
