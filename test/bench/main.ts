/**
 * `npm run bench`: for each dataset size (BENCH_SIZES, default 100000,1000000) a fresh
 * database is seeded with synthetic activities through the event-store port, every
 * benchmark of `benchmark-list.ts` runs against it, and the results are printed as a table,
 * written to bench-results/latest.json and recorded in BENCHMARKS.md.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchDatabase } from './bench-database';
import { Benchmark, BenchmarkResult, SeedWriter, notRun } from './benchmark';
import { BENCHMARKS } from './benchmark-list';
import { seedDataset } from './dataset/seed-dataset';
import { describeMachine, machineLine } from './report/machine';
import { benchmarksMarkdown } from './report/benchmarks-markdown';
import { textTable } from './report/results-table';

const ROOT = join(__dirname, '..', '..');

function sizesFromEnvironment(): number[] {
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000')
    .split(',')
    .map((size) => Number(size.trim().replace(/_/g, '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1_000)) {
    throw new Error('BENCH_SIZES must be a comma-separated list of integers of at least 1000');
  }
  return sizes;
}

/** BENCH_ONLY=name,name runs only those benchmarks (their names in benchmark-list.ts). */
function selectedBenchmarks(): readonly Benchmark[] {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!only?.length) return BENCHMARKS;
  const unknown = only.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY names no benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((benchmark) => only.includes(benchmark.name));
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function runSize(size: number, benchmarks: readonly Benchmark[]): Promise<BenchmarkResult[]> {
  log(`dataset of ${size.toLocaleString('en')} events: creating the database`);
  const database = await BenchDatabase.create();
  const results: BenchmarkResult[] = [];
  try {
    const writers: SeedWriter[] = [];
    for (const benchmark of benchmarks) {
      writers.push(...((await benchmark.seedWriters?.({ size, database, log })) ?? []));
    }
    const seedTimings = await seedDataset(database.eventStore, size, writers, log);
    for (const benchmark of benchmarks) {
      // What ran before is vacuumed and flushed now, not while this benchmark measures: the
      // HTTP batch run leaves hundreds of MB dirty and over 500k rows for autovacuum, and
      // single-event latency then measured that work on the same two cores.
      await database.vacuum();
      await database.pool.query('CHECKPOINT');
      log(`${benchmark.name}: running`);
      try {
        results.push(...(await benchmark.run({ size, database, seedTimings, log })));
      } catch (error) {
        const reason = `failed: ${error instanceof Error ? error.message : String(error)}`;
        log(`${benchmark.name}: ${reason}`);
        results.push(...benchmark.figures.map((figure) => notRun(figure, size, reason)));
      }
    }
  } finally {
    await database.close();
  }
  return results;
}

async function main(): Promise<void> {
  const sizes = sizesFromEnvironment();
  const benchmarks = selectedBenchmarks();
  const machine = await describeMachine();
  const started = new Date();
  log(`machine: ${machineLine(machine)}`);
  const results: BenchmarkResult[] = [];
  const done: number[] = [];
  let finished = new Date();
  for (const size of sizes) {
    results.push(...(await runSize(size, benchmarks)));
    done.push(size);
    finished = new Date();
    // Written after every size, so a long run that is stopped keeps what it measured.
    const run = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      machine,
      sizes: done,
      results,
    };
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results', 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
    // A partial run (BENCH_ONLY) is for working on one benchmark; BENCHMARKS.md keeps whole runs.
    if (benchmarks === BENCHMARKS)
      writeFileSync(join(ROOT, 'BENCHMARKS.md'), benchmarksMarkdown(run));
  }
  process.stdout.write(`\n${textTable(results)}\n\n`);
  const short = results.filter((result) => result.verdict === 'falls short').length;
  const skipped = results.filter((result) => result.verdict === 'not run').length;
  log(
    `done in ${Math.round((finished.getTime() - started.getTime()) / 1000)} s: ${results.length - short - skipped} pass, ${short} fall short, ${skipped} not run`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
