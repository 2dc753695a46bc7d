import { randomUUID } from 'node:crypto';
import { Benchmark, judged } from '../benchmark';
import { BenchDatabase } from '../bench-database';
import { RateRun, describeRateRun, sendAtRate } from '../measure/at-rate';
import { percentile, round } from '../measure/latency';
import { MB, RssSampler } from '../measure/rss-sampler';
import { ApiProcess } from '../support/api-process';
import { recordSinglesAtRate } from '../support/http-load';

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

/**
 * One event per POST /v1/events, 500 requests a second on a fixed schedule, for 30 s. Every
 * answer waits for its event to be on disk; the baseline is what that alone costs on the
 * same server at the same rate: one-row INSERTs, each its own committed transaction, the
 * commit waiting for the WAL flush as PostgreSQL does by default.
 */
export const httpSingleEventBenchmark: Benchmark = {
  name: 'http-single-event',
  figures: [P99, MEMORY],

  async run({ size, database, log }) {
    const bare = await bareCommitsAtRate(database);
    const bareP99 = percentile(bare.latenciesMs, 0.99);
    log(
      `bare commits: p50 ${round(percentile(bare.latenciesMs, 0.5), 1)} ms, p99 ${round(bareP99, 1)} ms; ${describeRateRun(bare)}`,
    );
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
          { label: 'bare one-row INSERT + durable commit at 500/s, p99', figure: bareP99 },
          `p50 ${p50} ms; ${describeRateRun(run)}`,
        ),
        judged(MEMORY, size, sampler.peakBytes / MB, null),
      ];
    } finally {
      await api.stop();
    }
  },
};

/** The baseline: durable one-row commits into a plain table, on the same schedule. */
async function bareCommitsAtRate(database: BenchDatabase): Promise<RateRun> {
  await database.pool.query(
    'CREATE TABLE IF NOT EXISTS bench_bare_commits (id uuid PRIMARY KEY, data jsonb NOT NULL)',
  );
  try {
    return await sendAtRate({ perSecond: RATE, total: (RATE * DURATION_MS) / 1000 }, () =>
      database.pool.query('INSERT INTO bench_bare_commits (id, data) VALUES ($1, $2)', [
        randomUUID(),
        { type: 'ConsultationHandled', municipalityCode: '39201' },
      ]),
    );
  } finally {
    await database.pool.query('DROP TABLE bench_bare_commits');
  }
}
