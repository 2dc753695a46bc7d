import { AccessService } from '@ledger/access';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import { consultationHandled } from './support/activity-samples';

describe('API keys, roles and bodies', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  }, 120_000);

  afterAll(() => api.close());

  const postWith = (authorization: string | undefined) => {
    const call = api.http().post('/v1/events');
    if (authorization !== undefined) call.set('Authorization', authorization);
    return call.send({ events: [consultationHandled()] });
  };

  describe('401', () => {
    it.each([
      ['no key', undefined],
      ['a malformed key', 'Bearer nonsense'],
      ['an unknown key', `Bearer kl_0123456789abcdef_${'a'.repeat(43)}`],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
    ])('%s', async (_, authorization) => {
      const before = await api.store.headPosition();
      const response = await postWith(authorization);

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="kochi-kpi-ledger"');
      expect(response.body).toEqual({
        type: '/problems/unauthenticated',
        title: 'API key missing or not valid',
        status: 401,
        detail: 'Send a valid, unrevoked API key as "Authorization: Bearer kl_…".',
        instance: '/v1/events',
      });
      expect(await api.store.headPosition()).toBe(before);
    });

    it('a wrong secret for a known key id', async () => {
      const key = await api.createKey({ role: 'recorder', bodyId: 'peer-support-center' });
      const wrong = key.slice(0, -2) + (key.endsWith('AA') ? 'BB' : 'AA');

      expect((await postWith(`Bearer ${wrong}`)).status).toBe(401);
    });

    it('a revoked key', async () => {
      const access = api.app.get(AccessService);
      const created = await access.createKey({ role: 'recorder', bodyId: 'peer-support-center' });
      expect((await postWith(`Bearer ${created.key}`)).status).toBe(201);

      await access.revokeKey(created.keyId);

      expect((await postWith(`Bearer ${created.key}`)).status).toBe(401);
    });
  });

  describe('403', () => {
    it('an analyst recording', async () => {
      const analyst = await api.createKey({ role: 'analyst' });
      const response = await postWith(`Bearer ${analyst}`);

      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ type: '/problems/role-not-allowed', status: 403 });
    });

    it('a recorder recording for another body', async () => {
      const recorder = await api.createKey({ role: 'recorder', bodyId: 'peer-support-center' });
      const foreign = consultationHandled({ bodyId: 'regional-support-center' });
      const before = await api.store.headPosition();

      const response = await api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${recorder}`)
        .send({ events: [consultationHandled(), foreign] });

      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        type: '/problems/body-not-allowed',
        errors: [
          {
            index: 1,
            id: foreign.id,
            bodyId: 'regional-support-center',
            field: 'data.bodyId',
            reason: 'is not the body of this key',
          },
        ],
      });
      expect(await api.store.headPosition()).toBe(before);
    });
  });

  it('an admin may record for any body it names', async () => {
    const admin = await api.createKey({ role: 'admin', name: 'prefecture-admin' });
    const event = consultationHandled({ bodyId: 'regional-support-center' });

    const response = await api
      .http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${admin}`)
      .send({ events: [event] });

    expect(response.status).toBe(201);
    const [stored] = await api.store.readStream(`recording-${event.id}`);
    expect(stored.metadata).toMatchObject({
      recordedBy: 'prefecture-admin',
      bodyId: 'regional-support-center',
    });
  });

  it('GET /health answers without a key', async () => {
    const response = await api.http().get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /v1/plan shows the plan recorded at start-up', async () => {
    const analyst = await api.createKey({ role: 'analyst' });
    const response = await api.http().get('/v1/plan').set('Authorization', `Bearer ${analyst}`);

    expect(response.status).toBe(200);
    expect(response.body.kpis.map((kpi: { kpiId: string }) => kpi.kpiId)).toEqual(['KPI1', 'KPI2']);
    expect(response.body.measures.map((m: { measureId: string }) => m.measureId)).toEqual([
      '1',
      '2a',
      '2b',
      '3a',
      '3b',
      '3c',
      '4',
      '5a',
      '5b',
      '5c',
    ]);
    expect(response.body.bodies).toContainEqual({
      bodyId: 'peer-support-center',
      name: 'ひきこもりピアサポートセンター',
      nameEn: expect.any(String),
    });
  });

  it('serves the OpenAPI description at /docs', async () => {
    const response = await api.http().get('/docs-json');

    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/v1/events', '/v1/plan']),
    );
    expect(Object.keys(response.body.paths['/v1/events'])).toEqual(['post']);
  });
});
