import { EventStore } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Projection } from '../engine/projection';
import { exclusivityFor, isPglite } from '../engine/projection-exclusivity';
import { ProjectionRunner } from '../engine/projection-runner';
import { SharedStoreReads } from './shared-store-reads';

/**
 * Events per rebuild transaction. A rebuild holds a few such pages (those the projections
 * are applying and the shared reads keep ahead), so this bounds its memory; 20,000 made the
 * process grow by ~175 MB for no gain in rate over 5,000, the per-batch statements being a
 * small share of a building batch.
 */
const REBUILD_BATCH_SIZE = 5_000;

/** A projection to rebuild and the database its read models live in. */
export interface RebuildTarget {
  projection: Projection;
  dataSource: DataSource;
}

export interface RebuildOptions {
  eventStore: EventStore;
  targets: readonly RebuildTarget[];
  batchSize?: number;
}

export interface RebuildProgress {
  projection: string;
  version: string;
  /** Events applied so far by this rebuild. */
  eventsDone: number;
  position: number;
  headPosition: number;
  eventsPerSecond: number;
  /** Estimated from the rate and the positions left; positions need not be contiguous. */
  secondsLeft: number | null;
  status: 'building' | 'active';
}

/**
 * A projection has caught up with the store and its new build is taking over: its
 * `completeVersion` (on PostgreSQL, aggregating and indexing every row the rebuild
 * appended), then the switch. Reported when it starts, and again with its duration once
 * the build is active, so an operator knows the silence in between is work.
 */
export type RebuildTakeover = {
  projection: string;
  version: string;
  position: number;
} & ({ status: 'taking over' } | { status: 'took over'; seconds: number });

export type RebuildReport = RebuildProgress | RebuildTakeover;

/**
 * Builds each projection anew beside its active build, which keeps answering, and switches
 * each to its new build once it has caught up. The projections are rebuilt together, in one
 * pass over the store: every page is read once for all of them (`SharedStoreReads`), and
 * while one projection's batch is being written the others' are too. `onProgress` is called
 * after each batch of each projection and as each takes over (the CLI's `rebuild` command
 * prints it). Resolves with the new builds' keys, in the order of `targets`, once all are
 * active.
 */
export async function rebuildProjections(
  options: RebuildOptions,
  onProgress: (report: RebuildReport) => void,
): Promise<string[]> {
  const started = Date.now();
  const head = new HeadPosition(options.eventStore, await options.eventStore.headPosition());
  const reads = new SharedStoreReads(options.eventStore, options.targets.length);
  const takeovers: (number | undefined)[] = options.targets.map(() => undefined);
  const runners = await Promise.all(
    options.targets.map(async ({ projection, dataSource }, index) => {
      let eventsDone = 0;
      return new ProjectionRunner({
        dataSource,
        eventStore: reads.view(index),
        projection,
        exclusivity: await exclusivityFor(dataSource, `rebuild:${randomUUID()}`),
        batchSize: options.batchSize ?? REBUILD_BATCH_SIZE,
        prefetch: !(await isPglite(dataSource)),
        freshBuild: true,
        stopWhenCaughtUp: true,
        onBatch: (batch) => {
          eventsDone += batch.events;
          const seconds = Math.max((Date.now() - started) / 1_000, 0.001);
          const positionRate = batch.toPosition / seconds;
          const headPosition = Math.max(head.latest(), batch.toPosition);
          onProgress({
            projection: projection.name,
            version: batch.version,
            eventsDone,
            position: batch.toPosition,
            headPosition,
            eventsPerSecond: Math.round(eventsDone / seconds),
            secondsLeft:
              positionRate > 0
                ? Math.round((headPosition - batch.toPosition) / positionRate)
                : null,
            status: batch.status === 'active' ? 'active' : 'building',
          });
        },
        onTakingOver: ({ version, position }) => {
          takeovers[index] = Date.now();
          onProgress({ projection: projection.name, version, position, status: 'taking over' });
        },
        onError: (error) => {
          throw error;
        },
      });
    }),
  );
  const finished = runners.map((runner, index) =>
    runner
      .done()
      .then(() => {
        const { build } = runner;
        const startedAt = takeovers[index];
        if (!build || startedAt === undefined) return;
        onProgress({
          projection: options.targets[index].projection.name,
          version: build.version,
          position: build.position,
          status: 'took over',
          seconds: (Date.now() - startedAt) / 1_000,
        });
      })
      .finally(() => reads.release(index)),
  );
  try {
    await Promise.all(finished);
  } catch (error) {
    // One projection failed: the others stop after their current batch; their builds stay
    // `building` and the next rebuild resumes them.
    await Promise.all(runners.map((runner) => runner.stop()));
    throw error;
  }
  return runners.map((runner) => {
    const build = runner.build;
    if (!build || build.status !== 'active')
      throw new Error('The rebuild stopped before taking over');
    return build.version;
  });
}

/** The store's head for progress estimates, asked again at most every two seconds. */
class HeadPosition {
  private askedAt = Date.now();

  constructor(
    private readonly eventStore: EventStore,
    private position: number,
  ) {}

  latest(): number {
    if (Date.now() - this.askedAt > 2_000) {
      this.askedAt = Date.now();
      this.eventStore.headPosition().then(
        (head) => (this.position = head),
        () => undefined,
      );
    }
    return this.position;
  }
}

/**
 * One line for a terminal: `reporting: 123,456 events, 45,000/s, 12 s left (position
 * 130000/250000, 4.5f0962e7.r2 building)`, or a takeover's start or end.
 */
export function formatRebuildProgress(progress: RebuildReport): string {
  if (progress.status === 'taking over')
    return `${progress.projection}: caught up at position ${progress.position}; build ${progress.version} is taking over (completing its read models)`;
  if (progress.status === 'took over')
    return `${progress.projection}: build ${progress.version} took over in ${progress.seconds.toFixed(1)} s`;
  const left = progress.secondsLeft === null ? '?' : `${progress.secondsLeft} s`;
  return `${progress.projection}: ${progress.eventsDone.toLocaleString('en')} events, ${progress.eventsPerSecond.toLocaleString('en')}/s, ${left} left (position ${progress.position}/${progress.headPosition}, ${progress.version} ${progress.status})`;
}
