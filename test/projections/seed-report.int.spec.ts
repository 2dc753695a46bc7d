import { evaluateMetrics, METRICS } from '@ledger/domain';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../libs/event-store/src/embedded/embedded-postgres';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import {
  projectToHead,
  readSeedFigures,
  recordSeed,
  SEED_FY2023_FIGURES,
} from './support/seed-report';

/** The FY2023 report, recorded as events and read back from the read models. */
function seedReportTests(open: () => Promise<ProjectionTestStores>): void {
  let stores: ProjectionTestStores;

  beforeAll(async () => {
    stores = await open();
    await recordSeed(stores.eventStore);
    await projectToHead(stores.dataSource, stores.eventStore);
  });
  afterAll(() => stores.close());

  it('reproduces every output figure of the report', async () => {
    const { totals, survey } = await readSeedFigures(stores.dataSource);
    const reproduced = Object.fromEntries(
      Object.keys(SEED_FY2023_FIGURES).map((id) => [id, totals[id]]),
    );
    expect(reproduced).toEqual(SEED_FY2023_FIGURES);
    expect(survey).toEqual({ hikikomori: 17, isolation: 15 });
  });

  it('agrees with the in-memory reference evaluator on every metric, FY2022 to FY2024', async () => {
    const events = await stores.eventStore.readAll({ maxCount: 100_000 });
    const { metrics } = await readSeedFigures(stores.dataSource);
    for (const fiscalYear of [2022, 2023, 2024]) {
      const projected = Object.fromEntries(
        (await metrics.totals(fiscalYear)).map((f) => [f.metricId, f.value]),
      );
      expect(projected).toEqual(evaluateMetrics(events, METRICS, { fiscalYear }));
    }
  });

  it('reproduces both KPIs: 4 / 22 → D and 23 / 100 → D, with goals and cumulative actuals', async () => {
    const { kpis } = await readSeedFigures(stores.dataSource);
    expect(
      kpis.map(
        ({
          kpiId,
          fiscalYear,
          target,
          actual,
          achievementRate,
          grade,
          goal,
          cumulativeActual,
          pace,
        }) => ({
          kpiId,
          fiscalYear,
          target,
          actual,
          achievementRate,
          grade,
          goal,
          cumulativeActual,
          pace,
        }),
      ),
    ).toEqual([
      {
        kpiId: 'KPI1',
        fiscalYear: 2023,
        target: 22,
        actual: 4,
        achievementRate: 4 / 22,
        grade: 'D',
        goal: { value: 54, fromFiscalYear: 2020, toFiscalYear: 2024 },
        cumulativeActual: 4,
        pace: null,
      },
      {
        kpiId: 'KPI2',
        fiscalYear: 2023,
        target: 100,
        actual: 23,
        achievementRate: 0.23,
        grade: 'D',
        goal: { value: 100, fromFiscalYear: 2023, toFiscalYear: 2023 },
        cumulativeActual: 23,
        pace: null,
      },
    ]);
  });

  it('reports the integrated programme across fiscal years (FY2022 6, FY2023 19)', async () => {
    const { metrics } = await readSeedFigures(stores.dataSource);
    const fy2022 = await metrics.totals(2022, '2a');
    expect(
      fy2022.find((figure) => figure.metricId === 'integrated-programme-municipalities')?.value,
    ).toBe(6);
  });

  it('breaks outreach down by town (越知町, 佐川町, 四万十町 only) and by month summing to the year', async () => {
    const { metrics } = await readSeedFigures(stores.dataSource);
    const byTown = (await metrics.byMunicipality(2023, '3a')).filter(
      (row) => row.metricId === 'outreach-home-visits',
    );
    expect(byTown.map((row) => row.key)).toEqual(['39402', '39403', '39412']);
    expect(byTown.reduce((total, row) => total + row.value, 0)).toBe(228);
    const byMonth = (await metrics.byMonth(2023, '3a')).filter(
      (row) => row.metricId === 'outreach-home-visits',
    );
    expect(byMonth.reduce((total, row) => total + row.value, 0)).toBe(228);
  });
}

describe('seed report on embedded PGlite', () => {
  let directory: string;
  let embedded: EmbeddedPostgres;
  seedReportTests(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ledger-seed-'));
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

describeWithPostgres('seed report on PostgreSQL', () => {
  let database: TestDatabase;
  seedReportTests(async () => {
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
