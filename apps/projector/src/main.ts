/**
 * The projector process: opens the stores the environment names (see `openStores`), brings
 * the read-model and audit tables up to date, and runs the projections and the audit's
 * followers (metric timeline, hash chain) until SIGTERM or SIGINT. Several may be started;
 * each build is run by one of them at a time.
 */
import 'reflect-metadata';
import { METRICS } from '@ledger/domain';
import { openStores } from '@ledger/event-store';
import {
  createReadModelDataSource,
  domainReportingEvents,
  migrateReadModels,
  ReportingProjection,
  startProjector,
} from '@ledger/projections';
import { startAuditFollowers } from './audit/audit-followers';

async function main(): Promise<void> {
  const stores = await openStores(process.env);
  const dataSource = createReadModelDataSource(stores.databaseUrl, 4);
  await dataSource.initialize();
  await migrateReadModels(dataSource);
  const logBatches = process.env.PROJECTOR_LOG_BATCHES === 'true';
  const projector = await startProjector({
    dataSource,
    eventStore: stores.eventStore,
    projections: [new ReportingProjection(METRICS, domainReportingEvents)],
    logBatches,
  });
  const audit = await startAuditFollowers({
    databaseUrl: stores.databaseUrl,
    eventStore: stores.eventStore,
    logBatches,
  });
  console.log(`projector: running (${stores.kind} store)`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`projector: ${signal}, stopping after the current batch`);
    await projector.stop();
    await audit.stop();
    await dataSource.destroy();
    await stores.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // A projection that cannot go on (e.g. superseded by a newer build) ends the process.
  const runners = [...projector.runners, audit.timeline];
  await Promise.all(runners.map((runner) => runner.done())).catch(async (error) => {
    console.error('projector:', error instanceof Error ? error.message : error);
    await audit.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await stores.close().catch(() => undefined);
    process.exit(1);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
