import type { Writable } from 'node:stream';
import type { BulkTally } from './tally.js';

/** A line on a terminal, redrawn a few times a second: users done, requests, rate. Nothing when not a terminal. */
export class Progress {
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Writable | undefined,
    private readonly tally: BulkTally,
    private readonly total: number | undefined,
  ) {
    if (!out || !(out as { isTTY?: boolean }).isTTY) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 250).unref();
  }

  private draw(): void {
    const { users, requests, started } = this.tally;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? requests / seconds : 0;
    const of = this.total ? `/${this.total}` : '';
    this.out!.write(`\r\x1b[Kusers ${users}${of}, ${requests} requests, ${rate.toFixed(0)} req/s`);
  }

  end(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.out!.write('\r\x1b[K');
  }
}
