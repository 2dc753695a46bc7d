import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditDatabase, MetricTimelineProjection, openAuditDatabase } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import {
  LeaseExclusivity,
  ProjectionRunner,
  ReportingProjection,
  createReadModelDataSource,
  domainReportingEvents,
  migrateReadModels,
} from '@ledger/projections';
import { EmbeddedPostgres } from '../../../libs/event-store/src/embedded/embedded-postgres';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store';
import { createTestDatabase, requirePostgres } from '../../support/postgres-test-database';

/** One backend as a test sees it: the store, the audit tables, and raw SQL for tampering. */
export interface AuditBackend {
  url: string;
  eventStore: PostgresEventStore;
  database: AuditDatabase;
  /** Straight to the database, as an administrator with psql would be. */
  sql: Pool;
  /** The read models' connection, for tests that run a projection themselves. */
  dataSource: DataSource;
  /** Runs the reporting and metric timeline projections until they have applied everything. */
  project(): Promise<void>;
}

interface OpenedBackend extends AuditBackend {
  close(): Promise<void>;
}

type BackendName = 'PostgreSQL' | 'embedded PGlite';

/**
 * Registers `body` once per backend. PGlite is shared by the whole file (creating one
 * costs seconds and hundreds of MB); PostgreSQL gets a fresh database per file.
 */
export function describeOnBothBackends(
  name: string,
  body: (backend: () => AuditBackend, backendName: BackendName) => void,
): void {
  for (const backendName of ['embedded PGlite', 'PostgreSQL'] as const) {
    const available = backendName === 'embedded PGlite' || requirePostgres();
    (available ? describe : describe.skip)(`${name} on ${backendName}`, () => {
      let opened: OpenedBackend | undefined;
      beforeAll(async () => {
        opened = backendName === 'PostgreSQL' ? await openPostgres() : await openPglite();
      }, 120_000);
      afterAll(async () => {
        await opened?.close();
      }, 60_000);
      body(() => {
        if (!opened) throw new Error(`${backendName} did not open`);
        return opened;
      }, backendName);
    });
  }
}

async function openPostgres(): Promise<OpenedBackend> {
  const testDatabase = await createTestDatabase();
  const backend = await openOn(testDatabase.url, true);
  return {
    ...backend,
    close: async () => {
      await backend.close();
      await testDatabase.drop();
    },
  };
}

async function openPglite(): Promise<OpenedBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-audit-'));
  const embedded = await EmbeddedPostgres.open(dataDir);
  const backend = await openOn(embedded.connectionString, false);
  return {
    ...backend,
    close: async () => {
      await backend.close();
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openOn(url: string, liveNotifications: boolean): Promise<OpenedBackend> {
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const eventStore = new PostgresEventStore(pool, { liveNotifications });
  await eventStore.initialize();
  const dataSource: DataSource = createReadModelDataSource(url, 4);
  await dataSource.initialize();
  await migrateReadModels(dataSource);
  const audit = await openAuditDatabase(url);
  const projections = [
    new ReportingProjection(METRICS, domainReportingEvents),
    new MetricTimelineProjection(METRICS),
  ];
  return {
    url,
    eventStore,
    database: audit.database,
    sql: pool,
    dataSource,
    project: async () => {
      for (const projection of projections) {
        const runner = new ProjectionRunner({
          dataSource,
          eventStore,
          projection,
          exclusivity: new LeaseExclusivity(dataSource, randomUUID(), 5_000),
          idlePollMs: 10,
          stopWhenCaughtUp: true,
        });
        await runner.done();
      }
    },
    close: async () => {
      await eventStore.close();
      await audit.close();
      await dataSource.destroy();
      await pool.end();
    },
  };
}
