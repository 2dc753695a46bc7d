import { EventStore } from '@ledger/event-store';
import { exclusivityFor, isPglite } from './projection-exclusivity';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';

export interface ProjectorOptions {
  dataSource: DataSource;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** One JSON line per applied batch on stdout (used by the exclusivity and crash tests). */
  logBatches?: boolean;
}

/**
 * Runs every projection until `stop()`. Used by the standalone projector process and, in
 * the embedded default, inside the api process.
 */
export async function startProjector(options: ProjectorOptions): Promise<{
  runners: ProjectionRunner[];
  stop(): Promise<void>;
}> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const runners: ProjectionRunner[] = [];
  const prefetch = !(await isPglite(options.dataSource));
  for (const projection of options.projections) {
    const runner = new ProjectionRunner({
      dataSource: options.dataSource,
      eventStore: options.eventStore,
      projection,
      exclusivity: await exclusivityFor(options.dataSource, owner),
      prefetch,
      onBatch: options.logBatches
        ? (batch) =>
            process.stdout.write(
              `${JSON.stringify({ pid: process.pid, projection: projection.name, ...batch })}\n`,
            )
        : undefined,
      onError: (error) => console.error(`projection ${projection.name}:`, error),
    });
    runner.start();
    runners.push(runner);
  }
  return {
    runners,
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}
