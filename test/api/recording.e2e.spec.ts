import { ACTIVITY_TYPES } from '@ledger/domain';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import {
  consultationHandled,
  declarationSigned,
  trainingSessionHeld,
  workExperienceJoined,
} from './support/activity-samples';

const BODY = 'peer-support-center';

describe('POST /v1/events: recording', () => {
  let api: ApiTestApp;
  let recorderKey: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    recorderKey = await api.createKey({ role: 'recorder', bodyId: BODY, name: 'peer-desk-entry' });
  }, 120_000);

  afterAll(() => api.close());

  const post = (body: unknown, key = recorderKey) =>
    api
      .http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('X-Request-Id', 'req-42')
      .send(body as object);

  it('records each of the four named events, read back from the store with the recorder in its metadata', async () => {
    const events = [
      trainingSessionHeld(),
      workExperienceJoined(),
      declarationSigned('kochi-city-commissioners'),
      consultationHandled(),
    ];

    const response = await post({ events });

    expect(response.status).toBe(201);
    const positions: { id: string; position: number }[] = response.body.events;
    expect(positions.map((event) => event.id)).toEqual(events.map((event) => event.id));
    const stored = await api.store.readStream(`recording-${events[0].id}`);
    expect(stored.map((event) => event.position)).toEqual(positions.map((event) => event.position));
    expect(
      stored.map(({ id, type, schemaVersion, data, metadata }) => ({
        id,
        type,
        schemaVersion,
        data,
        metadata: { ...metadata, causationId: typeof metadata.causationId },
      })),
    ).toEqual(
      events.map((event) => ({
        id: event.id,
        type: event.type,
        schemaVersion: ACTIVITY_TYPES[event.type as keyof typeof ACTIVITY_TYPES].schemaVersion,
        data: { ...event.data, bodyId: BODY, occurredOn: event.occurredOn },
        metadata: {
          recordedBy: 'peer-desk-entry',
          bodyId: BODY,
          correlationId: 'req-42',
          causationId: 'string',
          apiKeyId: recorderKey.slice(3, 19),
        },
      })),
    );
  });

  it('refuses a batch with one bad event among good ones, names it, and writes nothing; fixed it records, resent it is a no-op', async () => {
    const good = [consultationHandled(), trainingSessionHeld()];
    const bad = consultationHandled({ channel: 'fax' });
    const headBefore = await api.store.headPosition();
    const allBefore = await api.store.readAll();

    const refused = await post({ events: [good[0], bad, good[1]] });

    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toEqual({
      type: '/problems/invalid-events',
      title: 'Invalid events',
      status: 400,
      detail:
        '1 event(s) of the batch are not valid (1 error(s)); nothing of the batch was recorded.',
      instance: '/v1/events',
      errors: [
        {
          index: 1,
          id: bad.id,
          field: 'data.channel',
          reason: 'must be one of: email, phone, in_person',
        },
      ],
    });
    expect(await api.store.headPosition()).toBe(headBefore);
    expect(await api.store.readAll()).toEqual(allBefore);

    const fixed = { ...bad, data: { ...bad.data, channel: 'email' } };
    const recorded = await post({ events: [good[0], fixed, good[1]] });
    expect(recorded.status).toBe(201);
    const headAfter = await api.store.headPosition();
    expect(recorded.body).toEqual({
      events: [
        { id: good[0].id, position: headBefore + 1 },
        { id: fixed.id, position: headBefore + 2 },
        { id: good[1].id, position: headBefore + 3 },
      ],
      lastPosition: headBefore + 3,
    });
    expect(headAfter).toBe(headBefore + 3);

    const resent = await post({ events: [good[0], fixed, good[1]] });
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual(recorded.body);
    expect(await api.store.headPosition()).toBe(headAfter);
  });
});
