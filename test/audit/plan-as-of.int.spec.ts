import { randomUUID } from 'node:crypto';
import {
  AsOf,
  AsOfFiguresReader,
  AsOfKpi,
  AuditedFiguresQuery,
  UnknownMetricError,
  auditCsv,
} from '@ledger/audit';
import {
  KPI1_METRIC_ID,
  METRICS,
  PLAN_EVENT_SCHEMA_VERSION,
  PLAN_STREAM,
  initialPlanEvents,
} from '@ledger/domain';
import {
  KpiReportReader,
  REPORTING_PROJECTION,
  ReportingProjection,
  domainReportingEvents,
} from '@ledger/projections';
import { recordPlanIfAbsent } from '../../apps/api/src/start-up/record-plan';
import { describeOnBothBackends } from './support/audit-test-backends';

/**
 * The plan changes during FY2023, and an as-of answer grades each cut by the plan as it
 * stood then. The FY2023 plan is recorded on 2023-04-01 as the api records it at start-up
 * (KPI① target 22, default bands); four ice-age people join work experience by July; on
 * 2023-09-01 KPI①'s target is revised to 5, then the bands to A ≥ 80%, C below; a fifth
 * person joins in October. Each recording is pinned to the instant in its comment.
 */
describeOnBothBackends('The plan as it stood at an as-of cut', (backend) => {
  const at = (iso: string) => new Date(iso);
  let reader: AsOfFiguresReader;
  let targetRevisedAt: number;
  let bandsRevisedAt: number;

  async function pin(eventIds: readonly string[], recordedAt: string): Promise<number[]> {
    const { rows } = await backend().sql.query<{ position: string }>(
      'UPDATE event_store.events SET recorded_at = $2 WHERE event_id = ANY($1::uuid[]) RETURNING position',
      [eventIds, at(recordedAt)],
    );
    return rows.map((row) => Number(row.position)).sort((a, b) => a - b);
  }

  async function joined(person: string, occurredOn: string, recordedAt: string): Promise<void> {
    const id = randomUUID();
    await backend().eventStore.append(`WorkExperienceJoined-${person}`, [
      {
        id,
        type: 'WorkExperienceJoined',
        schemaVersion: 1,
        data: {
          bodyId: 'kochi-prefecture',
          occurredOn,
          personId: person,
          baseId: 'ochi-base',
          iceAgeGeneration: true,
        },
        metadata: { recordedBy: 'key:entry', bodyId: 'kochi-prefecture' },
      },
    ]);
    await pin([id], recordedAt);
  }

  beforeAll(async () => {
    const { eventStore, sql, database } = backend();
    expect(await recordPlanIfAbsent(eventStore)).toBe(true);
    await sql.query('UPDATE event_store.events SET recorded_at = $2 WHERE stream_id = $1', [
      PLAN_STREAM,
      at('2023-04-01T00:00:00Z'),
    ]);
    await joined('person-P1', '2023-05-10', '2023-05-11T00:00:00Z');
    await joined('person-P2', '2023-06-01', '2023-06-02T00:00:00Z');
    await joined('person-P3', '2023-07-01', '2023-07-02T00:00:00Z');
    await joined('person-P4', '2023-07-20', '2023-07-21T00:00:00Z');
    const revision = [
      { type: 'KpiTargetSet', data: { kpiId: 'KPI1', kind: 'annual', fiscalYear: 2023, value: 5 } },
      {
        type: 'GradingBandsSet',
        data: {
          effectiveFromFiscalYear: 2023,
          bands: [
            { grade: 'A', minRate: 0.8 },
            { grade: 'C', minRate: 0 },
          ],
        },
      },
    ].map((event) => ({
      id: randomUUID(),
      ...event,
      schemaVersion: PLAN_EVENT_SCHEMA_VERSION,
      metadata: { recordedBy: 'key:admin' },
    }));
    await eventStore.append(PLAN_STREAM, revision);
    [targetRevisedAt, bandsRevisedAt] = await pin(
      revision.map((event) => event.id),
      '2023-09-01T00:00:00Z',
    );
    await joined('person-P5', '2023-10-01', '2023-10-02T00:00:00Z');
    await backend().project();
    reader = new AsOfFiguresReader(database, METRICS);
  });

  const kpi1 = (target: number, value: number, grade: string): AsOfKpi => ({
    kpiId: 'KPI1',
    numbering: expect.any(String),
    metricId: KPI1_METRIC_ID,
    unit: expect.any(String),
    target,
    value,
    achievementRate: value / target,
    grade,
  });

  async function kpis(asOf: AsOf): Promise<AsOfKpi[]> {
    return (await reader.kpis(2023, asOf)).kpis;
  }

  it('keeps every state the plan reached, each at the position of the plan event that made it', async () => {
    const { rows } = await backend().sql.query<{ position: string }>(
      `SELECT s.position FROM plan_snapshots s JOIN projection_versions v
          ON v.version = s.projection_version AND v.name = $1 AND v.status = 'active'
        ORDER BY s.position`,
      [REPORTING_PROJECTION],
    );
    const { rows: planEvents } = await backend().sql.query<{ position: string }>(
      'SELECT position FROM event_store.events WHERE stream_id = $1 ORDER BY position',
      [PLAN_STREAM],
    );
    expect(rows.length).toBe(initialPlanEvents().length + 2);
    expect(rows.map((row) => Number(row.position))).toEqual(
      planEvents.map((row) => Number(row.position)),
    );
    expect(Number(rows[rows.length - 1].position)).toBe(bandsRevisedAt);
  });

  it('grades a cut before the revision by the old target and bands', async () => {
    expect((await kpis({ knownAt: at('2023-08-01T00:00:00Z') }))[0]).toEqual(kpi1(22, 4, 'D'));
    expect((await kpis({ throughPosition: targetRevisedAt - 1 }))[0]).toEqual(kpi1(22, 4, 'D'));
  });

  it('grades a cut between the two revision events by the new target and the old bands', async () => {
    // 4 of 5 is 80%: B by the default bands the plan set first.
    expect((await kpis({ throughPosition: targetRevisedAt }))[0]).toEqual(kpi1(5, 4, 'B'));
  });

  it('grades a cut after the revision by the new target and bands', async () => {
    expect((await kpis({ knownAt: at('2023-09-02T00:00:00Z') }))[0]).toEqual(kpi1(5, 4, 'A'));
    expect((await kpis({ throughPosition: bandsRevisedAt }))[0]).toEqual(kpi1(5, 4, 'A'));
    expect(await kpis({})).toEqual([
      kpi1(5, 5, 'A'),
      expect.objectContaining({
        kpiId: 'KPI2',
        target: 100,
        value: 0,
        achievementRate: 0,
        grade: 'C',
      }),
    ]);
  });

  it('knows no KPI at a cut before the plan was recorded, yet traces a KPI id it came to hold', async () => {
    const cut = { knownAt: at('2023-03-01T00:00:00Z') };
    expect(await kpis(cut)).toEqual([]);
    expect(await reader.metricIdOf('KPI1', cut)).toBe(KPI1_METRIC_ID);
    expect(await reader.metricIdOf('KPI1', {})).toBe(KPI1_METRIC_ID);
    expect(await reader.metricIdOf(KPI1_METRIC_ID, cut)).toBe(KPI1_METRIC_ID);
    await expect(reader.metricIdOf('KPI9', cut)).rejects.toBeInstanceOf(UnknownMetricError);
  });

  it('shows the grade of the cut in the CSV', async () => {
    const answer = await new AuditedFiguresQuery(backend().eventStore, reader).kpis(2023, {
      knownAt: at('2023-08-01T00:00:00Z'),
    });
    const [header, first] = auditCsv.kpis(answer).split('\r\n');
    expect(header).toBe(
      '\uFEFFfiscal_year,known_at,occurred_by,through_position,kpi_id,numbering,metric_id,unit,target,value,achievement_rate,grade,closed,post_close_adjustment',
    );
    expect(first).toMatch(
      new RegExp(
        `^2023,2023-08-01T00:00:00.000Z,,\\d+,KPI1,[^,]*,${KPI1_METRIC_ID},[^,]*,22,4,${4 / 22},D,,$`,
      ),
    );
  });

  it("gives the current KPI report the latest plan's target and grade", async () => {
    const [current] = await new KpiReportReader(backend().dataSource, METRICS).kpis(
      2023,
      '2024-06-30',
    );
    expect(current).toMatchObject({
      kpiId: 'KPI1',
      target: 5,
      actual: 5,
      achievementRate: 1,
      grade: 'A',
    });
  });

  it('drops every plan state of a build with the build', async () => {
    const { dataSource, sql } = backend();
    const [{ version }] = (
      await sql.query<{ version: string }>(
        `SELECT version FROM projection_versions WHERE name = $1 AND status = 'active'`,
        [REPORTING_PROJECTION],
      )
    ).rows;
    const runner = dataSource.createQueryRunner();
    try {
      await new ReportingProjection(METRICS, domainReportingEvents).dropVersion(version, runner);
    } finally {
      await runner.release();
    }
    const { rows } = await sql.query<{ count: string }>(
      'SELECT count(*) FROM plan_snapshots WHERE projection_version = $1',
      [version],
    );
    expect(Number(rows[0].count)).toBe(0);
  });
});
