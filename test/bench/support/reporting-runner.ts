import { METRICS } from '@ledger/domain';
import {
  ProjectionRunner,
  ReportingProjection,
  domainReportingEvents,
  exclusivityFor,
} from '@ledger/projections';
import { BenchDatabase } from '../bench-database';

/**
 * The reporting projection's runner on the bench database, started. With an active build of
 * this code (left by the rebuild benchmark) it carries on from its checkpoint.
 */
export async function startReportingRunner(
  database: BenchDatabase,
  options: { stopWhenCaughtUp: boolean },
): Promise<ProjectionRunner> {
  const dataSource = await database.readModels();
  const runner = new ProjectionRunner({
    dataSource,
    eventStore: database.eventStore,
    projection: new ReportingProjection(METRICS, domainReportingEvents),
    exclusivity: await exclusivityFor(dataSource, 'bench'),
    stopWhenCaughtUp: options.stopWhenCaughtUp,
    onError: (error) => {
      throw error;
    },
  });
  runner.start();
  return runner;
}

/** Brings the reporting projection up to the head, whichever benchmark ran before. */
export async function catchUpReporting(database: BenchDatabase): Promise<void> {
  const runner = await startReportingRunner(database, { stopWhenCaughtUp: true });
  await runner.done();
}
