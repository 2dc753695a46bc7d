import { METRICS } from '@ledger/domain';
import { ReportingProjection, domainReportingEvents, rebuildProjection } from '@ledger/projections';
import { Benchmark, judged } from '../benchmark';
import { bareSequentialRead } from '../measure/bare-read';
import { timedMs } from '../measure/latency';
import { MB, RssSampler } from '../measure/rss-sampler';

/** The rebuild's own default batch; the bare read pages by the same size. */
const REBUILD_BATCH = 5_000;

const REBUILD = {
  name: 'rebuild all projections',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 0.4 },
} as const;
/**
 * "Memory bounded" read as: the rebuild holds one batch at a time, so the process grows by
 * a bounded amount whatever the number of events (compare the figure at 100k and 1M).
 */
const REBUILD_MEMORY = {
  name: 'rebuild: RSS growth of the rebuilding process',
  unit: 'MB',
  target: { kind: 'at-most', max: 100 },
} as const;

/**
 * Rebuilds the reporting projection (every metric of the catalogue, the facts, the plan)
 * from the first event, beside whatever build is active, until it takes over; against a
 * bare ordered read of the same events.
 */
export const projectionRebuildBenchmark: Benchmark = {
  name: 'projection-rebuild',
  figures: [REBUILD, REBUILD_MEMORY],

  async run({ size, database, log }) {
    await database.vacuum();
    const bare = await bareSequentialRead(database.pool, REBUILD_BATCH);
    log(`bare read: ${bare.events} events at ${Math.round(bare.eventsPerSecond)}/s`);
    const dataSource = await database.readModels();
    const projection = new ReportingProjection(METRICS, domainReportingEvents);
    const sampler = new RssSampler(process.pid, 100);
    const before = sampler.samples[0].bytes;
    let applied = 0;
    const ms = await timedMs(() =>
      rebuildProjection(
        { dataSource, eventStore: database.eventStore, projection, batchSize: REBUILD_BATCH },
        (progress) => (applied = progress.eventsDone),
      ),
    );
    sampler.stop();
    if (applied !== bare.events)
      throw new Error(`the rebuild applied ${applied} events of ${bare.events}`);
    log(`rebuild: ${applied} events in ${Math.round(ms)} ms`);
    return [
      judged(REBUILD, size, applied / (ms / 1000), {
        label: 'bare SELECT … ORDER BY position',
        figure: bare.eventsPerSecond,
      }),
      judged(
        REBUILD_MEMORY,
        size,
        (sampler.peakBytes - before) / MB,
        null,
        `peak ${Math.round(sampler.peakBytes / MB)} MB`,
      ),
    ];
  },
};
