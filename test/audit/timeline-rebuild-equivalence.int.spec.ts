import { randomUUID } from 'node:crypto';
import { AsOfFiguresReader, MetricTimelineProjection } from '@ledger/audit';
import { KPI1_METRIC_ID, KPI2_METRIC_ID, METRICS, evaluateMetrics } from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { LeaseExclusivity, ProjectionRunner } from '@ledger/projections';
import { AuditBackend, describeOnBothBackends } from './support/audit-test-backends';

const PARTICIPANTS = 'work-experience-participants';
const LIAISON = 'liaison-meeting-attendees-central';
const CHOSEN = [KPI1_METRIC_ID, PARTICIPANTS, KPI2_METRIC_ID, LIAISON];
const FISCAL_YEARS = [2022, 2023, 2024];

interface TimelineRows {
  values: unknown[];
  members: unknown[];
  contributions: unknown[];
  drops: unknown[];
  clock: unknown[];
}

/**
 * A live build folds the timeline batch by batch; a rebuild only appends what it reads and
 * folds it set-based when it takes over. Both must end with the very same rows, and both
 * must answer as the domain's reference evaluator does, whatever the order of corrections.
 */
describeOnBothBackends('metric timeline rebuilt beside a live build', (backend) => {
  const ids = new Map<string, string>();
  const id = (name: string): string => {
    if (!ids.has(name)) ids.set(name, randomUUID());
    return ids.get(name) as string;
  };
  const positions = new Map<string, number>();
  let events: StoredEvent[];
  let liveVersion: string;
  let liveRows: TimelineRows;
  let rebuiltVersion: string;

  const joined = (person: string, iceAge: boolean, occurredOn: string, supersedes?: string) => ({
    type: 'WorkExperienceJoined',
    data: {
      occurredOn,
      personId: person,
      baseId: 'ochi-base',
      iceAgeGeneration: iceAge,
      ...(supersedes ? { supersedes: id(supersedes) } : {}),
    },
  });
  const met = (attendees: number, supersedes?: string) => ({
    type: 'MeetingHeld',
    data: {
      occurredOn: '2023-06-08',
      kind: 'liaison',
      blockId: 'central',
      attendees,
      ...(supersedes ? { supersedes: id(supersedes) } : {}),
    },
  });
  const answered = () => ({
    type: 'SurveyAnswered',
    data: {
      occurredOn: '2023-10-07',
      surveyId: 'kochike-festa-2023',
      iceAgeGeneration: true,
      learnedOfConsultationDesk: true,
    },
  });
  const retracted = (target: string) => ({
    type: 'RecordRetracted',
    data: { occurredOn: '2024-05-01', eventId: id(target), reason: 'entered by mistake' },
  });

  /** In global order; every kind of correction the fold distinguishes. */
  const STORY: [string, { type: string; data: Record<string, unknown> }][] = [
    ['r0', retracted('j5')], // before its target: j5 never counts
    ['j1', joined('person-P1', true, '2023-05-10')],
    ['j2', joined('person-P1', true, '2023-06-10')], // P1 twice: the distinct counts stay
    ['j3', joined('person-P2', false, '2023-07-01')],
    ['m1', met(31)],
    ['j4', joined('person-P3', true, '2022-10-01')], // FY2022
    ['j5', joined('person-P4', true, '2023-08-01')],
    ['r1', retracted('j1')], // P1 still counts through j2
    ['r1b', retracted('j1')], // a second retraction counts for nothing
    ['s1', joined('person-P1', true, '2023-06-10', 'j2')], // adds and removes P1 at once
    ['m2', met(41, 'm1')], // +41 -31 at once
    ['m3', met(41, 'm2')], // +41 -41 at once: no change
    ['a1', answered()],
    ['a2', answered()],
    ['r2', retracted('a1')],
    ['j6', joined('person-P5', true, '2024-04-15')], // FY2024
    ['r3', retracted('s1')], // P1's last activity: the distinct counts fall
    ['r4', retracted('r3')], // retracting a correction revives nothing
    ['j7', joined('person-P6', true, '2023-09-01', 'j3')], // P6 in, P2 out at once
    ['r5', retracted('j4')],
    ['r6', retracted('never-recorded')],
  ];

  function runTimeline(freshBuild: boolean, batchSize: number): Promise<string> {
    const { dataSource, eventStore } = backend();
    const runner = new ProjectionRunner({
      dataSource,
      eventStore,
      projection: new MetricTimelineProjection(METRICS),
      exclusivity: new LeaseExclusivity(dataSource, randomUUID(), 5_000),
      batchSize,
      freshBuild,
      idlePollMs: 10,
      stopWhenCaughtUp: true,
    });
    return runner.done().then(() => runner.build?.version as string);
  }

  async function timelineRows(version: string): Promise<TimelineRows> {
    const { sql } = backend();
    const query = async (text: string) => (await sql.query(text, [version])).rows;
    return {
      values: await query(
        `SELECT metric_id, fiscal_year, position::int, value::text FROM audit_timeline_values
          WHERE projection_version = $1 ORDER BY metric_id, fiscal_year, position`,
      ),
      members: await query(
        `SELECT metric_id, fiscal_year, member, refcount FROM audit_timeline_members
          WHERE projection_version = $1 ORDER BY metric_id, fiscal_year, member`,
      ),
      contributions: await query(
        `SELECT position::int, event_id, metric_ordinal, fiscal_year, member, amount::text FROM audit_timeline_contributions
          WHERE projection_version = $1 ORDER BY position, metric_ordinal`,
      ),
      drops: await query(
        `SELECT position::int, target_event_id FROM audit_timeline_drops
          WHERE projection_version = $1 ORDER BY position`,
      ),
      clock: await query(
        `SELECT recorded_max, through_position::int FROM audit_timeline_clock
          WHERE projection_version = $1 ORDER BY recorded_max`,
      ),
    };
  }

  /** One metric's timeline as [event name, value] pairs. */
  function timelineOf(
    rows: TimelineRows,
    metricId: string,
    fiscalYear: number,
  ): [string, number][] {
    const nameAt = new Map([...positions].map(([name, position]) => [position, name]));
    return (
      rows.values as { metric_id: string; fiscal_year: number; position: number; value: string }[]
    )
      .filter((row) => row.metric_id === metricId && row.fiscal_year === fiscalYear)
      .map((row) => [nameAt.get(row.position) as string, Number(row.value)]);
  }

  async function expectReferenceAnswers(b: AuditBackend): Promise<void> {
    const reader = new AsOfFiguresReader(b.database, METRICS);
    const cuts = ['m1', 'r1b', 'm3', 'r2', 'r3', 'j7', 'r6'].map(
      (name) => positions.get(name) as number,
    );
    for (const cut of cuts) {
      const known = events.filter((event) => event.position <= cut);
      for (const fiscalYear of FISCAL_YEARS) {
        const answer = await reader.figures(fiscalYear, { throughPosition: cut }, CHOSEN);
        const reference = evaluateMetrics(known, METRICS, { fiscalYear });
        expect({
          cut,
          fiscalYear,
          figures: answer.figures.map((figure) => [figure.metricId, figure.value]),
        }).toEqual({
          cut,
          fiscalYear,
          figures: CHOSEN.map((metricId) => [metricId, reference[metricId]]),
        });
      }
    }
  }

  beforeAll(async () => {
    const b = backend();
    for (const [name, event] of STORY) {
      await b.eventStore.append(`timeline-${name}`, [
        {
          id: id(name),
          type: event.type,
          schemaVersion: 1,
          data: { bodyId: 'kochi-prefecture', ...event.data },
          metadata: { recordedBy: 'key:entry' },
        },
      ]);
    }
    events = await b.eventStore.readAll({ after: 0, maxCount: 1_000 });
    const byId = new Map([...ids].map(([name, eventId]) => [eventId, name]));
    for (const event of events) positions.set(byId.get(event.id) as string, event.position);

    // Two events a batch live, three a batch rebuilt: corrections land in other batches.
    liveVersion = await runTimeline(false, 2);
    await b.project();
    liveRows = await timelineRows(liveVersion);
  }, 120_000);

  it('folds live into one row per event that changed a value, netting what an event adds and removes', () => {
    expect(timelineOf(liveRows, KPI1_METRIC_ID, 2023)).toEqual([
      ['j1', 1],
      ['r3', 0],
      ['j7', 1],
    ]);
    expect(timelineOf(liveRows, KPI1_METRIC_ID, 2022)).toEqual([
      ['j4', 1],
      ['r5', 0],
    ]);
    expect(timelineOf(liveRows, KPI1_METRIC_ID, 2024)).toEqual([['j6', 1]]);
    expect(timelineOf(liveRows, PARTICIPANTS, 2023)).toEqual([
      ['j1', 1],
      ['j3', 2],
      ['r3', 1],
    ]);
    expect(timelineOf(liveRows, LIAISON, 2023)).toEqual([
      ['m1', 31],
      ['m2', 41],
    ]);
    expect(timelineOf(liveRows, KPI2_METRIC_ID, 2023)).toEqual([
      ['a1', 1],
      ['a2', 2],
      ['r2', 1],
    ]);
    expect(
      (liveRows.members as { metric_id: string; fiscal_year: number }[]).filter(
        (row) => row.metric_id === PARTICIPANTS && row.fiscal_year === 2023,
      ),
    ).toEqual([
      { metric_id: PARTICIPANTS, fiscal_year: 2023, member: '"person-P1"', refcount: 0 },
      { metric_id: PARTICIPANTS, fiscal_year: 2023, member: '"person-P2"', refcount: 0 },
      { metric_id: PARTICIPANTS, fiscal_year: 2023, member: '"person-P6"', refcount: 1 },
    ]);
  });

  it('answers as the reference evaluator at every cut from the live build', async () => {
    await expectReferenceAnswers(backend());
  });

  describe('after a rebuild', () => {
    beforeAll(async () => {
      rebuiltVersion = await runTimeline(true, 3);
    }, 120_000);

    it('ends with the same values, members, fact log and clock as the live build', async () => {
      expect(rebuiltVersion).not.toBe(liveVersion);
      expect(await timelineRows(rebuiltVersion)).toEqual(liveRows);
    });

    it('indexes its partitions when it takes over and drops the build it replaced', async () => {
      const { sql } = backend();
      const partitions = async (version: string) => {
        const suffix = version.toLowerCase().replace(/[^a-z0-9]/g, '_');
        const { rows } = await sql.query(
          `SELECT c.relname AS partition, pg_get_indexdef(i.indexrelid) LIKE '%UNIQUE%' AS is_unique,
                  (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS columns
             FROM pg_class c LEFT JOIN pg_index i ON i.indrelid = c.oid
            WHERE c.relname LIKE 'audit_timeline_%' AND right(c.relname, $1) = $2 ORDER BY c.relname`,
          [suffix.length + 1, `_${suffix}`],
        );
        return rows;
      };
      const suffix = rebuiltVersion.toLowerCase().replace(/[^a-z0-9]/g, '_');
      expect(await partitions(rebuiltVersion)).toEqual([
        {
          partition: `audit_timeline_contributions_${suffix}`,
          is_unique: false,
          columns: 'event_id',
        },
        {
          partition: `audit_timeline_drops_${suffix}`,
          is_unique: false,
          columns: 'target_event_id',
        },
        {
          partition: `audit_timeline_members_${suffix}`,
          is_unique: true,
          columns: 'metric_id,fiscal_year,member',
        },
        {
          partition: `audit_timeline_values_${suffix}`,
          is_unique: true,
          columns: 'metric_id,fiscal_year,position',
        },
      ]);
      expect(await partitions(liveVersion)).toEqual([]);
      expect(await timelineRows(liveVersion)).toEqual({
        values: [],
        members: [],
        contributions: [],
        drops: [],
        clock: [],
      });
    });

    it('answers as the reference evaluator at every cut', async () => {
      await expectReferenceAnswers(backend());
    });

    it('keeps folding live after it took over, as a live build would', async () => {
      const b = backend();
      await b.eventStore.append('timeline-after', [
        {
          id: id('j8'),
          type: 'WorkExperienceJoined',
          schemaVersion: 1,
          data: {
            bodyId: 'kochi-prefecture',
            ...joined('person-P1', true, '2023-11-01', 'j7').data,
          },
          metadata: { recordedBy: 'key:entry' },
        },
        {
          id: id('r8'),
          type: 'RecordRetracted',
          schemaVersion: 1,
          data: { bodyId: 'kochi-prefecture', ...retracted('j5').data },
          metadata: { recordedBy: 'key:entry' },
        },
      ]);
      events = await b.eventStore.readAll({ after: 0, maxCount: 1_000 });
      expect(await runTimeline(false, 2)).toBe(rebuiltVersion);
      await b.project();
      const rows = await timelineRows(rebuiltVersion);
      // P1 back and P6 out in one event (r8 names an already dropped target): no count moves.
      expect(timelineOf(rows, KPI1_METRIC_ID, 2023)).toEqual(
        timelineOf(liveRows, KPI1_METRIC_ID, 2023),
      );
      expect(timelineOf(rows, PARTICIPANTS, 2023)).toEqual(
        timelineOf(liveRows, PARTICIPANTS, 2023),
      );
      expect(
        (rows.members as { metric_id: string; fiscal_year: number }[]).filter(
          (row) => row.metric_id === KPI1_METRIC_ID && row.fiscal_year === 2023,
        ),
      ).toEqual([
        { metric_id: KPI1_METRIC_ID, fiscal_year: 2023, member: '"person-P1"', refcount: 1 },
        { metric_id: KPI1_METRIC_ID, fiscal_year: 2023, member: '"person-P6"', refcount: 0 },
      ]);
      const reader = new AsOfFiguresReader(b.database, METRICS);
      const answer = await reader.figures(2023, {}, CHOSEN);
      const reference = evaluateMetrics(events, METRICS, { fiscalYear: 2023 });
      expect(answer.figures.map((figure) => [figure.metricId, figure.value])).toEqual(
        CHOSEN.map((metricId) => [metricId, reference[metricId]]),
      );
    });
  });
});
