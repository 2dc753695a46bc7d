import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { LeaseExclusivity, ProjectionRunner, ReportingProjection } from '@ledger/projections';
import { EmbeddedPostgres } from '../../libs/event-store/src/embedded/embedded-postgres';
import { MetricReportReader } from '../../libs/projections/src/queries/metric-report.reader';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import { readModelContents } from './support/projector-process';
import {
  join,
  retraction,
  SAMPLE_EVENTS,
  SAMPLE_METRICS,
  sampleEvent,
  visit,
} from './support/sample-reporting-events';

/**
 * A rebuild loads facts without keeping counters current and aggregates them once when it
 * takes over; a live build keeps every row current batch by batch. Both must end with the
 * same rows, whatever the corrections and the JSON types of the members.
 */
function rebuildEquivalenceTests(open: () => Promise<ProjectionTestStores>): void {
  let stores: ProjectionTestStores;

  beforeAll(async () => {
    stores = await open();
  });
  afterAll(() => stores.close());

  function runUntilCaughtUp(freshBuild: boolean, batchSize: number): Promise<string> {
    const runner = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection: new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS),
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      batchSize,
      freshBuild,
      stopWhenCaughtUp: true,
    });
    return runner.done().then(() => runner.build?.version as string);
  }

  async function corrections(version: string): Promise<unknown> {
    return stores.dataSource.query(
      `SELECT target_event_id, corrected_by_event_id, kind, position FROM activity_corrections
        WHERE projection_version = $1 ORDER BY target_event_id`,
      [version],
    );
  }

  it('ends with the same counters, members, facts and corrections as the live build', async () => {
    const kept = visit('2023-05-01', '39403', 30);
    const noPlace = sampleEvent('VisitMade', {
      occurredOn: '2023-06-01',
      bodyId: 'b',
      minutes: 'n/a',
    });
    const late = visit('2023-07-01', '39402', 10);
    const replaced = visit('2023-08-01', '39402', 20);
    const replacement = visit('2023-08-01', '39402', 25, { supersedes: replaced.id });
    const twiceRetracted = visit('2023-09-01', '39201', 40);
    const firstP1 = join('2023-07-01', '39201', 'p-1', true);
    const laterP1 = join('2023-08-01', '39205', 'p-1', true);
    const p2 = join('2023-09-01', '39205', 'p-2', true);
    const member = (personId: unknown, municipalityCode: string) =>
      sampleEvent('PersonJoined', {
        occurredOn: '2023-07-15',
        bodyId: 'b',
        municipalityCode,
        personId,
        iceAge: true,
      });
    await stores.eventStore.append('equivalence', [
      retraction(late.id),
      kept,
      noPlace,
      replaced,
      twiceRetracted,
      firstP1,
    ]);
    await stores.eventStore.append('equivalence', [
      late,
      replacement,
      retraction(twiceRetracted.id),
      laterP1,
      member(1, '39201'),
      member('1', '39201'),
      member(true, '39205'),
      member({ k: 1 }, '39205'),
    ]);
    await stores.eventStore.append('equivalence', [
      sampleEvent('PersonJoined', { occurredOn: '2023-07-20', bodyId: 'b', iceAge: true }),
      join('2023-07-21', '39205', 'p-9', true, { iceAge: 'true' }),
      p2,
      retraction(replacement.id),
      retraction(twiceRetracted.id),
      retraction(firstP1.id),
      retraction(p2.id),
    ]);

    const live = await runUntilCaughtUp(false, 2);
    const liveContents = await readModelContents(stores.dataSource, live);
    const liveCorrections = await corrections(live);
    const rebuilt = await runUntilCaughtUp(true, 3);

    expect(rebuilt).not.toBe(live);
    expect(await readModelContents(stores.dataSource, rebuilt)).toEqual(liveContents);
    expect(await corrections(rebuilt)).toEqual(liveCorrections);
    const reader = new MetricReportReader(stores.dataSource, SAMPLE_METRICS);
    expect((await reader.totals(2023)).map((figure) => [figure.metricId, figure.value])).toEqual([
      ['visits', 2],
      ['visit-minutes', 30],
      ['ice-age-people', 5],
    ]);
    const people = (await reader.byMunicipality(2023)).filter(
      (row) => row.metricId === 'ice-age-people',
    );
    expect(people.map((row) => [row.key, row.value])).toEqual([
      ['39201', 2],
      ['39205', 3],
    ]);
    const [{ n: liveFactsLeft }] = await stores.dataSource.query(
      `SELECT count(*)::int AS n FROM activity_facts WHERE projection_version = $1`,
      [live],
    );
    expect(liveFactsLeft).toBe(0);
  });
}

describeWithPostgres('rebuild beside a live build on PostgreSQL', () => {
  let database: TestDatabase;
  rebuildEquivalenceTests(async () => {
    database = await createTestDatabase();
    const stores = await openProjectionTestStores(database.url);
    return {
      ...stores,
      close: async () => {
        await stores.close();
        await database.drop();
      },
    };
  });
});

describe('rebuild beside a live build on embedded PGlite', () => {
  let directory: string;
  let embedded: EmbeddedPostgres;
  rebuildEquivalenceTests(async () => {
    directory = await mkdtemp(joinPath(tmpdir(), 'ledger-rebuild-'));
    embedded = await EmbeddedPostgres.open(directory);
    const stores = await openProjectionTestStores(embedded.connectionString, false);
    return {
      ...stores,
      close: async () => {
        await stores.close();
        await embedded.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  });
});
