import { randomUUID } from 'node:crypto';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';

const BODY = 'peer-support-center';

describe('POST /v1/events: recording the four named activities', () => {
  let api: ApiTestApp;
  let recorderKey: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    recorderKey = await api.createKey({ role: 'recorder', bodyId: BODY, name: 'peer-desk-entry' });
  }, 120_000);

  afterAll(() => api.close());

  it('records each named event with the recorder in its metadata', async () => {
    const events = [
      {
        id: randomUUID(),
        type: 'TrainingSessionHeld',
        occurredOn: '2023-07-10',
        data: {
          courseId: 'prefectural-self-reliance-support',
          title: '相談支援従事者研修',
          attendees: 56,
        },
      },
    ];
    const response = await api
      .http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${recorderKey}`)
      .send({ events });

    expect(response.body).toEqual({});
    expect(response.status).toBe(201);
  });
});
