import { randomUUID } from 'node:crypto';
import { Benchmark, judged } from '../benchmark';
import { BenchDatabase } from '../bench-database';
import { RateRun, describeRateRun, joinedRuns, sendAtRate } from '../measure/at-rate';
import { percentile, round } from '../measure/latency';
import { MB, RssSampler } from '../measure/rss-sampler';
import { ApiProcess } from '../support/api-process';
import { recordSinglesAtRate, singlesSender } from '../support/http-load';

const RATE = 500;
const WARMUP_MS = 5_000;
/** Each side's time at the rate, sent in slices that alternate with the other side's. */
const DURATION_MS = 30_000;
const SLICE_MS = 5_000;
/**
 * Bare commits sent alongside the requests, in their slices, at a tenth of their rate: a
 * stall the probe shares was the server's or the disk's; one it does not was ours.
 */
const PROBE_RATE = 50;

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

/**
 * One event per POST /v1/events, 500 requests a second on a fixed schedule, for 30 s. Every
 * answer waits for its event to be on disk; the baseline is what that alone costs on the
 * same server at the same rate: one-row INSERTs, each its own committed transaction, the
 * commit waiting for the WAL flush as PostgreSQL does by default. The disk's flushes slow
 * down for seconds at a time, so the two are sent in alternating 5-second slices (the order
 * swapped each round) and their tails are measured over the same stretch of time. A probe
 * of bare commits runs inside the requests' slices too, to tell whose stall a tail was.
 */
export const httpSingleEventBenchmark: Benchmark = {
  name: 'http-single-event',
  figures: [P99, MEMORY],

  async run({ size, database, log }) {
    const bare = await BareCommits.create(database);
    let api: ApiProcess | undefined;
    try {
      api = await ApiProcess.start(database.url);
      await recordSinglesAtRate(api, { perSecond: RATE, durationMs: WARMUP_MS, seed: 3 });
      const singles = singlesSender(api, 4);
      const perSlice = (RATE * SLICE_MS) / 1000;
      const sampler = new RssSampler(api.pid, 200);
      const singleRuns: RateRun[] = [];
      const bareRuns: RateRun[] = [];
      const probeRuns: RateRun[] = [];
      for (let slice = 0; slice < DURATION_MS / SLICE_MS; slice += 1) {
        const sides = [
          async () => {
            const [requests, probe] = await Promise.all([
              singles({ perSecond: RATE, total: perSlice }),
              bare.commit({ perSecond: PROBE_RATE, total: (PROBE_RATE * SLICE_MS) / 1000 }),
            ]);
            singleRuns.push(requests);
            probeRuns.push(probe);
          },
          async () => bareRuns.push(await bare.commit({ perSecond: RATE, total: perSlice })),
        ];
        for (const side of slice % 2 === 0 ? sides : sides.reverse()) await side();
      }
      sampler.stop();
      // Slice by slice, to tell a tail of our own (the probe calm beside it) from the
      // disk's (the probe slow too).
      singleRuns.forEach((singles, i) =>
        log(
          `slice ${i + 1}: singles ${sliceTail(singles)}; probe ${sliceTail(probeRuns[i])}; bare commits ${sliceTail(bareRuns[i])}`,
        ),
      );
      const run = joinedRuns(singleRuns);
      const baseline = joinedRuns(bareRuns);
      const bareP99 = percentile(baseline.latenciesMs, 0.99);
      log(
        `bare commits: p50 ${round(percentile(baseline.latenciesMs, 0.5), 1)} ms, p99 ${round(bareP99, 1)} ms; ${describeRateRun(baseline)}`,
      );
      const p50 = round(percentile(run.latenciesMs, 0.5), 1);
      const probeP99 = round(percentile(joinedRuns(probeRuns).latenciesMs, 0.99), 1);
      log(
        `singles: ${run.latenciesMs.length} requests answered, p50 ${p50} ms; ${describeRateRun(run)}`,
      );
      return [
        judged(
          P99,
          size,
          percentile(run.latenciesMs, 0.99),
          { label: 'bare one-row INSERT + durable commit at 500/s, p99', figure: bareP99 },
          `p50 ${p50} ms; bare commits alongside, p99 ${probeP99} ms; ${describeRateRun(run)}`,
        ),
        judged(MEMORY, size, sampler.peakBytes / MB, null),
      ];
    } finally {
      await api?.stop();
      await bare.drop();
    }
  },
};

/** The baseline: durable one-row commits into a plain table, sent like the requests. */
class BareCommits {
  private constructor(private readonly database: BenchDatabase) {}

  static async create(database: BenchDatabase): Promise<BareCommits> {
    await database.pool.query(
      'CREATE TABLE IF NOT EXISTS bench_bare_commits (id uuid PRIMARY KEY, data jsonb NOT NULL)',
    );
    return new BareCommits(database);
  }

  commit(schedule: { perSecond: number; total: number }): Promise<RateRun> {
    return sendAtRate(schedule, () =>
      this.database.pool.query('INSERT INTO bench_bare_commits (id, data) VALUES ($1, $2)', [
        randomUUID(),
        { type: 'ConsultationHandled', municipalityCode: '39201' },
      ]),
    );
  }

  async drop(): Promise<void> {
    await this.database.pool.query('DROP TABLE IF EXISTS bench_bare_commits');
  }
}

/** `p99 12.3 ms, max 45.6 ms, 7 over 50 ms`. */
function sliceTail(run: RateRun): string {
  const over = run.latenciesMs.filter((ms) => ms > 50).length;
  return `p99 ${round(percentile(run.latenciesMs, 0.99), 1)} ms, max ${round(Math.max(...run.latenciesMs), 1)} ms, ${over} over 50 ms`;
}
