import { Benchmark } from './benchmark';
import { appendThroughPortBenchmark } from './benchmarks/append-through-port.bench';
import { emmettPeerBenchmark } from './benchmarks/emmett-peer.bench';
import { kpiQueryBenchmark } from './benchmarks/kpi-query.bench';
import { projectionLagBenchmark } from './benchmarks/projection-lag.bench';
import { projectionRebuildBenchmark } from './benchmarks/projection-rebuild.bench';

/**
 * Every benchmark the issues name, in the order they run on each seeded dataset: those that
 * only read the dataset first, then those that add events to the store.
 */
export const BENCHMARKS: readonly Benchmark[] = [
  appendThroughPortBenchmark,
  emmettPeerBenchmark,
  projectionRebuildBenchmark,
  kpiQueryBenchmark,
  projectionLagBenchmark,
];
