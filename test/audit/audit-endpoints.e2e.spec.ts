import { randomUUID } from 'node:crypto';
import { METRICS } from '@ledger/domain';
import { METRIC_TIMELINE_PROJECTION } from '@ledger/audit';
import {
  LeaseExclusivity,
  ProjectionRunner,
  ReportingProjection,
  domainReportingEvents,
  waitForProjectionPosition,
} from '@ledger/projections';
import { DataSource } from 'typeorm';
import { ApiTestApp, startApiTestApp } from '../api/support/api-test-app';
import { recordRetracted, workExperienceJoined } from '../api/support/activity-samples';

const KPI1 = 'kpi1-ice-age-social-participation';

/** The audit endpoints through HTTP, on the service as main.ts builds it (embedded PGlite). */
describe('/v1/audit', () => {
  let api: ApiTestApp;
  const keys: Record<'recorder' | 'analyst' | 'auditor' | 'admin', string> = {
    recorder: '',
    analyst: '',
    auditor: '',
    admin: '',
  };
  const joins = [
    workExperienceJoined({ personId: 'psc-person-01' }),
    workExperienceJoined({ personId: 'psc-person-02' }),
    workExperienceJoined({ personId: 'psc-person-03', iceAgeGeneration: false }),
  ];

  const get = (path: string, role: keyof typeof keys = 'auditor') =>
    api.http().get(path).set('Authorization', `Bearer ${keys[role]}`);

  /** The reporting projection run here; the metric timeline runs inside the audit module. */
  async function project(): Promise<void> {
    const dataSource = api.app.get(DataSource);
    expect(
      await waitForProjectionPosition(
        dataSource,
        await api.store.headPosition(),
        30_000,
        METRIC_TIMELINE_PROJECTION,
      ),
    ).toBe(true);
    await new ProjectionRunner({
      dataSource,
      eventStore: api.store,
      projection: new ReportingProjection(METRICS, domainReportingEvents),
      exclusivity: new LeaseExclusivity(dataSource, randomUUID(), 5_000),
      stopWhenCaughtUp: true,
    }).done();
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    keys.recorder = await api.createKey({
      role: 'recorder',
      bodyId: 'peer-support-center',
      name: 'peer-desk-entry',
    });
    keys.analyst = await api.createKey({ role: 'analyst', name: 'analyst-1' });
    keys.auditor = await api.createKey({ role: 'auditor', name: 'auditor-1' });
    keys.admin = await api.createKey({ role: 'admin', name: 'admin-1' });
    const record = (events: unknown[]) =>
      api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${keys.recorder}`)
        .send({ events })
        .expect(201);
    await record(joins);
    await record([recordRetracted(joins[1].id)]);
    await project();
  }, 120_000);

  afterAll(() => api.close());

  it('answers KPIs now and as known before the retraction, for auditors only', async () => {
    const now = await get('/v1/audit/kpis?fiscalYear=2023').expect(200);
    expect(
      now.body.kpis.map((k: { kpiId: string; value: number; target: number | null }) => [
        k.kpiId,
        k.value,
        k.target,
      ]),
    ).toEqual([
      ['KPI1', 1, 22],
      ['KPI2', 0, 100],
    ]);
    expect(now.body.close).toBeNull();

    const retractionAt = (await api.store.readAll({ maxCount: 100 })).find(
      (event) => event.type === 'RecordRetracted',
    )?.recordedAt as Date;
    const before = new Date(retractionAt.getTime() - 1).toISOString();
    const earlier = await get(
      `/v1/audit/kpis?fiscalYear=2023&knownAt=${encodeURIComponent(before)}`,
    ).expect(200);
    expect(earlier.body.kpis[0]).toMatchObject({ kpiId: 'KPI1', value: 2 });
    expect(earlier.body.cut).toMatchObject({ knownAt: before, occurredBy: null });

    expect((await get('/v1/audit/kpis?fiscalYear=2023', 'analyst')).status).toBe(403);
    expect((await get('/v1/audit/kpis?fiscalYear=2023', 'recorder')).status).toBe(403);
    expect((await get('/v1/audit/kpis?fiscalYear=2023', 'admin')).status).toBe(200);
  });

  it('answers metrics as CSV with a BOM', async () => {
    const response = await get(
      `/v1/audit/metrics?fiscalYear=2023&metricId=${KPI1},work-experience-participants&format=csv`,
    ).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.text.split('\r\n')).toEqual([
      '\uFEFFfiscal_year,known_at,occurred_by,through_position,metric_id,measure_id,label,unit,value,closed,post_close_adjustment',
      expect.stringMatching(new RegExp(`^2023,,,\\d+,${KPI1},5b,.*,人,1,,$`)),
      expect.stringMatching(/^2023,,,\d+,work-experience-participants,5b,就労体験者数,名,2,,$/),
      '',
    ]);
  });

  it('refuses a malformed knownAt with a 400 naming it', async () => {
    const response = await get('/v1/audit/kpis?fiscalYear=2023&knownAt=yesterday').expect(400);
    expect(response.body).toMatchObject({ type: '/problems/invalid-audit-query', status: 400 });
    expect(response.body.detail).toContain('knownAt');
  });

  it('replays the store and agrees with the read model', async () => {
    const response = await get('/v1/audit/replay?fiscalYear=2023').expect(200);
    expect(response.body).toMatchObject({ agrees: true, fiscalYear: 2023, mismatches: [] });
    expect(response.body.figures.find((f: { metricId: string }) => f.metricId === KPI1)).toEqual({
      metricId: KPI1,
      readModel: 1,
      replayed: 1,
    });
  });

  it('trails KPI1 by its KPI id, and shows a stream whole', async () => {
    const trail = await get('/v1/audit/trails/KPI1?fiscalYear=2023').expect(200);
    expect(
      trail.body.entries.map(
        (e: {
          eventId: string;
          counts: boolean;
          recordedBy: string;
          bodyId: string;
          correction: { kind: string } | null;
        }) => [e.eventId, e.counts, e.recordedBy, e.bodyId, e.correction?.kind ?? null],
      ),
    ).toEqual([
      [joins[0].id, true, 'peer-desk-entry', 'peer-support-center', null],
      [joins[1].id, false, 'peer-desk-entry', 'peer-support-center', 'retracted'],
    ]);
    const history = await get(`/v1/audit/figures/${KPI1}/history?fiscalYear=2023`).expect(200);
    expect(history.body.days[history.body.days.length - 1]).toMatchObject({ value: 1 });

    const stream = trail.body.entries[1].streamId as string;
    const whole = await get(`/v1/audit/streams/${stream}/history`).expect(200);
    expect(whole.body.events.map((e: { type: string }) => e.type)).toEqual([
      'WorkExperienceJoined',
      'WorkExperienceJoined',
      'WorkExperienceJoined',
    ]);
    expect((await get('/v1/audit/streams/no-such-stream/history')).status).toBe(400);
  });

  it('closes a fiscal year for admins only, once, and verifies the chain it checkpointed', async () => {
    expect(
      (
        await api
          .http()
          .post('/v1/audit/fiscal-years/2023/close')
          .set('Authorization', `Bearer ${keys.auditor}`)
      ).status,
    ).toBe(403);
    const closed = await api
      .http()
      .post('/v1/audit/fiscal-years/2023/close')
      .set('Authorization', `Bearer ${keys.admin}`)
      .expect(201);
    expect(closed.body).toMatchObject({
      fiscalYear: 2023,
      closedBy: 'admin-1',
      figures: expect.objectContaining({ [KPI1]: 1 }),
    });
    expect(
      (
        await api
          .http()
          .post('/v1/audit/fiscal-years/2023/close')
          .set('Authorization', `Bearer ${keys.admin}`)
      ).status,
    ).toBe(409);

    const kpis = await get('/v1/audit/kpis?fiscalYear=2023').expect(200);
    expect(kpis.body.kpis[0]).toMatchObject({
      kpiId: 'KPI1',
      value: 1,
      closed: 1,
      postCloseAdjustment: 0,
    });

    const verified = await get('/v1/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true, firstMismatch: null, checkpointsChecked: 1 });
  });

  it('logs every audit query with who asked what and when', async () => {
    const dataSource = api.app.get(DataSource);
    const rows: {
      principal: string;
      role: string;
      query: string;
      parameters: Record<string, string>;
    }[] = await dataSource.query(
      'SELECT principal, role, query, parameters FROM audit_query_log ORDER BY id',
    );
    expect(rows[0]).toEqual({
      principal: 'auditor-1',
      role: 'auditor',
      query: 'GET /v1/audit/kpis',
      parameters: { fiscalYear: '2023' },
    });
    expect(rows.map((row) => `${row.principal} ${row.query}`)).toEqual(
      expect.arrayContaining([
        'admin-1 GET /v1/audit/kpis',
        'auditor-1 GET /v1/audit/trails/KPI1',
        'admin-1 POST /v1/audit/fiscal-years/2023/close',
        'auditor-1 GET /v1/audit/verify',
      ]),
    );
    expect(rows.some((row) => row.principal === 'analyst-1')).toBe(false);
  });
});
