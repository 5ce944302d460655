import type { EventEmitter } from 'node:events';
import { oneLine } from '../errors.js';
import type { Redactor } from '../report/redact.js';
import { checkId, PREREQUISITE_CHECK, type Reporter, type RequestResult, type RunTotals } from '../report/types.js';
import { describeNetworkError } from './network-errors.js';

/** The slice of postman-collection objects Newman's events carry that scimkit reads. */
interface SdkItem {
  name: string;
  parent(): { name?: string; parent?(): unknown } | undefined;
  request: { method: string; url: { toString(): string } };
}
interface SdkResponse {
  code: number;
  status: string;
  responseTime: number;
  stream?: Buffer;
}

const MAX_LISTED_FAILURES = 50;

/**
 * Turns Newman's event stream into one RequestResult per executed request, handed to the reporters as soon
 * as the request's scripts finish. Nothing accumulates but the totals, so memory stays flat however many
 * requests a run sends.
 */
export function collectResults(emitter: EventEmitter, reporters: Reporter[], redactor: Redactor, started: number) {
  const totals: RunTotals = {
    requests: 0,
    skipped: 0,
    checks: 0,
    failedChecks: 0,
    skippedChecks: 0,
    networkErrors: 0,
    durationMs: 0,
    failures: [],
    blocked: [],
  };
  let current: RequestResult | undefined;

  const fail = (check: string, message: string, list = totals.failures) => {
    totals.failedChecks += 1;
    if (list.length < MAX_LISTED_FAILURES) list.push({ check, message });
  };

  emitter.on('beforeItem', (_err: unknown, o: { item: SdkItem }) => {
    const parent = o.item.parent();
    current = {
      folder: parent && typeof parent.parent === 'function' && parent.parent() ? (parent.name ?? '') : '',
      name: o.item.name,
      method: o.item.request.method,
      url: redactor.redact(o.item.request.url.toString()),
      skipped: true,
      checks: [],
      console: [],
    };
  });

  emitter.on(
    'request',
    (err: Error | null, o: { request: { url: { toString(): string } }; response?: SdkResponse }) => {
      if (!current) return;
      current.skipped = false;
      current.url = redactor.redact(o.request.url.toString());
      if (err) {
        current.networkError = redactor.redact(describeNetworkError(err));
        totals.networkErrors += 1;
        return;
      }
      const response = o.response!;
      // Tokens and generated secrets are learned before any script output about this answer is reported.
      if (response.stream && response.stream.length < 1_000_000)
        redactor.learnFromJson(response.stream.toString('utf8'));
      current.status = response.code;
      current.statusText = response.status;
      current.durationMs = response.responseTime;
    },
  );

  emitter.on('assertion', (err: Error | null, o: { assertion: string; skipped?: boolean }) => {
    if (!current) return;
    if (o.skipped) {
      current.checks.push({ name: o.assertion, passed: true, skipped: true });
      return;
    }
    const message = err ? redactor.redact(oneLine(err.message)) : undefined;
    current.checks.push({ name: o.assertion, passed: !err, ...(message ? { message } : {}) });
  });

  emitter.on('exception', (_err: unknown, o: { error: Error }) => {
    if (!current) return;
    current.checks.push({
      name: 'scripts run without error',
      passed: false,
      message: redactor.redact(`${o.error.name}: ${o.error.message}`),
    });
  });

  emitter.on('console', (_err: unknown, o: { level: string; messages: unknown[] }) => {
    current?.console.push(
      redactor.redact(o.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')),
    );
  });

  emitter.on('item', () => {
    if (!current) return;
    const result = current;
    current = undefined;
    totals.requests += 1;
    if (result.skipped) totals.skipped += 1;
    for (const check of result.checks) {
      if (check.skipped) totals.skippedChecks += 1;
      else totals.checks += 1;
      if (check.passed) continue;
      const list = check.name === PREREQUISITE_CHECK ? totals.blocked : totals.failures;
      fail(checkId(result, check.name), check.message ?? 'failed', list);
    }
    if (result.networkError) fail(checkId(result, 'request is answered'), result.networkError);
    for (const reporter of reporters) reporter.request(result);
  });

  return {
    totals: (): RunTotals => ({ ...totals, durationMs: Date.now() - started }),
  };
}
