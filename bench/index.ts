import { runBenchmark, type Benchmark, type BenchmarkResult } from './harness.js';
import { benchmarks } from './registry.js';

/**
 * `npm run bench [-- --only NAME[,NAME]] [-- --json FILE]`: runs every benchmark of the registry, one after the
 * other (never two at once: they would measure each other), and prints each figure with its ratio to the
 * baseline measured in the same run. Exit 0 whatever the figures: targets are read, not enforced, here.
 */
async function main(argv: string[]): Promise<void> {
  const only = valueOf(argv, '--only')?.split(',');
  const jsonFile = valueOf(argv, '--json');
  const chosen = only ? benchmarks.filter((b) => only.includes(b.name)) : benchmarks;
  if (only && chosen.length !== only.length) {
    const known = benchmarks.map((b) => b.name).join(', ');
    process.stderr.write(`bench: --only names no benchmark among: ${known}\n`);
    process.exitCode = 2;
    return;
  }
  const results: BenchmarkResult[] = [];
  for (const benchmark of chosen) {
    const result = await runBenchmark(benchmark);
    results.push(result);
    process.stdout.write(`${line(result, benchmark)}\n`);
  }
  if (jsonFile) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(jsonFile, `${JSON.stringify({ machine: await machine(), results }, null, 2)}\n`);
  }
}

function line(result: BenchmarkResult, benchmark: Benchmark): string {
  const figure = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ${result.unit}`;
  const target = result.target
    ? ` (target ${result.target.better === 'lower' ? '≤' : '≥'} ${result.target.ratio}×: ${result.met ? 'met' : 'NOT met'})`
    : '';
  return (
    `${benchmark.name}: ${result.subject.label} ${figure(result.subject.median)} / ${result.baseline.label} ` +
    `${figure(result.baseline.median)} = ${result.ratio.toFixed(2)}×${target}`
  );
}

async function machine(): Promise<Record<string, unknown>> {
  const os = await import('node:os');
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
  };
}

function valueOf(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

await main(process.argv.slice(2));
