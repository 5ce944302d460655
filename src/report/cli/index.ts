import { bulkBlock } from './bulk.js';
import type { Writable } from 'node:stream';
import { gradeText, type GradingProfile } from '../../names.js';
import { passedChecks, type Reporter, type RequestResult, type RunInfo, type RunTotals } from '../types.js';
import { conformanceTable } from './conformance-table.js';
import { ResponseStats } from './stats.js';
import { runTable } from './table.js';

const useColor = (out: Writable) => Boolean((out as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR;

export interface CliOptions {
  /** A block per request as the run goes (the default); without it, the run's first lines and its summary only. */
  progress?: boolean;
}

/**
 * Human-readable progress on a terminal or CI log: one block per request, then the summary: Newman's table, the
 * counts, and what failed. Colour only on a terminal, and never with NO_COLOR.
 */
export class CliReporter implements Reporter {
  private folder: string | undefined;
  private readonly paint: (code: number, text: string) => string;
  private readonly progress: boolean;
  private readonly stats = new ResponseStats();
  private profile: GradingProfile = 'strict';

  constructor(
    private readonly out: Writable = process.stdout,
    { progress = true }: CliOptions = {},
  ) {
    this.paint = useColor(out) ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
    this.progress = progress;
  }

  start(info: RunInfo): void {
    this.profile = info.gradingProfile;
    this.print(
      this.paint(1, `scimkit run ${info.tenant}`) +
        ` (${info.target}, ${info.mode}, profile ${info.gradingProfile}) against ${info.baseUrl}, run id ${info.runId}`,
    );
    if (info.skippedFolders?.length) this.print(`read-only: folders not run: ${info.skippedFolders.join(', ')}`);
    if (info.skippedRequests?.length) this.print(`read-only: requests not sent: ${info.skippedRequests.join('; ')}`);
  }

  request(result: RequestResult): void {
    this.stats.add(result);
    if (this.progress) this.show(result);
  }

  private show(result: RequestResult): void {
    if (result.folder !== this.folder) {
      this.folder = result.folder;
      this.print('', this.paint(1, result.folder));
    }
    if (result.skipped && result.checks.length === 0) {
      this.print(this.paint(2, `  - ${result.name} (skipped)`));
      return;
    }
    const answer = result.networkError
      ? this.paint(31, result.networkError)
      : result.stopped
        ? this.paint(2, result.stopped)
        : result.skipped
          ? 'skipped'
          : `${result.status ?? ''} ${result.statusText ?? ''}`.trim() + this.paint(2, ` ${result.durationMs} ms`);
    this.print(`  ${result.name}`, this.paint(2, `    ${result.method} ${result.url}  `) + answer);
    for (const line of result.console) this.print(this.paint(36, `    · ${line}`));
    for (const check of result.checks) {
      const grade = gradeText(check);
      // A MUST check no client was named for is the default: it goes unnamed.
      const shown = grade === 'MUST' ? '' : ` (${grade})`;
      const message = check.message ? `: ${check.message}` : '';
      if (check.skipped) this.print(this.paint(2, `    - ${check.name}${shown} (skipped)`));
      else if (check.passed) this.print(`    ${this.paint(32, '✓')} ${check.name}${shown}`);
      else if (check.severity === 'failure') this.print(`    ${this.paint(31, `✗ ${check.name}${shown}`)}${message}`);
      else if (check.severity === 'warning')
        this.print(`    ${this.paint(33, `! ${check.name} (${grade}, warning)`)}${message}`);
      else this.print(`    ${this.paint(36, `i ${check.name} (${grade}, not a failure)`)}${message}`);
    }
  }

  async end(totals: RunTotals): Promise<void> {
    const failed = totals.failedChecks + totals.networkErrors;
    if (totals.handOver) this.print('', ...totals.handOver);
    // A bulk run has no requests of its own to tabulate: its block says what it did.
    const tables = totals.bulk
      ? bulkBlock(totals.bulk)
      : [
          runTable(totals, this.stats, this.paint),
          '',
          'Conformance:',
          conformanceTable(totals.conformance, this.profile, this.paint),
        ];
    this.print(
      '',
      ...tables,
      '',
      `${totals.requests - totals.skipped} requests sent, ${totals.skipped} skipped; ` +
        `${totals.checks} checks, ${passedChecks(totals)} passed, ${totals.failedChecks} failed` +
        (totals.warningChecks ? `, ${totals.warningChecks} warning(s)` : '') +
        (totals.infoChecks ? `, ${totals.infoChecks} informational` : '') +
        (totals.skippedChecks ? `, ${totals.skippedChecks} skipped` : '') +
        (totals.networkErrors ? `; ${totals.networkErrors} request(s) got no answer` : '') +
        ` (${(totals.durationMs / 1000).toFixed(1)} s)`,
    );
    if (totals.error) this.print(this.paint(31, `run stopped: ${totals.error}`));
    if (totals.leftovers) {
      this.print(
        this.paint(31, `Not cleaned up: ${totals.leftovers.description}`),
        `  retry with: ${totals.leftovers.retry}`,
      );
    }
    if (totals.warnings.length) {
      const which =
        this.profile === 'strict'
          ? 'failed SHOULD checks: they do not fail the run'
          : `failed checks ${this.profile} does not depend on: they do not fail the run under profile ${this.profile}`;
      this.print(this.paint(33, `Warnings (${which}):`));
      totals.warnings.forEach((w, i) => this.print(`  ${i + 1}. ${w.check}: ${w.message}`));
    }
    if (failed > 0) {
      this.print(this.paint(31, 'Failed:'));
      // Requests a guard skipped are the echo of an earlier failure: counted, and listed only when alone.
      const listed = totals.failures.length ? totals.failures : totals.blocked;
      listed.forEach((f, i) => this.print(`  ${i + 1}. ${f.check}: ${f.message}`));
      if (totals.failures.length && totals.blocked.length) {
        this.print(
          `  and ${totals.blocked.length} requests not sent: they needed what a failed request did not deliver`,
        );
      }
    }
  }

  private print(...lines: string[]): void {
    this.out.write(lines.map((line) => `${line}\n`).join(''));
  }
}
