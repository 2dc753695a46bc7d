import { Benchmark, judged } from '../benchmark';
import { percentile, round } from '../measure/latency';
import { MB, RssSampler } from '../measure/rss-sampler';
import { ApiProcess } from '../support/api-process';
import { describeRateRun, recordSinglesAtRate } from '../support/http-load';

const RATE = 500;
const WARMUP_MS = 5_000;
const DURATION_MS = 30_000;

const P99 = {
  name: 'HTTP single-event requests at 500/s, p99',
  unit: 'ms',
  target: { kind: 'at-most', max: 50 },
} as const;
const MEMORY = {
  name: 'api RSS peak during single-event requests',
  unit: 'MB',
  target: { kind: 'at-most', max: 300 },
} as const;

/** One event per POST /v1/events, 500 requests a second on a fixed schedule, for 30 s. */
export const httpSingleEventBenchmark: Benchmark = {
  name: 'http-single-event',
  figures: [P99, MEMORY],

  async run({ size, database, log }) {
    const api = await ApiProcess.start(database.url);
    try {
      await recordSinglesAtRate(api, { perSecond: RATE, durationMs: WARMUP_MS, seed: 3 });
      const sampler = new RssSampler(api.pid, 200);
      const run = await recordSinglesAtRate(api, {
        perSecond: RATE,
        durationMs: DURATION_MS,
        seed: 4,
      });
      sampler.stop();
      const p50 = round(percentile(run.latenciesMs, 0.5), 1);
      log(
        `singles: ${run.latenciesMs.length} requests answered, p50 ${p50} ms; ${describeRateRun(run)}`,
      );
      return [
        judged(
          P99,
          size,
          percentile(run.latenciesMs, 0.99),
          null,
          `p50 ${p50} ms; ${describeRateRun(run)}`,
        ),
        judged(MEMORY, size, sampler.peakBytes / MB, null),
      ];
    } finally {
      await api.stop();
    }
  },
};
