import { build, type Histogram } from 'hdr-histogram-js';

/** Latencies of one step in a fixed-size histogram (1 µs to 10 min, 3 significant digits): flat in the count. */
export class Latency {
  private readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });

  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.min(600_000_000, Math.round(ms * 1000))));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Milliseconds at the given percentile (0–100), to a microsecond. */
  at(percentile: number): number {
    return this.histogram.getValueAtPercentile(percentile) / 1000;
  }
}
