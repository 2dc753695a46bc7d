import { Benchmark, judged } from '../benchmark';
import { describeRateRun } from '../measure/at-rate';
import { MB, RssSampler } from '../measure/rss-sampler';
import { ApiProcess } from '../support/api-process';
import { recordBatchesConcurrently, recordSinglesAtRate } from '../support/http-load';

const DURATION_MS = 120_000;
/** The first 30 s let the heap and pools settle; growth is judged after them. */
const SETTLE_MS = 30_000;
const WINDOW_MS = 20_000;

const GROWTH = {
  name: 'api RSS growth over a 2-minute sustained run',
  unit: '%',
  target: { kind: 'at-most', max: 10 },
} as const;
const PEAK = {
  name: 'api RSS peak over the 2-minute run',
  unit: 'MB',
  target: { kind: 'at-most', max: 300 },
} as const;

/**
 * Two minutes of mixed recording (2 clients posting 1000-event batches, and 250
 * single-event requests a second); "does not grow" is read as: the mean RSS of the last
 * 20 s is within 10% of the mean RSS of the 20 s after the first 30 s.
 */
export const apiMemorySustainedBenchmark: Benchmark = {
  name: 'api-memory-sustained',
  figures: [GROWTH, PEAK],

  async run({ size, database, log }) {
    const api = await ApiProcess.start(database.url);
    try {
      const sampler = new RssSampler(api.pid, 500);
      const [, singles] = await Promise.all([
        recordBatchesConcurrently(api, {
          clients: 2,
          batchSize: 1_000,
          durationMs: DURATION_MS,
          seed: 5,
        }),
        recordSinglesAtRate(api, { perSecond: 250, durationMs: DURATION_MS, seed: 6 }),
      ]);
      sampler.stop();
      const settled = sampler.meanBetween(SETTLE_MS, SETTLE_MS + WINDOW_MS);
      const last = sampler.meanBetween(DURATION_MS - WINDOW_MS, DURATION_MS + 5_000);
      log(
        `sustained: RSS ${Math.round(settled / MB)} MB after settling, ${Math.round(last / MB)} MB at the end`,
      );
      return [
        judged(
          GROWTH,
          size,
          ((last - settled) / settled) * 100,
          null,
          `${Math.round(settled / MB)} → ${Math.round(last / MB)} MB; singles: ${describeRateRun(singles)}`,
        ),
        judged(PEAK, size, sampler.peakBytes / MB, null),
      ];
    } finally {
      await api.stop();
    }
  },
};
