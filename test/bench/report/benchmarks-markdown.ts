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
- "not run" names the error that stopped the benchmark (the api's own output is in
  \`bench-results/api.log\`).
- The HTTP benchmarks start the api compiled (\`tsc -p tsconfig.build.json\` into
  bench-results), so its RSS (from /proc) is the api's own, in PostgreSQL mode with
  DEMO_DATA=off and PROJECTOR=external, as docker-compose deploys it: the projections and
  the audit's followers (metric timeline, hash-chain recorder) run in the projector
  process, which is not started. Clients use keep-alive over 127.0.0.1. Single-event
  requests are sent on a fixed schedule and timed from when each was due; if 1000 of them
  are unanswered, sending stops and the row says so. Each is answered only once its event's
  commit is flushed to disk, so their p99 holds the server's slowest WAL flushes too; the
  baseline is that floor alone: one-row INSERTs committed durably on the same schedule.
  The disk's flushes slow down for seconds at a time, so requests and baseline take turns
  in 5-second slices (six each, the order swapped every round) and face the same disk.
  Inside the requests' slices, bare commits at 50/s run alongside them; their p99 is in
  the row's note: when it is high too, the disk stalled under both at once. A calm probe
  does not clear the disk: the appends commit far more often, so it is mostly their
  server process that performs a slow flush and waits for all of it, while a bare commit
  arriving meanwhile waits only for the rest (sampled every 5 ms during such runs: the
  append's process up to 176 ms in \`WALSync\`, the bare commits behind it on \`WALWrite\`).
- The rebuild runs as an operator runs it, \`npm run cli -- rebuild\` compiled, in a
  process of its own; its time runs from the CLI's start of the rebuild to its exit, and
  its memory is the growth of that process's RSS over the rebuild. Its baseline, the bare
  ordered read, also runs in a fresh process (in the bench's own, whose heap the benchmarks
  before it have grown, it read about 40 % slower).
- Each benchmark starts with a \`VACUUM ANALYZE\` and a \`CHECKPOINT\`, so the server is not
  still vacuuming or flushing what the one before it wrote; the periodic checkpoints of the
  server still fall where they fall.
- The load average is the machine's when the run started: other work running beside the
  benchmark weighs on every figure, the baselines included.
- Raw results: \`bench-results/latest.json\` (not committed). Run small with
  \`BENCH_SIZES=100000 npm run bench\`.
`;
}
