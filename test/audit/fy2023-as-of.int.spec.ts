import { randomUUID } from 'node:crypto';
import {
  AsOf,
  AsOfFiguresReader,
  AuditedFiguresQuery,
  FiscalYearAlreadyClosedError,
  MetricTrailReader,
  auditCsv,
  streamHistory,
  HashChainRecorder,
  checkReplay,
  closeFiscalYear,
  verifyStore,
} from '@ledger/audit';
import { KPI1_METRIC_ID, KPI2_METRIC_ID, METRICS, metricById } from '@ledger/domain';
import { describeOnBothBackends } from './support/audit-test-backends';

const PARTICIPANTS = 'work-experience-participants';
const CHOSEN = [KPI1_METRIC_ID, PARTICIPANTS, KPI2_METRIC_ID];

/**
 * FY2023 told in the order it was recorded: work-experience joins (KPI① counts distinct
 * ice-age people) and Festa survey answers (KPI②), some retracted later, one superseded,
 * one late entry before the close, the close on 2024-04-30, then a late activity and a
 * retraction after it. Each recording is pinned to the instant in its comment.
 */
describeOnBothBackends('FY2023 as of knownAt and occurredBy', (backend) => {
  const ids = new Map<string, string>();
  const at = (iso: string) => new Date(iso);

  async function record(
    name: string,
    type: string,
    data: Record<string, unknown>,
    recordedAt: string,
  ): Promise<void> {
    const id = randomUUID();
    ids.set(name, id);
    const { eventStore, sql } = backend();
    await eventStore.append(`${type}-${name}`, [
      {
        id,
        type,
        schemaVersion: 1,
        data: { bodyId: 'kochi-prefecture', ...data },
        metadata: { recordedBy: 'key:entry', bodyId: 'kochi-prefecture' },
      },
    ]);
    await sql.query('UPDATE event_store.events SET recorded_at = $2 WHERE event_id = $1', [
      id,
      at(recordedAt),
    ]);
  }
  const joined = (
    name: string,
    person: string,
    iceAge: boolean,
    occurredOn: string,
    recordedAt: string,
  ) =>
    record(
      name,
      'WorkExperienceJoined',
      { occurredOn, personId: person, baseId: 'ochi-base', iceAgeGeneration: iceAge },
      recordedAt,
    );
  const answered = (
    name: string,
    iceAge: boolean,
    learned: boolean,
    recordedAt: string,
    supersedes?: string,
  ) =>
    record(
      name,
      'SurveyAnswered',
      {
        occurredOn: '2023-10-07',
        surveyId: 'kochike-festa-2023',
        iceAgeGeneration: iceAge,
        learnedOfConsultationDesk: learned,
        ...(supersedes ? { supersedes: ids.get(supersedes) } : {}),
      },
      recordedAt,
    );
  const retracted = (name: string, target: string, recordedAt: string) =>
    record(
      name,
      'RecordRetracted',
      {
        occurredOn: recordedAt.slice(0, 10),
        eventId: ids.get(target),
        reason: 'entered by mistake',
      },
      recordedAt,
    );

  let query: AuditedFiguresQuery;
  let recorder: HashChainRecorder;

  beforeAll(async () => {
    const { eventStore, database, sql } = backend();
    await joined('e1', 'person-P1', true, '2023-05-10', '2023-05-11T00:00:00Z');
    await joined('e2', 'person-P2', false, '2023-06-01', '2023-06-02T00:00:00Z');
    await joined('e3', 'person-P3', true, '2023-07-01', '2023-07-02T00:00:00Z');
    await joined('e4', 'person-P1', true, '2023-08-01', '2023-08-02T00:00:00Z');
    await answered('e5', true, true, '2023-10-10T00:00:00Z');
    await answered('e6', true, true, '2023-10-10T01:00:00Z');
    await answered('e7', false, true, '2023-10-10T02:00:00Z');
    await answered('e8', true, false, '2023-10-10T03:00:00Z');
    await retracted('r1', 'e3', '2024-01-10T00:00:00Z');
    await answered('s1', true, true, '2024-01-15T00:00:00Z', 'e8');
    await joined('e9', 'person-P4', true, '2024-02-15', '2024-02-20T00:00:00Z');
    await joined('e10', 'person-P5', true, '2024-03-25', '2024-04-05T00:00:00Z');
    await retracted('r2', 'e6', '2024-04-10T00:00:00Z');
    await joined('e12', 'person-P7', true, '2024-04-15', '2024-04-16T00:00:00Z');
    await backend().project();

    recorder = new HashChainRecorder({ eventStore, database, checkpointInterval: 1_000 });
    await closeFiscalYear({
      eventStore,
      database,
      recorder,
      metrics: METRICS,
      fiscalYear: 2023,
      closedBy: 'key:admin',
      now: () => at('2024-04-30T00:00:00Z'),
    });
    // The close happened on 2024-04-30 in this story, so its events carry that time.
    await sql.query(
      `UPDATE event_store.events SET recorded_at = '2024-04-30T00:00:00Z' WHERE stream_id IN ('fiscal-year-2023', 'audit-hash-checkpoints')`,
    );

    await joined('e11', 'person-P6', true, '2024-03-28', '2024-05-20T00:00:00Z');
    await retracted('r3', 'e4', '2024-05-25T00:00:00Z');
    await backend().project();
    await recorder.catchUp();
    query = new AuditedFiguresQuery(eventStore, new AsOfFiguresReader(database, METRICS));
  });

  async function figures(asOf: AsOf): Promise<Record<string, number>> {
    const answer = await query.metrics(2023, asOf, CHOSEN);
    return Object.fromEntries(answer.figures.map((figure) => [figure.metricId, figure.value]));
  }

  const cases: [string, AsOf, Record<string, number>][] = [
    // e1-e8 known; nothing corrected yet. KPI①: P1, P3. Participants: P1-P3. KPI②: e5, e6.
    [
      'known at 2023-12-31',
      { knownAt: at('2023-12-31T00:00:00Z') },
      { [KPI1_METRIC_ID]: 2, [PARTICIPANTS]: 3, [KPI2_METRIC_ID]: 2 },
    ],
    // r1 drops P3, e9 adds P4; s1 replaces e8 with an answer that counts: e5, e6, s1.
    [
      'known at 2024-04-01',
      { knownAt: at('2024-04-01T00:00:00Z') },
      { [KPI1_METRIC_ID]: 2, [PARTICIPANTS]: 3, [KPI2_METRIC_ID]: 3 },
    ],
    // The question: the late e10 (P5) is known, r2 has dropped e6.
    [
      'known at 2024-04-15, occurred by 2024-03-31',
      { knownAt: at('2024-04-15T00:00:00Z'), occurredBy: '2024-03-31' },
      { [KPI1_METRIC_ID]: 3, [PARTICIPANTS]: 4, [KPI2_METRIC_ID]: 2 },
    ],
    // Only P1 (e1, e4) and P2 had joined by the end of 2023; the survey was in October.
    [
      'known at 2024-04-15, occurred by 2023-12-31',
      { knownAt: at('2024-04-15T00:00:00Z'), occurredBy: '2023-12-31' },
      { [KPI1_METRIC_ID]: 1, [PARTICIPANTS]: 2, [KPI2_METRIC_ID]: 2 },
    ],
    // After the close: e11 adds P6; r3 retracts e4 but P1 still counts through e1.
    [
      'known at 2024-06-01',
      { knownAt: at('2024-06-01T00:00:00Z') },
      { [KPI1_METRIC_ID]: 4, [PARTICIPANTS]: 5, [KPI2_METRIC_ID]: 2 },
    ],
    ['known now', {}, { [KPI1_METRIC_ID]: 4, [PARTICIPANTS]: 5, [KPI2_METRIC_ID]: 2 }],
    [
      'known at 2024-06-01, occurred by 2024-03-26',
      { knownAt: at('2024-06-01T00:00:00Z'), occurredBy: '2024-03-26' },
      { [KPI1_METRIC_ID]: 3, [PARTICIPANTS]: 4, [KPI2_METRIC_ID]: 2 },
    ],
    // Before anything was recorded.
    [
      'known at 2023-04-01',
      { knownAt: at('2023-04-01T00:00:00Z') },
      { [KPI1_METRIC_ID]: 0, [PARTICIPANTS]: 0, [KPI2_METRIC_ID]: 0 },
    ],
  ];

  it.each(cases)(
    '%s: the read model gives the hand-computed figures and the replay agrees',
    async (_, asOf, expected) => {
      expect(await figures(asOf)).toEqual(expected);
      const replay = await checkReplay({
        eventStore: backend().eventStore,
        reader: query.reader,
        metrics: METRICS,
        fiscalYear: 2023,
        asOf,
      });
      expect(replay.mismatches).toEqual([]);
      expect(replay.agrees).toBe(true);
      expect(replay.figures.find((figure) => figure.metricId === KPI1_METRIC_ID)).toEqual({
        metricId: KPI1_METRIC_ID,
        readModel: expected[KPI1_METRIC_ID],
        replayed: expected[KPI1_METRIC_ID],
      });
    },
  );

  it('cuts by position the same way: through e10, P5 counts and r2 does not yet', async () => {
    const [{ position }] = (
      await backend().sql.query('SELECT position FROM event_store.events WHERE event_id = $1', [
        ids.get('e10'),
      ])
    ).rows;
    const asOf = { throughPosition: Number(position) };
    expect(await figures(asOf)).toEqual({
      [KPI1_METRIC_ID]: 3,
      [PARTICIPANTS]: 4,
      [KPI2_METRIC_ID]: 3,
    });
    expect(
      (
        await checkReplay({
          eventStore: backend().eventStore,
          reader: query.reader,
          metrics: METRICS,
          fiscalYear: 2023,
          asOf,
        })
      ).agrees,
    ).toBe(true);
  });

  it('records the close with the figures at that moment and a hash checkpoint that verifies', async () => {
    const [closed] = await backend().eventStore.readStream('fiscal-year-2023');
    expect(closed.type).toBe('FiscalYearClosed');
    expect(closed.data).toMatchObject({
      fiscalYear: 2023,
      closedAt: '2024-04-30T00:00:00.000Z',
      closedBy: 'key:admin',
      figures: expect.objectContaining({
        [KPI1_METRIC_ID]: 3,
        [PARTICIPANTS]: 4,
        [KPI2_METRIC_ID]: 2,
      }),
      hashCheckpoint: { position: 14, eventCount: 14 },
    });
    const report = await verifyStore({
      eventStore: backend().eventStore,
      database: backend().database,
    });
    expect(report).toMatchObject({ ok: true, eventsChecked: 18, checkpointsChecked: 1 });
  });

  it('shows the post-close adjustments beside the closed figures, once the close is known', async () => {
    const now = await query.metrics(2023, {}, CHOSEN);
    expect(now.close).toMatchObject({
      closedAt: '2024-04-30T00:00:00.000Z',
      closedBy: 'key:admin',
      hashCheckpoint: { position: 14 },
    });
    expect(
      now.figures.map(({ metricId, value, closed, postCloseAdjustment }) => ({
        metricId,
        value,
        closed,
        postCloseAdjustment,
      })),
    ).toEqual([
      { metricId: KPI1_METRIC_ID, value: 4, closed: 3, postCloseAdjustment: 1 },
      { metricId: PARTICIPANTS, value: 5, closed: 4, postCloseAdjustment: 1 },
      { metricId: KPI2_METRIC_ID, value: 2, closed: 2, postCloseAdjustment: 0 },
    ]);
    const beforeClose = await query.metrics(2023, { knownAt: at('2024-04-29T00:00:00Z') }, CHOSEN);
    expect(beforeClose.close).toBeNull();
    expect(beforeClose.figures[0]).toMatchObject({
      value: 3,
      closed: null,
      postCloseAdjustment: null,
    });
  });

  it('refuses to close the year twice', async () => {
    const { eventStore, database } = backend();
    await expect(
      closeFiscalYear({
        eventStore,
        database,
        recorder,
        metrics: METRICS,
        fiscalYear: 2023,
        closedBy: 'key:admin',
        now: () => new Date(),
      }),
    ).rejects.toBeInstanceOf(FiscalYearAlreadyClosedError);
  });

  it('trails KPI①: every FY2023 ice-age join, whether it counts, its correction, and what came after the close', async () => {
    const trails = new MetricTrailReader(backend().database, backend().eventStore, query.reader);
    const trail = await trails.trail(KPI1_METRIC_ID, 2023, {});
    expect(trail.value).toBe(4);
    expect(
      trail.entries.map((e) => [
        [...ids].find(([, id]) => id === e.eventId)?.[0],
        e.occurredOn,
        e.recordedAt,
        e.recordedBy,
        e.bodyId,
        e.counts,
        e.correction?.kind ?? null,
        e.postClose,
      ]),
    ).toEqual([
      [
        'e1',
        '2023-05-10',
        '2023-05-11T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        true,
        null,
        false,
      ],
      [
        'e3',
        '2023-07-01',
        '2023-07-02T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        false,
        'retracted',
        false,
      ],
      [
        'e4',
        '2023-08-01',
        '2023-08-02T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        false,
        'retracted',
        true,
      ],
      [
        'e9',
        '2024-02-15',
        '2024-02-20T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        true,
        null,
        false,
      ],
      [
        'e10',
        '2024-03-25',
        '2024-04-05T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        true,
        null,
        false,
      ],
      [
        'e11',
        '2024-03-28',
        '2024-05-20T00:00:00.000Z',
        'key:entry',
        'kochi-prefecture',
        true,
        null,
        true,
      ],
    ]);
    expect(trail.entries[1].correction).toEqual({
      kind: 'retracted',
      byEventId: ids.get('r1'),
      position: expect.any(Number),
      recordedAt: '2024-01-10T00:00:00.000Z',
    });

    const before = await trails.trail(KPI1_METRIC_ID, 2023, {
      knownAt: at('2023-12-31T00:00:00Z'),
    });
    expect(before.entries.map((e) => [e.occurredOn, e.counts, e.correction])).toEqual([
      ['2023-05-10', true, null],
      ['2023-07-01', true, null],
      ['2023-08-01', true, null],
    ]);
    expect(auditCsv.trail(before).split('\r\n')[0]).toBe(
      '\uFEFFmetric_id,fiscal_year,event_id,position,stream_id,type,occurred_on,recorded_at,recorded_by,body_id,municipality_code,counts,supersedes,correction_kind,corrected_by,corrected_at,post_close',
    );
  });

  it('tells how KPI① for FY2023 changed day by day as events were recorded', async () => {
    const trails = new MetricTrailReader(backend().database, backend().eventStore, query.reader);
    const history = await trails.history(KPI1_METRIC_ID, 2023, {});
    expect(history.days.map((d) => [d.date, d.value, d.change])).toEqual([
      ['2023-05-11', 1, 1],
      ['2023-07-02', 2, 1],
      ['2023-08-02', 2, 0],
      ['2024-01-10', 1, -1],
      ['2024-02-20', 2, 1],
      ['2024-04-05', 3, 1],
      ['2024-05-20', 4, 1],
      ['2024-05-25', 4, 0],
    ]);
    const known = await trails.history(KPI1_METRIC_ID, 2023, {
      knownAt: at('2024-04-15T00:00:00Z'),
    });
    expect(known.days[known.days.length - 1]).toEqual({
      date: '2024-04-05',
      value: 3,
      change: 1,
      events: 1,
    });
    expect(auditCsv.history(known).split('\r\n')[1]).toBe(
      `${KPI1_METRIC_ID},2023,2023-05-11,1,1,1`,
    );
  });

  it("gives a stream's full history with the retraction that withdrew it", async () => {
    const history = await streamHistory(
      backend().eventStore,
      backend().database,
      'WorkExperienceJoined-e3',
    );
    expect(history.events).toEqual([
      {
        eventId: ids.get('e3'),
        revision: 0,
        position: 3,
        type: 'WorkExperienceJoined',
        schemaVersion: 1,
        recordedAt: '2023-07-02T00:00:00.000Z',
        recordedBy: 'key:entry',
        bodyId: 'kochi-prefecture',
        data: {
          bodyId: 'kochi-prefecture',
          occurredOn: '2023-07-01',
          personId: 'person-P3',
          baseId: 'ochi-base',
          iceAgeGeneration: true,
        },
        correction: {
          kind: 'retracted',
          byEventId: ids.get('r1'),
          position: 9,
          recordedAt: '2024-01-10T00:00:00.000Z',
        },
      },
    ]);
  });

  it('reports a read model that disagrees with the replay, whichever read model answered', async () => {
    const { sql, eventStore } = backend();
    const kpi1 = [metricById(KPI1_METRIC_ID)];
    const check = (asOf: AsOf) =>
      checkReplay({ eventStore, reader: query.reader, metrics: kpi1, fiscalYear: 2023, asOf });

    const latest = `metric_id = '${KPI1_METRIC_ID}' AND fiscal_year = 2023 AND position = (SELECT max(position) FROM audit_timeline_values WHERE metric_id = '${KPI1_METRIC_ID}')`;
    await sql.query(`UPDATE audit_timeline_values SET value = value - 1 WHERE ${latest}`);
    expect(await check({})).toMatchObject({
      agrees: false,
      mismatches: [{ metricId: KPI1_METRIC_ID, readModel: 3, replayed: 4 }],
    });
    await sql.query(`UPDATE audit_timeline_values SET value = value + 1 WHERE ${latest}`);

    await sql.query(
      `UPDATE activity_facts SET data = data || '{"iceAgeGeneration": false}' WHERE event_id = $1`,
      [ids.get('e9')],
    );
    expect(await check({ occurredBy: '2024-03-26' })).toMatchObject({
      agrees: false,
      mismatches: [{ metricId: KPI1_METRIC_ID, readModel: 2, replayed: 3 }],
    });
    await sql.query(
      `UPDATE activity_facts SET data = data || '{"iceAgeGeneration": true}' WHERE event_id = $1`,
      [ids.get('e9')],
    );
    expect((await check({ occurredBy: '2024-03-26' })).agrees).toBe(true);
  });
});
