import { HashChainRecorder, MetricTimelineProjection, openAuditDatabase } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { ProjectionRunner, startProjector } from '@ledger/projections';

export interface RunningAuditFollowers {
  /** The metric timeline's runner, for waiting on its end like the reporting projection's. */
  timeline: ProjectionRunner;
  stop(): Promise<void>;
}

/**
 * The audit's followers of the store, beside the reporting projection when projections run
 * outside the api: the metric timeline (on the projection engine, so a second projector
 * waits for its lease) and the hash-chain recorder (whose ledger key lets one recorder at a
 * time advance the chain). The audit tables are migrated first, as the api does.
 */
export async function startAuditFollowers(options: {
  databaseUrl: string;
  eventStore: EventStore;
  env?: NodeJS.ProcessEnv;
  logBatches?: boolean;
}): Promise<RunningAuditFollowers> {
  const { database, dataSource, close } = await openAuditDatabase(options.databaseUrl);
  let timeline: Awaited<ReturnType<typeof startProjector>>;
  try {
    timeline = await startProjector({
      dataSource,
      eventStore: options.eventStore,
      projections: [new MetricTimelineProjection(METRICS)],
      logBatches: options.logBatches ?? false,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const recorder = HashChainRecorder.configured(
    options.eventStore,
    database,
    options.env ?? process.env,
  );
  recorder.start();
  return {
    timeline: timeline.runners[0],
    stop: async () => {
      await timeline.stop();
      await recorder.stop();
      await close();
    },
  };
}
