/**
 * The benchmark harness: each benchmark measures a subject against its baseline in the same run, several times,
 * interleaved (baseline, subject, baseline, …) so that a machine getting busier weighs on both alike, and reports
 * the medians and their ratio. Targets are ratios, never absolute times: they hold on any machine or on none.
 */

/** One side of a comparison: measures once, returning the figure in the benchmark's unit. */
export interface Side {
  label: string;
  measure(): Promise<number>;
}

export interface Benchmark {
  /** Stable and unique: `npm run bench -- --only <name>` picks it. */
  name: string;
  /** What a figure counts; `higher` units (throughput) are better when larger. */
  unit: 'ms' | 'MiB' | 'req/s' | 'ratio';
  baseline: Side;
  subject: Side;
  /** subject/baseline must be at most (lower is better) or at least (higher is better) this. */
  target?: { ratio: number; better: 'lower' | 'higher' };
  /** Interleaved pairs measured; the median of each side is reported. Default 5. */
  runs?: number;
  /** Pairs run first and thrown away (module caches, JIT). Default 1. */
  warmups?: number;
  /** Set-up before the first run and tear-down after the last (a server started once). */
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
  /** How to reproduce it by hand, for BENCHMARKS.md. */
  reproduce: string;
}

export interface BenchmarkResult {
  name: string;
  unit: Benchmark['unit'];
  baseline: { label: string; median: number; runs: number[] };
  subject: { label: string; median: number; runs: number[] };
  ratio: number;
  target?: Benchmark['target'];
  /** Undefined when the benchmark has no target. */
  met?: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function runBenchmark(benchmark: Benchmark): Promise<BenchmarkResult> {
  const runs = benchmark.runs ?? 5;
  const warmups = benchmark.warmups ?? 1;
  const baseline: number[] = [];
  const subject: number[] = [];
  await benchmark.setUp?.();
  try {
    for (let i = 0; i < warmups + runs; i += 1) {
      // Alternate which side goes first, so neither always meets the warmer machine.
      const pair = i % 2 ? [benchmark.subject, benchmark.baseline] : [benchmark.baseline, benchmark.subject];
      for (const side of pair) {
        const figure = await side.measure();
        if (i >= warmups) (side === benchmark.baseline ? baseline : subject).push(figure);
      }
    }
  } finally {
    await benchmark.tearDown?.();
  }
  const result: BenchmarkResult = {
    name: benchmark.name,
    unit: benchmark.unit,
    baseline: { label: benchmark.baseline.label, median: median(baseline), runs: baseline },
    subject: { label: benchmark.subject.label, median: median(subject), runs: subject },
    ratio: median(subject) / median(baseline),
    target: benchmark.target,
  };
  if (benchmark.target)
    result.met =
      benchmark.target.better === 'lower'
        ? result.ratio <= benchmark.target.ratio
        : result.ratio >= benchmark.target.ratio;
  return result;
}

/** Wall-clock milliseconds of one call. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
