import { gradeText } from '../../names.js';
import { MAX_REPORTED_BODY, type CheckResult, type HttpMessage, type RequestResult } from '../types.js';
import { bytes } from './units.js';

/** What a request came to, as the page colours it; the tabs filter on it. */
export type Outcome = 'passed' | 'failed' | 'warning' | 'error' | 'skipped';

/** A failed check is what it weighs under the run's profile: a failure, a warning or a note (INFO). */
type CheckState = 'passed' | 'failed' | 'warning' | 'note' | 'skipped';

const MARKS: Record<CheckState, string> = { passed: '✓', failed: '✗', warning: '!', note: 'i', skipped: '–' };
const FAILED_STATE = { failure: 'failed', warning: 'warning', info: 'note' } as const;
const OUTCOME_LABELS: Record<Outcome, string> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'warning',
  error: 'no answer',
  skipped: 'skipped',
};

function checkState(check: CheckResult): CheckState {
  return check.skipped ? 'skipped' : check.passed ? 'passed' : FAILED_STATE[check.severity];
}

export function outcomeOf(result: RequestResult): Outcome {
  const states = result.checks.map(checkState);
  if (result.networkError) return 'error';
  if (states.includes('failed')) return 'failed';
  if (states.includes('warning')) return 'warning';
  const allSkipped = states.length > 0 && states.every((state) => state === 'skipped');
  return result.skipped || result.stopped || allSkipped ? 'skipped' : 'passed';
}

/** What templates/reports/html/request.hbs shows of one request: its line, its checks, what went over the wire. */
export function requestView(result: RequestResult, outcome: Outcome) {
  const checks = result.checks.map((check) => {
    const state = checkState(check);
    return {
      name: check.name,
      // A MUST check no client was named for is the default: only the others are named.
      level: gradeText(check) === 'MUST' ? undefined : gradeText(check),
      state,
      // What its failure weighs under the run's profile.
      weight: check.skipped || check.passed ? undefined : check.severity,
      mark: MARKS[state],
      skipped: state === 'skipped',
      message: check.message,
    };
  });
  const answer = result.networkError
    ? 'no answer'
    : result.stopped
      ? 'not completed'
      : result.skipped
        ? 'not sent'
        : `${result.status ?? ''} ${result.statusText ?? ''}`.trim();
  const response = result.exchange?.response;
  const open = outcome === 'failed' || outcome === 'warning' || outcome === 'error';
  return {
    folderTitle: result.folder || '(no folder)',
    name: result.name,
    method: result.method,
    url: result.url,
    answer,
    duration: result.durationMs === undefined ? '' : `${result.durationMs} ms`,
    size: response ? bytes(response.size) : '',
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
    outcomeLabel: OUTCOME_LABELS[outcome],
    open,
    sent: result.exchange && messageView(result.exchange.request),
    // A failed request shows its answer at once: that is where the cause is.
    received: response && { ...messageView(response), open },
  };
}

function messageView(message: HttpMessage) {
  return {
    headers: message.headers,
    body: message.body,
    summary: `${message.headers.length} header${message.headers.length === 1 ? '' : 's'}, ${bytes(message.size)}`,
    cut:
      message.truncated &&
      `showing the first ${bytes(MAX_REPORTED_BODY)} of ${message.size.toLocaleString('en-US')} bytes`,
  };
}
