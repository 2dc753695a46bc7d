import { Benchmark, judged } from '../benchmark';
import { MB, RssSampler } from '../measure/rss-sampler';
import { ApiProcess } from '../support/api-process';
import { recordBatchesConcurrently } from '../support/http-load';

const CLIENTS = 4;
const BATCH = 1_000;
const WARMUP_MS = 5_000;
const DURATION_MS = 30_000;

const THROUGHPUT = {
  name: 'HTTP recording, 1000-event batches, 4 clients',
  unit: 'events/s',
  target: { kind: 'at-least', min: 15_000 },
} as const;
const MEMORY = {
  name: 'api RSS peak during batch recording',
  unit: 'MB',
  target: { kind: 'at-most', max: 300 },
} as const;

/** POST /v1/events from 4 concurrent keep-alive clients, 1000 events a request, for 30 s. */
export const httpBatchRecordingBenchmark: Benchmark = {
  name: 'http-batch-recording',
  figures: [THROUGHPUT, MEMORY],

  async run({ size, database, log }) {
    const api = await ApiProcess.start(database.url);
    try {
      await recordBatchesConcurrently(api, {
        clients: CLIENTS,
        batchSize: BATCH,
        durationMs: WARMUP_MS,
        seed: 1,
      });
      const sampler = new RssSampler(api.pid, 200);
      const run = await recordBatchesConcurrently(api, {
        clients: CLIENTS,
        batchSize: BATCH,
        durationMs: DURATION_MS,
        seed: 2,
      });
      sampler.stop();
      log(`batches: ${run.events} events in ${run.seconds.toFixed(1)} s`);
      return [
        judged(THROUGHPUT, size, run.events / run.seconds, null),
        judged(MEMORY, size, sampler.peakBytes / MB, null),
      ];
    } finally {
      await api.stop();
    }
  },
};
