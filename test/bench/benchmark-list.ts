import { Benchmark } from './benchmark';
import { apiMemorySustainedBenchmark } from './benchmarks/api-memory-sustained.bench';
import { appendThroughPortBenchmark } from './benchmarks/append-through-port.bench';
import { asOfQueryBenchmark } from './benchmarks/as-of-query.bench';
import { emmettPeerBenchmark } from './benchmarks/emmett-peer.bench';
import { httpBatchRecordingBenchmark } from './benchmarks/http-batch-recording.bench';
import { httpSingleEventBenchmark } from './benchmarks/http-single-event.bench';
import { kpiQueryBenchmark } from './benchmarks/kpi-query.bench';
import { projectionLagBenchmark } from './benchmarks/projection-lag.bench';
import { projectionRebuildBenchmark } from './benchmarks/projection-rebuild.bench';
import { verifyBenchmark } from './benchmarks/verify.bench';

/**
 * Every benchmark the issues name, in the order they run on each seeded dataset: those that
 * only read the dataset first, then those that add events to the store.
 */
export const BENCHMARKS: readonly Benchmark[] = [
  appendThroughPortBenchmark,
  emmettPeerBenchmark,
  projectionRebuildBenchmark,
  kpiQueryBenchmark,
  asOfQueryBenchmark,
  verifyBenchmark,
  projectionLagBenchmark,
  httpBatchRecordingBenchmark,
  httpSingleEventBenchmark,
  apiMemorySustainedBenchmark,
];
