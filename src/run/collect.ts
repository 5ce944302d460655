import { zeroCounts } from '../report/types.js';
import type { EventEmitter } from 'node:events';
import { oneLine } from '../errors.js';
import { requestKey, type GradingProfile, type Severity } from '../names.js';
import type { RequestRules } from '../render/collection.js';
import type { Redactor } from '../report/redact.js';
import {
  ANSWERED_CHECK,
  checkId,
  PREREQUISITE_CHECK,
  type Reporter,
  type RequestResult,
  type RunTotals,
} from '../report/types.js';
import { describeNetworkError, TRANSPORT_ERRORS } from '../io/network-errors.js';
import { reportedMessage } from './http-message.js';
import { ConformanceTally } from './conformance.js';
import { gradeOf } from './grade.js';
import { folderOf, fromScript, type RequestEvent, type SdkItem } from './newman-events.js';

const MAX_LISTED_FAILURES = 50;

const FAILED_COUNT = {
  failure: 'failedChecks',
  warning: 'warningChecks',
  info: 'infoChecks',
} as const satisfies Record<Severity, keyof RunTotals>;

/**
 * Turns Newman's event streams (a run may take several Newman passes: the main one, then clean-up) into one
 * RequestResult per executed request, handed to the reporters as soon as the request's scripts finish.
 * Nothing accumulates but the totals, so memory stays flat however many requests a run sends.
 */
export class ResultCollector {
  private readonly started = Date.now();
  private readonly counts = zeroCounts();
  private readonly errors: string[] = [];
  private current: RequestResult | undefined;
  /** What the templates say of the current request: how its checks are graded. */
  private rules: RequestRules | undefined;
  private readonly conformance = new ConformanceTally();

  constructor(
    private readonly reporters: Reporter[],
    private readonly redactor: Redactor,
    private readonly profile: GradingProfile = 'strict',
  ) {}

  totals(): RunTotals {
    const error = this.errors.length ? this.errors.join('; ') : undefined;
    const { leftovers, handOver } = this;
    return {
      ...this.counts,
      conformance: this.conformance.summary({ error, networkErrors: this.counts.networkErrors, leftovers }),
      durationMs: Date.now() - this.started,
      ...(error ? { error } : {}),
      ...(leftovers ? { leftovers } : {}),
      ...(handOver ? { handOver } : {}),
    };
  }

  private leftovers: RunTotals['leftovers'];
  private handOver: string[] | undefined;

  recordLeftovers(leftovers: RunTotals['leftovers']): void {
    this.leftovers = leftovers;
  }

  /** What the run hands the admin (the Okta checklist): printed before the totals. */
  recordHandOver(lines: string[]): void {
    this.handOver = lines;
  }

  /** A reason the run could not go on (aborted, timed out, interrupted), redacted. */
  recordError(message: string): void {
    this.errors.push(this.redactor.redact(message));
  }

  attach(emitter: EventEmitter, rules: ReadonlyMap<string, RequestRules>): void {
    const { redactor } = this;
    emitter.on('beforeItem', (_err: unknown, o: { item: SdkItem }) => {
      this.finishItem();
      const folder = folderOf(o.item);
      this.rules = rules.get(requestKey(folder, o.item.name));
      this.current = {
        folder,
        name: o.item.name,
        method: o.item.request.method,
        url: redactor.redact(o.item.request.url.toString()),
        skipped: true,
        checks: [],
        console: [],
      };
    });

    emitter.on('request', (err: Error | null, o: RequestEvent) => {
      // Tokens and generated secrets are learned first, before any output about this answer is reported.
      const stream = o.response?.stream;
      if (stream && stream.length < 1_000_000) redactor.learnFromJson(stream.toString('utf8'));
      const location = o.response?.headers?.all().find((header) => header.key.toLowerCase() === 'location');
      if (location) redactor.learnFromUrl(String(location.value));
      // A script's pm.sendRequest (the admin token fetch) is not the item's own request.
      const current = this.current;
      if (!current || fromScript(o)) return;
      current.skipped = false;
      const url = o.request.url.toString();
      current.url = redactor.redact(url);
      current.exchange = { request: reportedMessage(o.request, redactor) };
      if (err) {
        const cause = redactor.redact(describeNetworkError(err, URL.parse(url)?.host));
        if ((err as { code?: string }).code === TRANSPORT_ERRORS.stopped) current.stopped = cause;
        else {
          current.networkError = cause;
          this.counts.networkErrors += 1;
        }
        return;
      }
      current.status = o.response!.code;
      current.statusText = redactor.redact(o.response!.status);
      current.durationMs = o.response!.responseTime;
      current.exchange.response = reportedMessage(o.response!, redactor);
    });

    emitter.on('assertion', (err: Error | null, o: { assertion: string; skipped?: boolean }) => {
      if (!this.current) return;
      const check = { name: o.assertion, ...gradeOf(this.rules, o.assertion, this.profile) };
      if (o.skipped) {
        this.current.checks.push({ ...check, passed: true, skipped: true });
        return;
      }
      const message = err ? redactor.redact(oneLine(err.message)) : undefined;
      this.current.checks.push({ ...check, passed: !err, ...(message ? { message } : {}) });
    });

    // A script that throws is never graded down: what it would have checked is unknown.
    emitter.on('exception', (_err: unknown, o: { error: Error }) => {
      this.current?.checks.push({
        name: 'scripts run without error',
        level: 'MUST',
        severity: 'failure',
        passed: false,
        message: redactor.redact(oneLine(`${o.error.name}: ${o.error.message}`)),
      });
    });

    emitter.on('console', (_err: unknown, o: { level: string; messages: unknown[] }) => {
      this.current?.console.push(
        redactor.redact(o.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')),
      );
    });

    emitter.on('item', () => this.finishItem());
    // An aborted pass ends without the 'item' event of the request that stopped it.
    emitter.on('done', () => this.finishItem());
  }

  private finishItem(): void {
    const result = this.current;
    if (!result) return;
    this.current = undefined;
    const totals = this.counts;
    totals.requests += 1;
    if (result.skipped) totals.skipped += 1;
    this.conformance.meet(result.folder);
    for (const check of result.checks) {
      if (check.skipped) {
        totals.skippedChecks += 1;
        continue;
      }
      totals.checks += 1;
      this.conformance.add(result.folder, check);
      if (check.passed) continue;
      const list =
        check.severity === 'warning'
          ? totals.warnings
          : check.severity === 'info'
            ? undefined
            : check.name === PREREQUISITE_CHECK
              ? totals.blocked
              : totals.failures;
      this.fail(check.severity, checkId(result, check.name), check.message ?? 'failed', list);
    }
    if (result.networkError) {
      totals.checks += 1;
      this.conformance.add(result.folder, { level: 'MUST', passed: false });
      this.fail('failure', checkId(result, ANSWERED_CHECK), result.networkError, totals.failures);
    }
    for (const reporter of this.reporters) reporter.request(result);
  }

  /** Counted by what it weighs; listed unless it only informs, which the summary leaves out. */
  private fail(severity: Severity, check: string, message: string, list: RunTotals['failures'] | undefined): void {
    this.counts[FAILED_COUNT[severity]] += 1;
    if (list && list.length < MAX_LISTED_FAILURES) list.push({ check, message });
  }
}
