import { METRICS } from '@ledger/domain';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import { consultationHandled } from './support/activity-samples';

type Role = 'recorder' | 'analyst' | 'auditor' | 'admin';

const KPI1_DEFINITION =
  '本事業において、就職氷河期世代のひきこもり当事者が社会参加（就労体験及び就労訓練等への参加）につながった人数';

/**
 * The read side through HTTP, on the service as main.ts builds it on embedded PGlite:
 * projections in-process, the FY2023 demo data recorded at start-up.
 */
describe('GET /v1/kpis and /v1/metrics: the read side', () => {
  let api: ApiTestApp;
  const keys: Record<Role, string> = { recorder: '', analyst: '', auditor: '', admin: '' };

  const get = (path: string, role: Role = 'analyst') =>
    api.http().get(path).set('Authorization', `Bearer ${keys[role]}`);

  /** Rows of a metric report as `[metricId, key, value]`, for exact comparison. */
  const rowsOf = (body: { rows: { metricId: string; key: string; value: number | null }[] }) =>
    body.rows.map((row) => [row.metricId, row.key, row.value]);

  beforeAll(async () => {
    api = await startApiTestApp(undefined, { demoData: true, projections: true });
    keys.recorder = await api.createKey({
      role: 'recorder',
      bodyId: 'peer-support-center',
      name: 'peer-desk',
    });
    keys.analyst = await api.createKey({ role: 'analyst', name: 'analyst-1' });
    keys.auditor = await api.createKey({ role: 'auditor', name: 'auditor-1' });
    keys.admin = await api.createKey({ role: 'admin', name: 'admin-1' });
    // The demo data was recorded before the projections caught up: wait for all of it.
    const head = await api.store.headPosition();
    const deadline = Date.now() + 60_000;
    while ((await get(`/v1/kpis?fiscalYear=2023&waitForPosition=${head}`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`projections did not reach ${head}`);
    }
  }, 180_000);

  afterAll(() => api.close());

  it('answers both FY2023 KPIs as the report states them, derived from the activities', async () => {
    const response = await get('/v1/kpis?fiscalYear=2023').expect(200);

    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual({
      fiscalYear: 2023,
      kpis: [
        {
          kpiId: 'KPI1',
          numbering: '①',
          definition: KPI1_DEFINITION,
          unit: '人',
          metricId: 'kpi1-ice-age-social-participation',
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
          numbering: '②',
          definition: expect.stringContaining('ひきこもり支援の相談窓口を知った'),
          unit: '人',
          metricId: 'kpi2-festa-ice-age-learned-of-desk',
          fiscalYear: 2023,
          target: 100,
          actual: 23,
          achievementRate: 0.23,
          grade: 'D',
          goal: { value: 100, fromFiscalYear: 2023, toFiscalYear: 2023 },
          cumulativeActual: 23,
          pace: null,
        },
      ],
    });
  });

  it('answers the KPIs as CSV with a BOM, by format=csv', async () => {
    const response = await get('/v1/kpis?fiscalYear=2023&format=csv').expect(200);

    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="kpis-fy2023.csv"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFkpiId,numbering,fiscalYear,target,actual,achievementRate,grade,goal,goalFrom,goalTo,cumulativeActual,paceTarget,onPace,unit,definition',
    );
    expect(lines[1]).toBe(`KPI1,①,2023,22,4,${4 / 22},D,54,2020,2024,4,,,人,${KPI1_DEFINITION}`);
    expect(lines[2]).toMatch(/^KPI2,②,2023,100,23,0\.23,D,100,2023,2023,23,,,人,/);
    expect(lines.slice(3)).toEqual(['']);
  });

  it('answers every metric of measure ③ア, as JSON and, asked by Accept, as CSV', async () => {
    const json = await get('/v1/measures/3a/metrics?fiscalYear=2023').expect(200);
    expect(json.body).toEqual({
      fiscalYear: 2023,
      measureId: '3a',
      breakdown: 'total',
      totals: [
        {
          metricId: 'outreach-home-visits',
          measureId: '3a',
          label: '自宅等訪問件数（延べ）',
          unit: '件',
          fiscalYear: 2023,
          value: 228,
        },
        {
          metricId: 'outreach-person-contacts',
          measureId: '3a',
          label: '本人との接触件数（延べ）',
          unit: '件',
          fiscalYear: 2023,
          value: 357,
        },
        {
          metricId: 'outreach-family-contacts',
          measureId: '3a',
          label: '家族（本人以外）との接触件数（延べ）',
          unit: '件',
          fiscalYear: 2023,
          value: 98,
        },
        {
          metricId: 'outreach-support-plans',
          measureId: '3a',
          label: '支援プラン作成件数',
          unit: '件',
          fiscalYear: 2023,
          value: 1,
        },
      ],
      rows: [],
      suppression: null,
    });

    const csv = await get('/v1/measures/3a/metrics?fiscalYear=2023')
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="metrics-fy2023-3a.csv"');
    expect(csv.text.split('\r\n')).toEqual([
      '\uFEFFmeasureId,metricId,label,fiscalYear,value,unit',
      '3a,outreach-home-visits,自宅等訪問件数（延べ）,2023,228,件',
      '3a,outreach-person-contacts,本人との接触件数（延べ）,2023,357,件',
      '3a,outreach-family-contacts,家族（本人以外）との接触件数（延べ）,2023,98,件',
      '3a,outreach-support-plans,支援プラン作成件数,2023,1,件',
      '',
    ]);
  });

  it('answers all measures at once, or one by measureId, from /v1/metrics', async () => {
    const all = await get('/v1/metrics?fiscalYear=2023').expect(200);
    const value = (id: string) =>
      all.body.totals.find((total: { metricId: string }) => total.metricId === id)?.value;
    expect(all.body.measureId).toBeNull();
    expect(all.body.totals.map((t: { metricId: string }) => t.metricId)).toEqual(
      METRICS.map((m) => m.id),
    );
    expect(
      [
        'municipalities-surveyed',
        'festa-participants',
        'declaration-signatories',
        'peer-consultations-ice-age',
        'work-experience-participants',
        'employment-started',
        'workplaces-developed',
      ].map(value),
    ).toEqual([7, 468, 102, 283, 19, 11, 64]);

    const one = await get('/v1/metrics?fiscalYear=2023&measureId=3b').expect(200);
    expect(
      one.body.totals.map((t: { metricId: string; value: number }) => [t.metricId, t.value]),
    ).toEqual([
      ['peer-consultations-ice-age', 283],
      ['peer-referrals', 1],
    ]);
  });

  it('breaks measure ③ア down by municipality: exact for auditors, small person-level counts suppressed for analysts', async () => {
    const exact = await get(
      '/v1/measures/3a/metrics?fiscalYear=2023&by=municipality',
      'auditor',
    ).expect(200);
    expect(rowsOf(exact.body)).toEqual([
      ['outreach-family-contacts', '39402', 35],
      ['outreach-family-contacts', '39403', 33],
      ['outreach-family-contacts', '39412', 30],
      ['outreach-home-visits', '39402', 80],
      ['outreach-home-visits', '39403', 76],
      ['outreach-home-visits', '39412', 72],
      ['outreach-person-contacts', '39402', 125],
      ['outreach-person-contacts', '39403', 120],
      ['outreach-person-contacts', '39412', 112],
      ['outreach-support-plans', '39402', 1],
    ]);
    expect(exact.body.suppression).toBeNull();
    expect(
      (await get('/v1/measures/3a/metrics?fiscalYear=2023&by=municipality', 'admin').expect(200))
        .body.rows,
    ).toEqual(exact.body.rows);

    const analyst = await get('/v1/measures/3a/metrics?fiscalYear=2023&by=municipality').expect(
      200,
    );
    expect(analyst.body.rows.at(-1)).toEqual({
      metricId: 'outreach-support-plans',
      fiscalYear: 2023,
      key: '39402',
      value: null,
      suppressed: true,
    });
    expect(analyst.body.rows.slice(0, -1)).toEqual(exact.body.rows.slice(0, -1));
    expect(analyst.body.suppression).toEqual({
      threshold: 3,
      rule: expect.stringContaining('person-level'),
    });
    expect(analyst.body.totals).toEqual(exact.body.totals);

    const csv = await get(
      '/v1/measures/3a/metrics?fiscalYear=2023&by=municipality&format=csv',
    ).expect(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="metrics-fy2023-3a-by-municipality.csv"',
    );
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFmeasureId,metricId,label,fiscalYear,municipality,value,unit',
      '3a,outreach-family-contacts,家族（本人以外）との接触件数（延べ）,2023,39402,35,件',
    ]);
    expect(csv.text.split('\r\n').slice(-2)).toEqual([
      '3a,outreach-support-plans,支援プラン作成件数,2023,39402,<3,件',
      '',
    ]);
  });

  it('suppresses people, not places: ⑤イ work-experience bases stay, participants in ones and twos go', async () => {
    const analyst = await get('/v1/measures/5b/metrics?fiscalYear=2023&by=municipality').expect(
      200,
    );
    const shown = (metricId: string) =>
      analyst.body.rows
        .filter((row: { metricId: string }) => row.metricId === metricId)
        .map((row: { key: string; value: number | null; suppressed: boolean }) => [
          row.key,
          row.value,
          row.suppressed,
        ]);
    expect(shown('work-experience-bases')).toEqual([
      ['39201', 1, false],
      ['39203', 1, false],
      ['39210', 1, false],
    ]);
    expect(shown('work-experience-participants')).toEqual([
      ['39201', 7, false],
      ['39203', 7, false],
      ['39210', 6, false],
    ]);
    expect(shown('kpi1-ice-age-social-participation')).toEqual([
      ['39201', null, true],
      ['39203', null, true],
      ['39210', null, true],
    ]);
    expect(shown('employment-started-care')).toEqual([['39203', null, true]]);
    expect(shown('employer-visits')).toEqual([['', 130, false]]);
  });

  it('breaks measure ③ア down by month', async () => {
    const response = await get('/v1/measures/3a/metrics?fiscalYear=2023&by=month').expect(200);
    const visits = response.body.rows
      .filter((row: { metricId: string }) => row.metricId === 'outreach-home-visits')
      .map((row: { key: string; value: number }) => [row.key, row.value]);
    expect(visits).toEqual([
      ['2023-04', 18],
      ['2023-05', 18],
      ['2023-06', 25],
      ['2023-07', 26],
      ['2023-08', 16],
      ['2023-09', 10],
      ['2023-10', 19],
      ['2023-11', 20],
      ['2023-12', 16],
      ['2024-01', 22],
      ['2024-02', 18],
      ['2024-03', 20],
    ]);
    expect(
      response.body.rows.every((row: { suppressed: boolean }) => row.suppressed === false),
    ).toBe(true);
  });

  it('breaks measure ③ア down by a named grouping: the welfare-office areas', async () => {
    const response = await get(
      '/v1/measures/3a/metrics?fiscalYear=2023&by=grouping&grouping=welfare-office-areas',
    ).expect(200);
    const area = (metricId: string) =>
      response.body.rows
        .filter((row: { metricId: string }) => row.metricId === metricId)
        .map((row: { key: string; value: number }) => [
          row.key.replace('welfare-office-areas/', ''),
          row.value,
        ]);
    expect(area('outreach-home-visits')).toEqual([
      ['aki', 0],
      ['chuo-higashi', 0],
      ['kochi-city', 0],
      ['chuo-nishi', 156],
      ['susaki', 72],
      ['hata', 0],
    ]);
    expect(
      area('outreach-person-contacts').filter(([, value]: [string, number]) => value > 0),
    ).toEqual([
      ['chuo-nishi', 245],
      ['susaki', 112],
    ]);
    expect(
      area('outreach-support-plans').filter(([, value]: [string, number]) => value > 0),
    ).toEqual([['chuo-nishi', 1]]);

    const csv = await get(
      '/v1/metrics?fiscalYear=2023&measureId=3a&by=grouping&grouping=welfare-office-areas&format=csv',
    ).expect(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="metrics-fy2023-3a-by-welfare-office-areas.csv"',
    );
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFmeasureId,metricId,label,fiscalYear,grouping,value,unit',
      '3a,outreach-home-visits,自宅等訪問件数（延べ）,2023,welfare-office-areas/aki,0,件',
    ]);
  });

  it('refuses bad query parameters with a 400 naming each of them', async () => {
    const cases: [string, string[]][] = [
      ['/v1/kpis', ['fiscalYear']],
      ['/v1/kpis?fiscalYear=twenty', ['fiscalYear']],
      ['/v1/kpis?fiscalYear=2023&waitForPosition=-1', ['waitForPosition']],
      ['/v1/kpis?fiscalYear=2023&format=xml', ['format']],
      ['/v1/kpis?fiscalyear=2023', ['fiscalYear', 'fiscalyear']],
      ['/v1/metrics?fiscalYear=2023&by=week', ['by']],
      ['/v1/metrics?fiscalYear=2023&by=grouping', ['grouping']],
      ['/v1/metrics?fiscalYear=2023&grouping=welfare-office-areas', ['grouping']],
      ['/v1/measures/3a/metrics?fiscalYear=2023&measureId=3b', ['measureId']],
    ];
    for (const [path, parameters] of cases) {
      const response = await get(path);
      expect([path, response.status, response.headers['content-type']]).toEqual([
        path,
        400,
        'application/problem+json; charset=utf-8',
      ]);
      expect(response.body).toMatchObject({ type: '/problems/invalid-query', status: 400 });
      expect([
        path,
        [...new Set(response.body.errors.map((e: { parameter: string }) => e.parameter))].sort(),
      ]).toEqual([path, parameters]);
    }
    const named = await get('/v1/kpis?fiscalYear=twenty');
    expect(named.body.errors).toEqual([
      { parameter: 'fiscalYear', reason: 'fiscalYear must be an integer number' },
    ]);
  });

  it('answers 404 for an unknown measure or grouping', async () => {
    const measure = await get('/v1/measures/9z/metrics?fiscalYear=2023').expect(404);
    expect(measure.body).toMatchObject({
      type: '/problems/unknown-measure',
      status: 404,
      detail: 'No measure 9z in the plan',
    });
    await get('/v1/metrics?fiscalYear=2023&measureId=9z').expect(404);
    const grouping = await get(
      '/v1/metrics?fiscalYear=2023&by=grouping&grouping=no-such-grouping',
    ).expect(404);
    expect(grouping.body).toMatchObject({ type: '/problems/unknown-grouping', status: 404 });
  });

  it('lets analysts, auditors and admins read; recorders get 403', async () => {
    for (const role of ['analyst', 'auditor', 'admin'] as const) {
      expect([role, (await get('/v1/kpis?fiscalYear=2023', role)).status]).toEqual([role, 200]);
    }
    for (const path of [
      '/v1/kpis?fiscalYear=2023',
      '/v1/metrics?fiscalYear=2023',
      '/v1/measures/3a/metrics?fiscalYear=2023',
    ]) {
      expect([path, (await get(path, 'recorder')).status]).toEqual([path, 403]);
    }
  });

  it('documents the queries and waitForPosition in /docs', async () => {
    const docs = (await api.http().get('/docs-json').expect(200)).body;
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/v1/kpis', '/v1/metrics', '/v1/measures/{measureId}/metrics']),
    );
    expect(docs.paths['/v1/kpis'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'fiscalYear',
      'waitForPosition',
      'format',
    ]);
    expect(docs.paths['/v1/metrics'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'fiscalYear',
      'waitForPosition',
      'format',
      'by',
      'grouping',
      'measureId',
    ]);
    expect(docs.components.schemas.RecordActivitiesResponse.required).toEqual([
      'events',
      'lastPosition',
    ]);
  });

  it('reads its own write: a query given the lastPosition of a POST includes that event', async () => {
    const posted = await api
      .http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${keys.recorder}`)
      .send({ events: [consultationHandled(), consultationHandled({ iceAgeGeneration: false })] })
      .expect(201);
    expect(posted.body.lastPosition).toBe(posted.body.events[1].position);

    const read = await get(
      `/v1/measures/3b/metrics?fiscalYear=2023&waitForPosition=${posted.body.lastPosition}`,
    ).expect(200);
    expect(
      read.body.totals.map((t: { metricId: string; value: number }) => [t.metricId, t.value]),
    ).toEqual([
      ['peer-consultations-ice-age', 284],
      ['peer-referrals', 1],
    ]);
  });

  it('answers 503 with Retry-After when the projections do not reach the position in time', async () => {
    const beyond = (await api.store.headPosition()) + 1_000;
    const response = await get(`/v1/kpis?fiscalYear=2023&waitForPosition=${beyond}`).expect(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ type: '/problems/projection-lag', status: 503 });
  }, 30_000);
});
