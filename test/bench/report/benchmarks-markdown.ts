import { BenchmarkResult } from '../benchmark';
import { Machine, machineLine } from './machine';
import { markdownTable } from './results-table';

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  sizes: number[];
  results: BenchmarkResult[];
}

/** BENCHMARKS.md: the latest figures, where they ran, and how to read them. */
export function benchmarksMarkdown(run: BenchRun): string {
  const minutes = Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 6_000) / 10;
  return `# Benchmarks

Latest figures of \`npm run bench\` (written by it; do not edit by hand).

- Run: ${run.startedAt} (${minutes} min), datasets of ${run.sizes.map((size) => size.toLocaleString('en')).join(' and ')} events
- Machine: ${machineLine(run.machine)}

${markdownTable(run.results)}

## How to read this

- **figure**: what was measured; **baseline**: measured in the same run, on the same rows
  and the same server; **ratio**: figure ÷ baseline (for "faster" targets, baseline ÷ figure).
- The dataset is synthetic but realistic: every activity type of the domain catalogue, all
  34 municipalities, fiscal years 2021–2025, occurredOn spread over each year, about 2%
  retractions and supersessions, recorded through the event-store port in batches of 500
  (each batch its own stream, as the api records a batch), after the plan's events.
- Appends (ours, the bare multi-row INSERT and Emmett's store) are timed while the dataset is
  seeded: every batch goes to each writer in turn, the order alternating, so background load
  weighs on all of them alike.
- "not run" names why: code that does not exist yet, or the error that stopped it.
- Raw results: \`bench-results/latest.json\` (not committed). Run small with
  \`BENCH_SIZES=100000 npm run bench\`.
`;
}
