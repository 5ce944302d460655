import type { GradingProfile } from '../../names.js';
import { passedChecks, type Conformance, type RequestResult, type RunTotals } from '../types.js';
import { verdictText } from '../verdict.js';
import type { Outcome } from './request-view.js';
import { bytes, seconds } from './units.js';

/** What the dashboard counts of a set of requests: a few numbers, whatever the number of requests. */
interface Counts {
  requests: number;
  /** Requests by outcome, for the tabs ('error' counts as failed: no answer came). */
  failed: number;
  warned: number;
  skipped: number;
  checksPassed: number;
  checksFailed: number;
  checksWarned: number;
  checksSkipped: number;
  /** Response times of the requests that got an answer, and their number. */
  answeredMs: number;
  answered: number;
  receivedBytes: number;
}

const zero = (): Counts => ({
  requests: 0,
  failed: 0,
  warned: 0,
  skipped: 0,
  checksPassed: 0,
  checksFailed: 0,
  checksWarned: 0,
  checksSkipped: 0,
  answeredMs: 0,
  answered: 0,
  receivedBytes: 0,
});

/**
 * The dashboard's counters, for the run and per folder, added to as each request streams by and shown at the
 * end. It keeps numbers, never a request: a run of thousands of users costs no more memory than a run of one.
 */
export class Dashboard {
  private readonly run = zero();
  private readonly folders = new Map<string, Counts>();

  add(result: RequestResult, outcome: Outcome): void {
    let folder = this.folders.get(result.folder);
    if (!folder) this.folders.set(result.folder, (folder = zero()));
    for (const counts of [this.run, folder]) count(counts, result, outcome);
  }

  /** The failed tab opens first when a request failed: a failing run shows its failures without a click. */
  get failing(): boolean {
    return this.run.failed > 0;
  }

  view(totals: RunTotals, profile: GradingProfile) {
    const { run } = this;
    const failing = this.failing;
    return {
      ...headline(totals, profile),
      tiles: [
        { label: 'Requests', value: totals.requests, detail: `${totals.requests - totals.skipped} sent`, state: '' },
        { label: 'Checks passed', value: passedChecks(totals), detail: `of ${totals.checks}`, state: 'passed' },
        {
          label: 'Failed',
          value: totals.failedChecks,
          detail: totals.networkErrors ? `${totals.networkErrors} without an answer` : '',
          state: totals.failedChecks ? 'failed' : '',
        },
        {
          label: 'Warnings',
          value: totals.warningChecks,
          detail: totals.infoChecks ? `${totals.infoChecks} INFO notes` : '',
          state: totals.warningChecks ? 'warning' : '',
        },
        { label: 'Skipped checks', value: totals.skippedChecks, detail: '', state: '' },
        { label: 'Duration', value: seconds(totals.durationMs), detail: '', state: '' },
        { label: 'Average response', value: average(run), detail: `${bytes(run.receivedBytes)} received`, state: '' },
      ],
      folders: [...this.folders].map(([name, counts]) => ({
        name: name || '(no folder)',
        ...counts,
        average: average(counts),
        state: counts.failed ? 'failed' : counts.warned ? 'warning' : 'passed',
      })),
      // On a failing run the failures come first: the table waits behind a click.
      foldersOpen: !failing,
      conformance: conformanceView(totals.conformance, profile),
      tabs: [
        { id: 'all', label: 'All', count: run.requests, none: 'No request was run.' },
        { id: 'failed', label: 'Failed', count: run.failed, none: 'No request failed.' },
        { id: 'warning', label: 'Warnings', count: run.warned, none: 'No request gave a warning.' },
        { id: 'skipped', label: 'Skipped', count: run.skipped, none: 'No request was skipped.' },
      ].map((tab) => ({
        ...tab,
        selected: tab.id === (failing ? 'failed' : 'all'),
        alarm: tab.id === 'failed' && tab.count > 0,
      })),
    };
  }
}

function count(counts: Counts, result: RequestResult, outcome: Outcome): void {
  counts.requests += 1;
  if (outcome === 'failed' || outcome === 'error') counts.failed += 1;
  else if (outcome === 'warning') counts.warned += 1;
  else if (outcome === 'skipped') counts.skipped += 1;
  for (const check of result.checks) {
    if (check.skipped) counts.checksSkipped += 1;
    else if (check.passed) counts.checksPassed += 1;
    else if (check.severity === 'failure') counts.checksFailed += 1;
    else if (check.severity === 'warning') counts.checksWarned += 1;
  }
  // A request without an answer fails the check scimkit makes of every request.
  if (result.networkError) counts.checksFailed += 1;
  if (result.durationMs !== undefined) {
    counts.answeredMs += result.durationMs;
    counts.answered += 1;
  }
  counts.receivedBytes += result.exchange?.response?.size ?? 0;
}

function average(counts: Counts): string {
  return counts.answered ? `${Math.round(counts.answeredMs / counts.answered)} ms` : '–';
}

/** The run's outcome in one line, and the lists under it. */
function headline(totals: RunTotals, profile: GradingProfile) {
  const outcome: Outcome =
    totals.error || totals.networkErrors > 0
      ? 'error'
      : totals.failedChecks > 0
        ? 'failed'
        : totals.warningChecks > 0
          ? 'warning'
          : 'passed';
  const headline =
    outcome === 'passed'
      ? totals.infoChecks
        ? `No check failed; ${totals.infoChecks} INFO check(s) did not hold`
        : `All ${totals.checks} checks passed`
      : outcome === 'failed'
        ? `${totals.failedChecks} of ${totals.checks} checks failed`
        : outcome === 'warning'
          ? `No check failed; ${totals.warningChecks} ${profile === 'strict' ? 'SHOULD ' : ''}check(s) gave a warning`
          : totals.error
            ? 'The run stopped before its end'
            : `${totals.networkErrors} request(s) got no answer`;
  // Requests a guard skipped are the echo of an earlier failure: counted, and listed only when alone.
  const listed = totals.failures.length ? totals.failures : totals.blocked;
  return {
    outcome,
    headline,
    error: totals.error,
    leftovers: totals.leftovers,
    warnings: totals.warnings,
    listed,
    blockedNote:
      totals.failures.length && totals.blocked.length
        ? `and ${totals.blocked.length} requests not sent: they needed what a failed request did not deliver`
        : '',
  };
}

/** The conformance summary: per section the checks by level, and per profile whether the run would pass under it. */
function conformanceView(conformance: Conformance, profile: GradingProfile) {
  return {
    sections: conformance.sections.map((section) => ({
      ...section,
      state: section.MUST.failed ? 'failed' : section.SHOULD.failed ? 'warning' : 'passed',
    })),
    profiles: conformance.profiles.map((verdict) => ({
      ...verdict,
      own: verdict.profile === profile,
      state: verdict.passes ? 'passed' : 'failed',
      verdict: verdictText(verdict),
    })),
  };
}
