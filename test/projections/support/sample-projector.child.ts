/**
 * A projector process on the sample vocabulary, for the crash and exclusivity tests: the
 * same startProjector as apps/projector, against the PostgreSQL at argv[2].
 */
import { Pool } from 'pg';
import { startProjector } from '../../../libs/projections/src/engine/start-projector';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store';
import { ReportingProjection } from '../../../libs/projections/src/reporting/reporting.projection';
import {
  createReadModelDataSource,
  migrateReadModels,
} from '../../../libs/projections/src/read-model-data-source';
import { SAMPLE_EVENTS, SAMPLE_METRICS } from './sample-reporting-events';

async function main(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const eventStore = new PostgresEventStore(pool, { liveNotifications: true });
  await eventStore.initialize();
  const dataSource = createReadModelDataSource(url, 4);
  await dataSource.initialize();
  await migrateReadModels(dataSource);
  const projector = await startProjector({
    dataSource,
    eventStore,
    projections: [new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS)],
    logBatches: true,
  });
  process.stdout.write(`${JSON.stringify({ pid: process.pid, started: true })}\n`);
  process.once('SIGTERM', async () => {
    await projector.stop();
    await eventStore.close();
    await pool.end();
    await dataSource.destroy();
    process.exit(0);
  });
}

main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exit(1);
});
