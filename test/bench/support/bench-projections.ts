import { MetricTimelineProjection, openAuditDatabase } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import {
  Projection,
  ProjectionRunner,
  ReportingProjection,
  domainReportingEvents,
  exclusivityFor,
} from '@ledger/projections';
import { DataSource } from 'typeorm';
import { BenchDatabase } from '../bench-database';

/** A projection of the system with the database its migrations set up. */
export interface BenchProjection {
  projection: Projection;
  dataSource: DataSource;
}

/**
 * Every projection the system runs, as the api and the projector run them: the reporting
 * projection (read models) and the audit's metric timeline (as-of answers).
 */
export async function benchProjections(database: BenchDatabase): Promise<{
  projections: BenchProjection[];
  close(): Promise<void>;
}> {
  const readModels = await database.readModels();
  const audit = await openAuditDatabase(database.url);
  return {
    projections: [
      {
        projection: new ReportingProjection(METRICS, domainReportingEvents),
        dataSource: readModels,
      },
      { projection: new MetricTimelineProjection(METRICS), dataSource: audit.dataSource },
    ],
    close: () => audit.close(),
  };
}

/** A runner of the reporting projection, started; it carries on from the active build's checkpoint. */
export async function startReportingRunner(
  database: BenchDatabase,
  options: { stopWhenCaughtUp: boolean },
): Promise<ProjectionRunner> {
  const dataSource = await database.readModels();
  return startRunner(
    { projection: new ReportingProjection(METRICS, domainReportingEvents), dataSource },
    database,
    options,
  );
}

/** Brings every projection up to the head, whichever benchmark ran before. */
export async function catchUpProjections(database: BenchDatabase): Promise<void> {
  const { projections, close } = await benchProjections(database);
  try {
    for (const projection of projections) {
      await (await startRunner(projection, database, { stopWhenCaughtUp: true })).done();
    }
  } finally {
    await close();
  }
}

async function startRunner(
  { projection, dataSource }: BenchProjection,
  database: BenchDatabase,
  options: { stopWhenCaughtUp: boolean },
): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner({
    dataSource,
    eventStore: database.eventStore,
    projection,
    exclusivity: await exclusivityFor(dataSource, 'bench'),
    stopWhenCaughtUp: options.stopWhenCaughtUp,
    onError: (error) => {
      throw error;
    },
  });
  runner.start();
  return runner;
}
