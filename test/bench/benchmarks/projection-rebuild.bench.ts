import { rebuildProjections } from '@ledger/projections';
import { Benchmark, judged } from '../benchmark';
import { bareSequentialRead } from '../measure/bare-read';
import { timedMs } from '../measure/latency';
import { MB, RssSampler } from '../measure/rss-sampler';
import { benchProjections } from '../support/bench-projections';

/** The page size of the bare read: the rebuild's batches are at least as large. */
const BARE_PAGE = 5_000;

const REBUILD = {
  name: 'rebuild all projections',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 0.4 },
} as const;
/**
 * "Memory bounded" read as: a rebuild holds one batch at a time, so the process grows by
 * a bounded amount whatever the number of events (compare the figure at 100k and 1M).
 */
const REBUILD_MEMORY = {
  name: 'rebuild: RSS growth of the rebuilding process',
  unit: 'MB',
  target: { kind: 'at-most', max: 100 },
} as const;

/**
 * Rebuilds every projection of the system from the first event (the reporting projection
 * and the audit's metric timeline, together in one pass over the store), each beside
 * whatever build is active until it takes over; the rate is the events of the store over
 * the time of the whole rebuild, against a bare ordered read of the same events.
 */
export const projectionRebuildBenchmark: Benchmark = {
  name: 'projection-rebuild',
  figures: [REBUILD, REBUILD_MEMORY],

  async run({ size, database, log }) {
    await database.vacuum();
    const bare = await bareSequentialRead(database.pool, BARE_PAGE);
    log(`bare read: ${bare.events} events at ${Math.round(bare.eventsPerSecond)}/s`);
    const { projections, close } = await benchProjections(database);
    const sampler = new RssSampler(process.pid, 100);
    const before = sampler.samples[0].bytes;
    const done = new Map<string, { events: number; perSecond: number }>();
    let totalMs: number;
    try {
      totalMs = await timedMs(() =>
        rebuildProjections({ eventStore: database.eventStore, targets: projections }, (progress) =>
          done.set(progress.projection, {
            events: progress.eventsDone,
            perSecond: progress.eventsPerSecond,
          }),
        ),
      );
    } finally {
      sampler.stop();
      await close();
    }
    const rates: string[] = [];
    for (const { projection } of projections) {
      const applied = done.get(projection.name)?.events ?? 0;
      if (applied !== bare.events) {
        throw new Error(
          `the ${projection.name} rebuild applied ${applied} events of ${bare.events}`,
        );
      }
      rates.push(
        `${projection.name} ${done.get(projection.name)?.perSecond.toLocaleString('en')}/s`,
      );
    }
    log(`rebuild: ${rates.join(', ')}`);
    return [
      judged(
        REBUILD,
        size,
        bare.events / (totalMs / 1000),
        { label: 'bare SELECT … ORDER BY position', figure: bare.eventsPerSecond },
        rates.join(', '),
      ),
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
