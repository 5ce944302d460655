import type { RequestResult } from '../types.js';

/** Response times and bytes received, as running sums: nothing is kept per request, however long the run. */
export class ResponseStats {
  /** Requests that got an answer (those with a response time). */
  answered = 0;
  /** Bytes of every answer's body. */
  received = 0;
  min = Infinity;
  max = 0;
  private mean = 0;
  /** Sum of squared distances from the mean (Welford): the variance without keeping the times. */
  private squares = 0;

  add(result: RequestResult): void {
    this.received += result.exchange?.response?.size ?? 0;
    const time = result.durationMs;
    if (time === undefined) return;
    this.answered += 1;
    const before = this.mean;
    this.mean += (time - before) / this.answered;
    this.squares += (time - before) * (time - this.mean);
    this.min = Math.min(this.min, time);
    this.max = Math.max(this.max, time);
  }

  /** Average response time, in ms. */
  average(): number {
    return this.mean;
  }

  /** Population standard deviation of the response times, in ms (as Newman reports it). */
  deviation(): number {
    return this.answered ? Math.sqrt(this.squares / this.answered) : 0;
  }
}
