import { bulkBenchmarks } from './bulk.js';
import { fleetBenchmarks } from './fleet.js';
import { generation } from './generation.js';
import type { Benchmark } from './harness.js';
import { runOverheadBenchmarks } from './run-overhead.js';
import { simCapacityBenchmarks } from './sim-capacity.js';
import { startupBenchmarks } from './startup.js';

/**
 * Every benchmark `npm run bench` runs, in this order. A new one is a file in bench/ exporting a Benchmark (or a
 * function making several), and one line here.
 */
export const benchmarks: Benchmark[] = [
  ...startupBenchmarks(),
  generation,
  ...simCapacityBenchmarks(),
  ...runOverheadBenchmarks,
  ...fleetBenchmarks(),
  ...bulkBenchmarks(),
];
