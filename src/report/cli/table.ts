import Table from 'cli-table3';
import type { RunTotals } from '../types.js';
import type { ResponseStats } from './stats.js';

/** Colours a cell: the cli reporter's painter (plain text off a terminal, or with NO_COLOR). */
export type Paint = (code: number, text: string) => string;

const RED = 31;
const GREEN = 32;

/** Milliseconds as Newman prints them: 850ms, 2.4s, 3m 5s. */
export function formatDuration(ms: number): string {
  if (ms < 2000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** Bytes in decimal units, as Newman prints them: 512B, 1.5kB, 2.3MB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value}B` : `${value.toFixed(value < 10 ? 2 : 1)}${units[unit]}`;
}

/**
 * Newman's end-of-run table: requests and checks (executed, failed, skipped), then the run's duration, the data
 * received and the average response time. Colours come from `paint` only: the table's own are off, so a log
 * gets no escape sequence.
 */
export function runTable(totals: RunTotals, stats: ResponseStats, paint: Paint): string {
  const table = new Table({
    head: ['', 'executed', 'failed', 'skipped'],
    colAligns: ['right', 'right', 'right', 'right'],
    colWidths: [25],
    style: { head: [], border: [] },
  });
  const row = (label: string, executed: number, failed: number, skipped: number) =>
    table.push([paint(failed ? RED : GREEN, label), executed, failed ? paint(RED, String(failed)) : failed, skipped]);
  // A request sent is executed; one without an answer failed. Failed checks are the MUST ones: they fail the run.
  row('requests', totals.requests - totals.skipped, totals.networkErrors, totals.skipped);
  row('checks', totals.checks, totals.failedChecks, totals.skippedChecks);
  const line = (content: string) => table.push([{ colSpan: 4, content, hAlign: 'left' }]);
  line(`total run duration: ${formatDuration(totals.durationMs)}`);
  line(`total data received: ${formatBytes(stats.received)}`);
  if (stats.answered) {
    line(
      `average response time: ${formatDuration(stats.average())} ` +
        `[min: ${formatDuration(stats.min)}, max: ${formatDuration(stats.max)}, s.d.: ${formatDuration(stats.deviation())}]`,
    );
  }
  return table.toString();
}
