import { randomUUID } from 'node:crypto';
import { Grouping } from '@ledger/domain';
import {
  buildPartitions,
  LeaseExclusivity,
  Projection,
  ProjectionRunner,
  ReportingProjection,
} from '@ledger/projections';
import { MetricReportReader } from '../../libs/projections/src/queries/metric-report.reader';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import {
  join,
  retraction,
  SAMPLE_EVENTS,
  SAMPLE_METRICS,
  visit,
} from './support/sample-reporting-events';

describeWithPostgres('reporting projection on PostgreSQL', () => {
  let database: TestDatabase;
  let stores: ProjectionTestStores;
  const runners: ProjectionRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    stores = await openProjectionTestStores(database.url);
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await stores.close();
    await database.drop();
  });

  function runner(
    projection: ReportingProjection<unknown>,
    options: { freshBuild?: boolean; batchSize?: number } = {},
  ) {
    const created = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection,
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      idlePollMs: 10,
      ...options,
    });
    runners.push(created);
    return created;
  }

  it('counts, sums and counts distinct; retractions and supersessions drop out, twice-corrected counts once', async () => {
    const first = visit('2023-05-01', '39403', 30);
    const second = visit('2023-06-10', '39402', 45);
    const wrong = visit('2023-06-11', '39402', 50);
    const personA1 = join('2023-07-01', '39201', 'p-a', true);
    const personA2 = join('2023-08-01', '39201', 'p-a', true);
    const personB = join('2023-08-02', '39205', 'p-b', true);
    const notIceAge = join('2023-08-03', '39205', 'p-c', false);
    await stores.eventStore.append('visits-1', [
      first,
      second,
      wrong,
      personA1,
      personA2,
      personB,
      notIceAge,
    ]);
    const fixed = visit('2023-06-11', '39402', 55, { supersedes: wrong.id });
    await stores.eventStore.append('visits-1', [
      fixed,
      retraction(personA1.id),
      retraction(personB.id),
      retraction(personB.id),
      retraction(first.id),
    ]);
    const projection = new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS);
    const live = runner(projection, { batchSize: 3 });
    live.start();
    const { positions } = await stores.eventStore.append('visits-2', [
      visit('2024-03-31', '39403', 5),
    ]);
    expect(await live.waitForPosition(positions[0], 10_000)).toBe(true);

    const reader = new MetricReportReader(stores.dataSource, SAMPLE_METRICS);
    const totals = await reader.totals(2023);
    expect(totals.map((figure) => [figure.metricId, figure.value])).toEqual([
      ['visits', 3],
      ['visit-minutes', 105],
      ['ice-age-people', 1],
    ]);
    expect(await reader.byMunicipality(2023)).toEqual([
      { metricId: 'ice-age-people', fiscalYear: 2023, key: '39201', value: 1 },
      { metricId: 'visit-minutes', fiscalYear: 2023, key: '39402', value: 100 },
      { metricId: 'visit-minutes', fiscalYear: 2023, key: '39403', value: 5 },
      { metricId: 'visits', fiscalYear: 2023, key: '39402', value: 2 },
      { metricId: 'visits', fiscalYear: 2023, key: '39403', value: 1 },
    ]);
    expect((await reader.byMonth(2023)).filter((row) => row.metricId === 'visits')).toEqual([
      { metricId: 'visits', fiscalYear: 2023, key: '2023-06', value: 2 },
      { metricId: 'visits', fiscalYear: 2023, key: '2024-03', value: 1 },
    ]);
    const grouping: Grouping = {
      groupingId: 'blocks',
      name: 'blocks',
      members: [
        { memberId: 'center', name: 'center', municipalityCodes: ['39201', '39205'] },
        { memberId: 'west', name: 'west', municipalityCodes: ['39402', '39403'] },
      ],
    };
    expect(
      (await reader.byGrouping(2023, grouping)).map((row) => [row.metricId, row.key, row.value]),
    ).toEqual([
      ['visits', 'blocks/center', 0],
      ['visits', 'blocks/west', 3],
      ['visit-minutes', 'blocks/center', 0],
      ['visit-minutes', 'blocks/west', 105],
      ['ice-age-people', 'blocks/center', 1],
      ['ice-age-people', 'blocks/west', 0],
    ]);
    const facts = await stores.dataSource.query(
      `SELECT event_id, correction_kind, corrected_by_event_id FROM activity_facts
        WHERE corrected_by_event_id IS NOT NULL ORDER BY position`,
    );
    expect(facts).toEqual([
      {
        event_id: first.id,
        correction_kind: 'retracted',
        corrected_by_event_id: expect.any(String),
      },
      { event_id: wrong.id, correction_kind: 'superseded', corrected_by_event_id: fixed.id },
      {
        event_id: personA1.id,
        correction_kind: 'retracted',
        corrected_by_event_id: expect.any(String),
      },
      {
        event_id: personB.id,
        correction_kind: 'retracted',
        corrected_by_event_id: expect.any(String),
      },
    ]);
  });

  it('rebuilds a new version beside the active one, which keeps answering until it takes over', async () => {
    const reader = new MetricReportReader(stores.dataSource, SAMPLE_METRICS);
    const before = await reader.activeVersion();
    const old = await reader.totals(2023);
    const extended = [
      ...SAMPLE_METRICS,
      {
        id: 'long-visits',
        measureId: 'x',
        label: '長',
        unit: '件',
        eventTypes: ['VisitMade'],
        filter: { minutes: 55 },
        aggregate: { kind: 'count' as const },
      },
    ];
    const projection = new ReportingProjection(extended, SAMPLE_EVENTS);
    const seen: string[] = [];
    // Autovacuum is kept off a build's partitions while it builds, and on once it is live.
    const autovacuumOff = new Set<string>();
    const partitionOptions = async (version: string) => {
      const rows: { relname: string; reloptions: string[] | null }[] =
        await stores.dataSource.query(
          `SELECT relname, reloptions FROM pg_class WHERE relname = ANY($1) ORDER BY relname`,
          [
            ['activity_facts', 'metric_distinct_members'].map(
              (table) => `${table}_${version.toLowerCase().replace(/[^a-z0-9]/g, '_')}`,
            ),
          ],
        );
      expect(rows).toHaveLength(2);
      return rows.map((row) => row.reloptions);
    };
    const rebuild = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection,
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      batchSize: 2,
      stopWhenCaughtUp: true,
      onBatch: async (batch) => {
        if (batch.status !== 'building') return;
        seen.push(JSON.stringify(await reader.totals(2023, undefined, before)));
        for (const options of await partitionOptions(batch.version))
          autovacuumOff.add(JSON.stringify(options));
      },
    });
    await rebuild.done();
    expect(seen.length).toBeGreaterThan(3);
    expect([...autovacuumOff]).toEqual([JSON.stringify(['autovacuum_enabled=false'])]);
    expect(await partitionOptions(projection.codeVersion)).toEqual([null, null]);
    expect(new Set(seen)).toEqual(new Set([JSON.stringify(old)]));
    const after = await reader.activeVersion();
    expect(after).not.toBe(before);
    expect(after).toBe(projection.codeVersion);
    const newReader = new MetricReportReader(stores.dataSource, extended);
    expect((await newReader.totals(2023)).map((f) => [f.metricId, f.value])).toEqual([
      ['visits', 3],
      ['visit-minutes', 105],
      ['ice-age-people', 1],
      ['long-visits', 1],
    ]);
    const leftovers = await stores.dataSource.query(
      `SELECT count(*)::int AS n FROM activity_facts WHERE projection_version = $1`,
      [before],
    );
    expect(leftovers).toEqual([{ n: 0 }]);
  });

  it('retires the old build without making readers of the new one wait', async () => {
    const before = await new MetricReportReader(stores.dataSource, SAMPLE_METRICS).activeVersion();
    const oldMembers = buildPartitions.of('metric_distinct_members', before);
    // What autovacuum, or a query of the old build begun before the switch, holds.
    const holder = stores.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`LOCK TABLE ${oldMembers} IN SHARE UPDATE EXCLUSIVE MODE`);
    const rebuild = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection: new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS),
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      freshBuild: true,
      stopWhenCaughtUp: true,
    });
    rebuild.start();
    try {
      // The new build is active and the old one's removal waits on the holder.
      for (;;) {
        const waiting = await stores.dataSource.query(
          `SELECT 1 FROM pg_locks WHERE relation = to_regclass($1) AND NOT granted`,
          [oldMembers],
        );
        if (waiting.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const reader = new MetricReportReader(stores.dataSource, SAMPLE_METRICS);
      expect(await reader.activeVersion()).not.toBe(before);
      const grouping: Grouping = {
        groupingId: 'blocks',
        name: 'blocks',
        members: [{ memberId: 'west', name: 'west', municipalityCodes: ['39402', '39403'] }],
      };
      const answered = await Promise.race([
        reader.byGrouping(2023, grouping).then((rows) => rows.length),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3_000)),
      ]);
      expect(answered).toBe(SAMPLE_METRICS.length);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await rebuild.done();
    const [{ left }] = await stores.dataSource.query(`SELECT to_regclass($1) AS left`, [
      oldMembers,
    ]);
    expect(left).toBeNull();
  });

  it('removes at the next takeover a retired build whose removal failed', async () => {
    const first = await new MetricReportReader(stores.dataSource, SAMPLE_METRICS).activeVersion();
    const firstFacts = buildPartitions.of('activity_facts', first);
    const exists = async (table: string) =>
      (await stores.dataSource.query(`SELECT to_regclass($1) AS t`, [table]))[0].t !== null;
    const errors: string[] = [];
    const takeOver = (projection: Projection) =>
      new ProjectionRunner({
        dataSource: stores.dataSource,
        eventStore: stores.eventStore,
        projection,
        exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
        freshBuild: true,
        stopWhenCaughtUp: true,
        onError: (error) => errors.push((error as Error).message),
      }).done();

    // A takeover whose removal of the old build is cut short: the switch stands.
    const projection = new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS);
    await takeOver({
      name: projection.name,
      codeVersion: projection.codeVersion,
      createVersion: (...args) => projection.createVersion(...args),
      apply: (...args) => projection.apply(...args),
      completeVersion: (...args) => projection.completeVersion(...args),
      dropVersion: async () => {
        throw new Error('removal cut short');
      },
    });
    expect(errors).toEqual(['removal cut short']);
    expect(
      await new MetricReportReader(stores.dataSource, SAMPLE_METRICS).activeVersion(),
    ).not.toBe(first);
    expect(await exists(firstFacts)).toBe(true);

    // The next takeover removes it with the build it retires itself.
    await takeOver(new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS));
    expect(errors).toEqual(['removal cut short']);
    expect(await exists(firstFacts)).toBe(false);
    const left = await stores.dataSource.query(
      `SELECT version FROM projection_versions
        WHERE name = $1 AND status = 'retired' AND dropped_at IS NULL`,
      [projection.name],
    );
    expect(left).toEqual([]);
  });
});
